import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../audit/audit.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import { ProblemException } from '../common/problem.js';
import type { Database } from '../db/database.js';
import { memberships, passwordResets, refreshTokens, users } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { sealToken } from '../mail/sealed-token.js';
import { DATABASE } from '../tenancy/tenancy.service.js';
import { hashPassword, sha256 } from './secrets.js';

/** How long a reset link works. */
export const RESET_TTL_MS = 60 * 60 * 1000;
/** Every request takes at least this long, so an address with an account answers no slower than one without. */
const FLOOR_MS = 300;

export const resetSealContext = (resetId: string) => `password-reset/${resetId}`;

const badToken = (message: string) => new ProblemException(400, 'invalid-reset-token', `token: ${message}`, [{ field: 'token', message }]);

/**
 * Password reset by email: a random token, stored as its hash (and sealed for the mail job, which
 * runs later), single use, one hour. Asking never reveals whether an address has an account.
 */
@Injectable()
export class PasswordResetService {
  private readonly cipher: CredentialsCipher;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) config: Config,
  ) {
    this.cipher = CredentialsCipher.fromConfig(config);
  }

  /** Queues the reset email if the address has an account with a workspace; otherwise does nothing, as slowly. */
  async request(email: string, preferred: 'ru' | 'en' | null): Promise<void> {
    const started = Date.now();
    try {
      await this.createReset(email, preferred);
    } finally {
      const left = FLOOR_MS - (Date.now() - started);
      // A little jitter on top hides what remains of the difference.
      await sleep(Math.max(0, left) + Math.floor(Math.random() * 50));
    }
  }

  private async createReset(email: string, preferred: 'ru' | 'en' | null): Promise<void> {
    const [user] = await this.db.run({ tenantId: null }, (tx) => tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email)));
    if (!user) return;
    const tenantId = await this.firstWorkspace(user.id);
    // The outbox belongs to a workspace; someone in none has nowhere to sign in to anyway.
    if (!tenantId) return;
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.db.run({ tenantId, userId: user.id }, async (tx) => {
      await tx.insert(passwordResets).values({
        id,
        userId: user.id,
        tokenHash: sha256(token),
        sealedToken: sealToken(this.cipher, token, resetSealContext(id)),
        locale: user.locale ?? preferred,
        expiresAt: new Date(Date.now() + RESET_TTL_MS).toISOString(),
      });
      await enqueue(tx, 'auth.password-reset', { tenantId, userId: user.id, resetId: id }, id);
    });
  }

  private async firstWorkspace(userId: string): Promise<string | null> {
    const [first] = await this.db.run({ tenantId: null, userId }, (tx) =>
      tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt)).limit(1),
    );
    return first?.tenantId ?? null;
  }

  /** Sets the new password; the token stops working, so do every other open link and every session. */
  async confirm(token: string, password: string, requestId: string): Promise<void> {
    const tokenHash = sha256(token);
    const [reset] = await this.db.run({ tenantId: null, lookup: tokenHash }, (tx) => tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)));
    if (!reset) throw badToken('this reset link is not valid; ask for a new one');
    if (reset.usedAt) throw badToken('this reset link was already used; ask for a new one');
    if (new Date(reset.expiresAt).getTime() <= Date.now()) throw badToken('this reset link has expired; ask for a new one');
    const passwordHash = await hashPassword(password);
    const tenantId = await this.firstWorkspace(reset.userId);
    const now = new Date().toISOString();
    const done = await this.db.run({ tenantId, userId: reset.userId, lookup: tokenHash }, async (tx) => {
      // Claimed in the same statement that checks it: two simultaneous uses, one wins.
      const claimed = await tx
        .update(passwordResets)
        .set({ usedAt: now, sealedToken: null })
        .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
        .returning({ id: passwordResets.id });
      if (!claimed.length) return false;
      await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
      // Other links asked for earlier stop working too, and every signed-in session ends.
      await tx.update(passwordResets).set({ usedAt: now, sealedToken: null }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
      await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.userId, reset.userId), isNull(refreshTokens.revokedAt)));
      if (tenantId) await audit(tx, { tenantId, actorType: 'user', actorId: reset.userId, requestId }, { action: 'user.password_reset', entityType: 'user', entityId: reset.userId });
      return true;
    });
    if (!done) throw badToken('this reset link was already used; ask for a new one');
  }
}
