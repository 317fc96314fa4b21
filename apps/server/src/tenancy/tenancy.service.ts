import { Inject, Injectable } from '@nestjs/common';
import { can, type Permission, type Role } from '@mrm/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { forbidden, notFound, unauthorized } from '../common/problem.js';
import type { Database, Tx } from '../db/database.js';
import { oauthClients } from '../db/schema.js';

export const DATABASE = Symbol('DATABASE');

/** What a request may do inside its tenant, resolved in the same transaction that does the work. */
export interface Access {
  tenantId: string;
  requestId: string;
  role: Role | null;
  clientScope: string | null;
  actorType: 'user' | 'oauth_client';
  actorId: string;
  can(permission: Permission): boolean;
}

@Injectable()
export class Tenancy {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The only way request code reaches tenant data: one transaction as the application role with
   * the tenant (and a viewer's client) set for RLS, after checking membership and permission.
   */
  run<T>(ctx: RequestContext, fn: (tx: Tx, access: Access) => Promise<T>, opts: { replica?: boolean } = {}): Promise<T> {
    const { principal, tenantId, requestId } = ctx;
    if (principal.kind === 'user') {
      return this.db.run({ tenantId, userId: principal.userId, membership: true, replica: opts.replica }, async (tx, m) => {
        if (!m) throw notFound('Workspace');
        const role = m.role as Role;
        if (ctx.permission && !can(role, ctx.permission)) {
          throw forbidden(`Your role (${role}) does not allow ${ctx.permission}.`);
        }
        return fn(tx, { tenantId, requestId, role, clientScope: m.clientId, actorType: 'user', actorId: principal.userId, can: (p) => can(role, p) });
      });
    }
    return this.db.run({ tenantId, replica: opts.replica }, async (tx) => {
      const live = await tx
        .select({ id: oauthClients.id })
        .from(oauthClients)
        .where(and(eq(oauthClients.tenantId, tenantId), eq(oauthClients.id, principal.oauthClientId), isNull(oauthClients.revokedAt)));
      if (live.length === 0) throw unauthorized('This OAuth client has been revoked.');
      const scopes = principal.scopes;
      return fn(tx, { tenantId, requestId, role: null, clientScope: null, actorType: 'oauth_client', actorId: principal.oauthClientId, can: (p) => scopes.includes(p) });
    });
  }
}
