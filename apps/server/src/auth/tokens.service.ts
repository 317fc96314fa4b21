import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { CONFIG, type Config } from '../config/config.js';
import { unauthorized } from '../common/problem.js';
import type { Database, Tx } from '../db/database.js';
import { refreshTokens } from '../db/schema.js';
import { DATABASE } from '../tenancy/tenancy.service.js';
import { JwtService } from './jwt.js';
import { newSecret, sha256 } from './secrets.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** Access JWTs plus rotating refresh tokens grouped in families (one family per login). */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async issue(tx: Tx, userId: string, tenantId: string | null, familyId: string = randomUUID()): Promise<TokenPair> {
    const refreshToken = newSecret('mrt');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000).toISOString();
    await tx.insert(refreshTokens).values({ id: randomUUID(), userId, familyId, tokenHash: sha256(refreshToken), tenantId, expiresAt });
    const accessToken = await this.jwt.sign({ typ: 'user', sub: userId, tid: tenantId });
    return { accessToken, refreshToken, expiresIn: this.jwt.ttlSeconds, tokenType: 'Bearer' };
  }

  /**
   * Rotation: a live token is swapped for a new one in its family. Presenting a token that was
   * already rotated means it leaked or was replayed, so the whole family is signed out.
   */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.db.run({ tenantId: null }, async (tx) => {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(refreshToken))).for('update');
      if (!row || row.revokedAt) return { error: 'The refresh token is not valid; log in again.' } as const;
      if (row.rotatedAt) {
        await tx.update(refreshTokens).set({ revokedAt: new Date().toISOString() }).where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
        return { error: 'This refresh token was already used; every session of this login has been signed out.' } as const;
      }
      if (new Date(row.expiresAt).getTime() < Date.now()) return { error: 'The refresh token has expired; log in again.' } as const;
      await tx.update(refreshTokens).set({ rotatedAt: new Date().toISOString() }).where(eq(refreshTokens.id, row.id));
      return { tokens: await this.issue(tx, row.userId, row.tenantId, row.familyId) } as const;
    });
    // The revocation above must commit, so the refusal is thrown only after the transaction.
    if ('error' in outcome) throw unauthorized(outcome.error);
    return outcome.tokens;
  }

  async revokeFamilyOf(refreshToken: string): Promise<void> {
    await this.db.run({ tenantId: null }, async (tx) => {
      const [row] = await tx.select({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(refreshToken)));
      if (!row) return;
      await tx.update(refreshTokens).set({ revokedAt: new Date().toISOString() }).where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
    });
  }
}
