import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ROLE_PERMISSIONS, type Locale, type Role } from '@mrm/contracts';
import { asc, eq } from 'drizzle-orm';
import { audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { conflict, notFound, unauthorized } from '../common/problem.js';
import type { Database, Tx } from '../db/database.js';
import { memberships, tenants, users } from '../db/schema.js';
import { METRICS, type Metrics } from '../ops/metrics.js';
import { DATABASE } from '../tenancy/tenancy.service.js';
import { hashPassword, verifyPassword } from './secrets.js';
import { TokensService, type TokenPair } from './tokens.service.js';

export interface Registration {
  tenantName: string;
  name: string;
  email: string;
  password: string;
}

export function slugify(name: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${base || 'agency'}-${randomBytes(3).toString('hex')}`;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly tokens: TokensService,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  /** A new agency workspace with its owner, in one transaction. */
  async register(input: Registration, requestId: string | null): Promise<TokenPair> {
    const passwordHash = await hashPassword(input.password);
    const tenantId = randomUUID();
    const userId = randomUUID();
    const tokens = await this.db.run({ tenantId, userId }, async (tx) => {
      const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (existing.length > 0) throw conflict('email', 'An account with this email already exists; log in instead.');
      const tenant = { id: tenantId, name: input.tenantName, slug: slugify(input.tenantName) };
      await tx.insert(tenants).values(tenant);
      await tx.insert(users).values({ id: userId, email: input.email, name: input.name, passwordHash });
      await tx.insert(memberships).values({ tenantId, userId, role: 'owner' });
      await audit(tx, { tenantId, actorType: 'user', actorId: userId, requestId }, { action: 'tenant.register', entityType: 'tenant', entityId: tenantId, after: { ...tenant, owner: { id: userId, email: input.email, name: input.name } } });
      return this.tokens.issue(tx, userId, tenantId);
    });
    this.metrics.tenantsCreated.inc();
    return tokens;
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const found = await this.db.run({ tenantId: null }, (tx) => tx.select().from(users).where(eq(users.email, email)));
    const user = found[0];
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw unauthorized('The email or password is wrong.');
    return this.db.run({ tenantId: null, userId: user.id }, async (tx) => {
      const [first] = await tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, user.id)).orderBy(asc(memberships.createdAt)).limit(1);
      await tx.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, user.id));
      return this.tokens.issue(tx, user.id, first?.tenantId ?? null);
    });
  }

  me(ctx: RequestContext) {
    return this.meIn(ctx, async (tx, userId) => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId));
      return user;
    });
  }

  /**
   * Changes what a person may change about themselves (their language), answered like GET /me. The
   * change is recorded in the audit log of the workspace the request acts in.
   */
  updateMe(ctx: RequestContext, patch: { locale?: Locale }) {
    return this.meIn(ctx, async (tx, userId) => {
      const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!before || patch.locale === undefined || patch.locale === before.locale) return before;
      const [after] = await tx.update(users).set({ locale: patch.locale }).where(eq(users.id, userId)).returning();
      await audit(tx, { tenantId: ctx.tenantId, actorType: 'user', actorId: userId, requestId: ctx.requestId }, { action: 'user.update', entityType: 'user', entityId: userId, before: { locale: before.locale }, after: { locale: after.locale } });
      return after;
    });
  }

  private meIn(ctx: RequestContext, load: (tx: Tx, userId: string) => Promise<typeof users.$inferSelect | undefined>) {
    if (ctx.principal.kind !== 'user') throw notFound('User');
    const userId = ctx.principal.userId;
    return this.db.run({ tenantId: ctx.tenantId, userId, membership: true }, async (tx, current) => {
      if (!current) throw notFound('Workspace');
      const user = await load(tx, userId);
      if (!user) throw notFound('User');
      const all = await tx
        .select({ tenantId: memberships.tenantId, tenantName: tenants.name, role: memberships.role, clientId: memberships.clientId, createdAt: memberships.createdAt })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(memberships.createdAt));
      const role = current.role as Role;
      return {
        user: { id: user.id, email: user.email, name: user.name, locale: user.locale as Locale | null },
        tenantId: ctx.tenantId,
        role,
        permissions: [...ROLE_PERMISSIONS[role]],
        memberships: all.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, role: m.role as Role, clientId: m.clientId })),
      };
    });
  }
}
