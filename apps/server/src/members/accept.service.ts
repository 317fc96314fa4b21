import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit/audit.service.js';
import { hashPassword, sha256, verifyPassword } from '../auth/secrets.js';
import { TokensService, type TokenPair } from '../auth/tokens.service.js';
import { invalid, notFound, unauthorized } from '../common/problem.js';
import type { Database } from '../db/database.js';
import { invitations, memberships, users } from '../db/schema.js';
import { DATABASE } from '../tenancy/tenancy.service.js';
import type { AcceptInvitationDto } from './members.schema.js';

/** Accepting an invitation: the token alone unlocks its row, then everything runs inside its tenant. */
@Injectable()
export class InvitationAcceptance {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly tokens: TokensService,
  ) {}

  async accept(body: AcceptInvitationDto, requestId: string): Promise<TokenPair> {
    const tokenHash = sha256(body.token);
    const [invitation] = await this.db.run({ tenantId: null, lookup: tokenHash }, (tx) => tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)));
    if (!invitation || invitation.acceptedAt || new Date(invitation.expiresAt).getTime() < Date.now()) {
      throw notFound('Invitation (it may have expired or been used)');
    }
    const [existing] = await this.db.run({ tenantId: null }, (tx) => tx.select().from(users).where(eq(users.email, invitation.email)));
    let newUser: typeof users.$inferInsert | null = null;
    if (existing) {
      if (!(await verifyPassword(existing.passwordHash, body.password))) throw unauthorized('This email has an account; give its password to join.');
    } else {
      if (!body.name) throw invalid('name', 'required to create your account');
      if (body.password.length < 10) throw invalid('password', 'at least 10 characters');
      newUser = { id: randomUUID(), email: invitation.email, name: body.name, passwordHash: await hashPassword(body.password) };
    }
    const userId = existing?.id ?? newUser!.id!;
    const tenantId = invitation.tenantId;
    return this.db.run({ tenantId, userId }, async (tx) => {
      const [open] = await tx.select().from(invitations).where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt))).for('update');
      if (!open) throw notFound('Invitation (it may have expired or been used)');
      if (newUser) await tx.insert(users).values(newUser);
      await tx.insert(memberships).values({ tenantId, userId, role: open.role, clientId: open.clientId }).onConflictDoNothing();
      await tx.update(invitations).set({ acceptedAt: new Date().toISOString() }).where(eq(invitations.id, open.id));
      await audit(tx, { tenantId, actorType: 'user', actorId: userId, requestId }, { action: 'invitation.accept', entityType: 'member', entityId: userId, after: { email: open.email, role: open.role, clientId: open.clientId } });
      return this.tokens.issue(tx, userId, tenantId);
    });
  }
}
