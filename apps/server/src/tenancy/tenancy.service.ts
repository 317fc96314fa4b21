import { Inject, Injectable } from '@nestjs/common';
import { can, type Permission, type Role } from '@mrm/contracts';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { forbidden, notFound, unauthorized } from '../common/problem.js';
import type { Database, MembershipRow, Statement, Tx } from '../db/database.js';
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
      return this.db.run({ tenantId, userId: principal.userId, membership: true, replica: opts.replica }, (tx, m) => fn(tx, this.userAccess(ctx, m)));
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

  /**
   * A single read-only query (list pages): for people, scope, membership check and query share one
   * round trip; machine clients take the ordinary path with its revocation check.
   */
  async read(ctx: RequestContext, query: { toSQL(): Statement; getSQL(): SQL }, opts: { replica?: boolean } = {}): Promise<Array<Record<string, unknown>>> {
    const { principal, tenantId } = ctx;
    if (principal.kind === 'user') {
      const { membership, rows } = await this.db.readOnce({ tenantId, userId: principal.userId, membership: true, replica: opts.replica }, query.toSQL());
      this.userAccess(ctx, membership);
      return rows;
    }
    return this.run(ctx, async (tx) => ((await tx.execute(query.getSQL())) as unknown as { rows: Array<Record<string, unknown>> }).rows, opts);
  }

  private userAccess(ctx: RequestContext, m: MembershipRow | null): Access {
    if (!m || ctx.principal.kind !== 'user') throw notFound('Workspace');
    const role = m.role as Role;
    if (ctx.permission && !can(role, ctx.permission)) throw forbidden(`Your role (${role}) does not allow ${ctx.permission}.`);
    return { tenantId: ctx.tenantId, requestId: ctx.requestId, role, clientScope: m.clientId, actorType: 'user', actorId: ctx.principal.userId, can: (p) => can(role, p) };
  }
}
