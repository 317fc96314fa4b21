import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { actorOf, audit, type AuditActor } from '../audit/audit.service.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import { CONFIG, type Config } from '../config/config.js';
import type { RequestContext } from '../common/context.js';
import { iso, isoReq } from '../common/http.js';
import { invalid, notFound, ProblemException } from '../common/problem.js';
import type { Database, Tx } from '../db/database.js';
import { clients, shareLinks, tenants } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { DATABASE, Tenancy } from '../tenancy/tenancy.service.js';
import { plansRepository as plans } from './plans.repository.js';
import { toPlan } from './plans.schema.js';
import { mustGet } from './plans.service.js';
import { decide, versionRow, type Snapshot } from './versions.service.js';

type ShareRow = typeof shareLinks.$inferSelect;

const toShare = (r: ShareRow, token?: string, url?: string) => ({
  id: r.id,
  versionNumber: r.versionNumber,
  expiresAt: isoReq(r.expiresAt),
  revokedAt: iso(r.revokedAt),
  createdAt: isoReq(r.createdAt),
  decision: r.decision as 'approved' | 'rejected' | null,
  decidedName: r.decidedName,
  decidedComment: r.decidedComment,
  decidedAt: iso(r.decidedAt),
  ...(token ? { token, url } : {}),
});

/** Client sign-off without an account: a signed, expiring, revocable link to one frozen version. */
@Injectable()
export class SharingService {
  constructor(
    private readonly tenancy: Tenancy,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  create(ctx: RequestContext, planId: string, versionNumber: number | undefined, expiresInDays: number) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustGet(tx, access, planId);
      const number = versionNumber ?? plan.latestVersion;
      if (!number || !(await versionRow(tx, access.tenantId, planId, number))) {
        throw invalid('versionNumber', number ? `version ${number} does not exist` : 'submit the plan first: only a frozen version can be shared');
      }
      const token = newSecret('msl');
      const [row] = await tx
        .insert(shareLinks)
        .values({ id: randomUUID(), tenantId: access.tenantId, clientId: plan.clientId, planId, versionNumber: number, tokenHash: sha256(token), expiresAt: new Date(Date.now() + expiresInDays * 86_400_000).toISOString(), createdBy: access.actorType === 'user' ? access.actorId : null })
        .returning();
      await audit(tx, actorOf(access), { action: 'plan.share', entityType: 'share_link', entityId: row.id, after: toShare(row) });
      // The link a client opens is the web app's sign-off page, which reads the public API.
      return toShare(row, token, `${this.config.WEB_ORIGIN[0]}/approve/${token}`);
    });
  }

  list(ctx: RequestContext, planId: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      const rows = await tx.select().from(shareLinks).where(and(eq(shareLinks.tenantId, access.tenantId), eq(shareLinks.planId, planId))).orderBy(desc(shareLinks.createdAt));
      return { items: rows.map((r) => toShare(r)) };
    });
  }

  revoke(ctx: RequestContext, planId: string, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [row] = await tx
        .update(shareLinks)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(shareLinks.tenantId, access.tenantId), eq(shareLinks.planId, planId), eq(shareLinks.id, id), isNull(shareLinks.revokedAt)))
        .returning();
      if (!row) throw notFound('Share link');
      await audit(tx, actorOf(access), { action: 'plan.share_revoke', entityType: 'share_link', entityId: id, after: toShare(row) });
    });
  }

  /** The token alone unlocks its row; a revoked, expired or unknown link is simply not found. */
  private async open(token: string): Promise<ShareRow> {
    const hash = sha256(token);
    const [row] = await this.db.run({ tenantId: null, lookup: hash }, (tx) => tx.select().from(shareLinks).where(eq(shareLinks.tokenHash, hash)));
    if (!row || row.revokedAt || new Date(row.expiresAt).getTime() < Date.now()) throw notFound('Approval link');
    return row;
  }

  async view(token: string) {
    const share = await this.open(token);
    return this.db.run({ tenantId: share.tenantId }, async (tx) => {
      const version = await versionRow(tx, share.tenantId, share.planId, share.versionNumber);
      if (!version) throw notFound('Approval link');
      const snapshot = version.snapshot as Snapshot;
      const [names] = await tx
        .select({ agency: tenants.name, client: clients.name })
        .from(tenants)
        .innerJoin(clients, eq(clients.tenantId, tenants.id))
        .where(and(eq(tenants.id, share.tenantId), eq(clients.id, share.clientId)));
      const { currency, budget, startDate, endDate, vatRate, agencyCommission, notes } = snapshot.plan;
      return {
        agencyName: names?.agency ?? '',
        clientName: names?.client ?? '',
        planName: snapshot.plan.name,
        versionNumber: share.versionNumber,
        versionStatus: version.status as 'in_review' | 'approved' | 'rejected' | 'superseded',
        expiresAt: isoReq(share.expiresAt),
        decision: share.decision as 'approved' | 'rejected' | null,
        decidedName: share.decidedName,
        decidedAt: iso(share.decidedAt),
        plan: { currency, budget, startDate, endDate, vatRate, agencyCommission, notes },
        totals: version.totals as never,
        lineItems: snapshot.lineItems,
      };
    });
  }

  async decide(token: string, decision: 'approve' | 'reject', name: string, comment: string | undefined, requestId: string) {
    const share = await this.open(token);
    return this.db.run({ tenantId: share.tenantId, lookup: share.tokenHash }, async (tx: Tx) => {
      const plan = await plans.lock(tx, share.tenantId, share.planId);
      if (!plan) throw notFound('Approval link');
      const actor: AuditActor = { tenantId: share.tenantId, actorType: 'client_link', actorId: share.id, requestId };
      if (plan.latestVersion !== share.versionNumber) {
        throw new ProblemException(409, 'version-superseded', `This link shows version ${share.versionNumber}, but the agency has since submitted version ${plan.latestVersion}; ask them for a new link.`, [{ field: 'token', message: 'links to a superseded version' }]);
      }
      const by = `${name} (client, by link)`;
      const row = await decide(tx, actor, plan, decision, by, comment ?? null);
      const [updated] = await tx
        .update(shareLinks)
        .set({ decision: decision === 'approve' ? 'approved' : 'rejected', decidedName: name, decidedComment: comment ?? null, decidedAt: new Date().toISOString() })
        .where(eq(shareLinks.id, share.id))
        .returning();
      await enqueue(tx, 'plan.client-signed-off', { tenantId: share.tenantId, planId: share.planId, version: share.versionNumber, shareLinkId: share.id }, `${share.planId}.${share.versionNumber}`);
      return { plan: toPlan(row).status, share: toShare(updated) };
    });
  }
}
