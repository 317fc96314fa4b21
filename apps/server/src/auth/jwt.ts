import { SignJWT, jwtVerify, errors } from 'jose';
import type { Config } from '../config/config.js';
import { localSecret } from '../common/local-secret.js';

export type AccessClaims =
  | { typ: 'user'; sub: string; tid: string | null }
  | { typ: 'client'; sub: string; tid: string; scope: string };

const ISSUER = 'mrm-ai-platform';

/**
 * HS256 access tokens. Production passes JWT_SECRET; the embedded mode keeps a generated key in
 * its data folder so logins survive a restart.
 */
export class JwtService {
  private readonly key: Uint8Array;
  // A client sends the same token on every request for 15 minutes; remembering the verdict on those
  // exact bytes (until the token's own expiry) spares a signature check per request.
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(private readonly config: Config) {
    this.key = new TextEncoder().encode(config.JWT_SECRET ?? localSecret(config.MRM_DATA_DIR, 'jwt-secret', 48, 'base64url'));
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  async sign(claims: AccessClaims): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** null when the token is expired, forged or malformed: the caller answers 401 either way. */
  async verify(token: string): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.claims;
      this.verified.delete(token);
    }
    const claims = await this.verifySignature(token);
    if (claims) {
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims?.claims ?? null;
  }

  private async verifySignature(token: string): Promise<{ claims: AccessClaims; expiresAt: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const expiresAt = (payload.exp ?? 0) * 1000;
      if (payload.typ === 'user' && typeof payload.sub === 'string') {
        return { claims: { typ: 'user', sub: payload.sub, tid: typeof payload.tid === 'string' ? payload.tid : null }, expiresAt };
      }
      if (payload.typ === 'client' && typeof payload.sub === 'string' && typeof payload.tid === 'string') {
        return { claims: { typ: 'client', sub: payload.sub, tid: payload.tid, scope: String(payload.scope ?? '') }, expiresAt };
      }
      return null;
    } catch (err) {
      if (err instanceof errors.JOSEError) return null;
      throw err;
    }
  }
}
