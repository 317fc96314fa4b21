import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PERMISSIONS, type Permission } from '@mrm/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { actorOf, audit } from '../audit/audit.service.js';
import { JwtService } from '../auth/jwt.js';
import { newSecret, safeEqual, sha256 } from '../auth/secrets.js';
import type { RequestContext } from '../common/context.js';
import { iso, isoReq } from '../common/http.js';
import { forbidden, notFound, ProblemException } from '../common/problem.js';
import type { Database } from '../db/database.js';
import { oauthClients } from '../db/schema.js';
import { DATABASE, Tenancy } from '../tenancy/tenancy.service.js';
import type { CreateOAuthClientDto } from './oauth.schema.js';

const toClient = (r: typeof oauthClients.$inferSelect, clientSecret?: string) => ({
  id: r.id,
  clientId: r.clientId,
  name: r.name,
  scopes: r.scopes,
  createdAt: isoReq(r.createdAt),
  revokedAt: iso(r.revokedAt),
  ...(clientSecret ? { clientSecret } : {}),
});

/** RFC 6749 §5.2 errors, carried inside a problem document so both kinds of client can read them. */
export const oauthError = (status: number, error: string, description: string, field?: string) =>
  new ProblemException(status, `oauth-${error}`, description, field ? [{ field, message: description }] : undefined, status === 401 ? { 'www-authenticate': 'Basic realm="mrm"' } : {}, {
    error,
    error_description: description,
  });

@Injectable()
export class OAuthService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly jwt: JwtService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  create(ctx: RequestContext, body: CreateOAuthClientDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const excess = body.scopes.filter((s) => !access.can(s));
      if (excess.length) throw forbidden(`You cannot grant scopes you do not hold: ${excess.join(', ')}.`);
      const clientId = `mrm_${randomBytes(12).toString('hex')}`;
      const clientSecret = newSecret('mcs');
      const [row] = await tx
        .insert(oauthClients)
        .values({ id: randomUUID(), tenantId: access.tenantId, clientId, secretHash: sha256(clientSecret), name: body.name, scopes: [...new Set(body.scopes)], createdBy: access.actorType === 'user' ? access.actorId : null })
        .returning();
      await audit(tx, actorOf(access), { action: 'oauth_client.create', entityType: 'oauth_client', entityId: row.id, after: toClient(row) });
      return toClient(row, clientSecret);
    });
  }

  list(ctx: RequestContext) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const rows = await tx.select().from(oauthClients).where(eq(oauthClients.tenantId, access.tenantId)).orderBy(desc(oauthClients.createdAt));
      return { items: rows.map((r) => toClient(r)) };
    });
  }

  revoke(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [row] = await tx
        .update(oauthClients)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(oauthClients.tenantId, access.tenantId), eq(oauthClients.id, id), isNull(oauthClients.revokedAt)))
        .returning();
      if (!row) throw notFound('OAuth client');
      await audit(tx, actorOf(access), { action: 'oauth_client.revoke', entityType: 'oauth_client', entityId: id, after: toClient(row) });
    });
  }

  /** The client-credentials grant: a scoped access token for a machine client. */
  async token(grantType: string, clientId: string | undefined, clientSecret: string | undefined, scope: string | undefined) {
    if (grantType !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.', 'grant_type');
    if (!clientId || !clientSecret) throw oauthError(401, 'invalid_client', 'Client authentication failed.', 'client_id');
    if (!/^[A-Za-z0-9_.-]{1,200}$/.test(clientId)) throw oauthError(401, 'invalid_client', 'Client authentication failed.', 'client_id');
    const [row] = await this.db.run({ tenantId: null, lookup: clientId }, (tx) => tx.select().from(oauthClients).where(eq(oauthClients.clientId, clientId)));
    if (!row || row.revokedAt || !safeEqual(row.secretHash, sha256(clientSecret))) {
      throw oauthError(401, 'invalid_client', 'Client authentication failed.', 'client_id');
    }
    const requested = scope ? scope.split(' ').filter(Boolean) : row.scopes;
    const unknown = requested.filter((s) => !row.scopes.includes(s) || !(PERMISSIONS as readonly string[]).includes(s));
    if (unknown.length) throw oauthError(400, 'invalid_scope', `Not granted to this client: ${unknown.join(' ')}.`, 'scope');
    const granted = requested as Permission[];
    const accessToken = await this.jwt.sign({ typ: 'client', sub: row.id, tid: row.tenantId, scope: granted.join(' ') });
    return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: this.jwt.ttlSeconds, scope: granted.join(' ') };
  }
}
