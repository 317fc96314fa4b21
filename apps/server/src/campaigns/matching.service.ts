import { Injectable } from '@nestjs/common';
import type { PlanMatching, PlatformCampaign } from '@mrm/contracts';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { actorOf, audit } from '../audit/audit.service.js';
import { escapeLike } from '../clients/clients.repository.js';
import type { RequestContext } from '../common/context.js';
import { requireIfMatch } from '../common/http.js';
import { notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { clients, lineItems, platformCampaigns } from '../db/schema.js';
import { toLineItem } from '../plans/lineitems.mapper.js';
import { plansRepository as plans } from '../plans/plans.repository.js';
import { mustGet, mustLock } from '../plans/plans.service.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { suggest } from './suggest.js';

type CampaignRow = typeof platformCampaigns.$inferSelect;
const toCampaign = (c: CampaignRow): PlatformCampaign => ({ platform: c.platform, accountId: c.accountId, campaignId: c.campaignId, name: c.name, firstDate: c.firstDate, lastDate: c.lastDate });

function clientCampaigns(tx: Tx, tenantId: string, clientId: string, q: { q?: string; platform?: string } = {}) {
  const like = q.q ? escapeLike(q.q) : undefined;
  return tx.select().from(platformCampaigns)
    .where(and(
      eq(platformCampaigns.tenantId, tenantId),
      eq(platformCampaigns.clientId, clientId),
      q.platform ? eq(platformCampaigns.platform, q.platform) : undefined,
      like ? or(ilike(platformCampaigns.name, like), ilike(platformCampaigns.campaignId, like)) : undefined,
    ))
    .orderBy(asc(platformCampaigns.platform), asc(platformCampaigns.name), asc(platformCampaigns.campaignId))
    .limit(2000);
}

/**
 * Matching line items to the platform campaigns whose actuals they should count. A match is the
 * line's campaign ids (externalIds); confirming one is tracking, not planning, so it neither
 * reopens an approved or live plan as a draft nor needs the plan to be in draft.
 */
@Injectable()
export class MatchingService {
  constructor(private readonly tenancy: Tenancy) {}

  campaigns(ctx: RequestContext, clientId: string, q: { q?: string; platform?: string }) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [client] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.tenantId, access.tenantId), eq(clients.id, clientId)));
      if (!client) throw notFound('Client');
      return { items: (await clientCampaigns(tx, access.tenantId, clientId, q)).map(toCampaign) };
    }, { replica: true });
  }

  matching(ctx: RequestContext, planId: string): Promise<PlanMatching> {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustGet(tx, access, planId);
      const [lines, rows] = [await plans.lines(tx, access.tenantId, planId), await clientCampaigns(tx, access.tenantId, plan.clientId)];
      const byId = new Map<string, PlatformCampaign[]>();
      for (const r of rows) byId.set(r.campaignId, [...(byId.get(r.campaignId) ?? []), toCampaign(r)]);
      const claimed = new Set(lines.flatMap((l) => l.externalIds ?? []));
      const unmatched = rows.filter((r) => !claimed.has(r.campaignId)).map(toCampaign);
      return {
        planId,
        clientId: plan.clientId,
        lines: lines.map((l) => {
          const ids = l.externalIds ?? [];
          return {
            lineItemId: l.id, name: l.name, channel: l.channel, partner: l.partner, startDate: l.startDate, endDate: l.endDate, version: l.version,
            campaignIds: ids,
            campaigns: ids.flatMap((id) => byId.get(id) ?? []),
            unknownCampaignIds: ids.filter((id) => !byId.has(id)),
            suggestions: ids.length ? [] : suggest(l, unmatched),
          };
        }),
        unmatchedCampaigns: unmatched,
      };
    });
  }

  setLineCampaigns(ctx: RequestContext, planId: string, lineId: string, ifMatch: string | undefined, campaignIds: string[]) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      if (plan.status === 'archived') {
        throw new ProblemException(409, 'plan-archived', 'The plan is archived; restore it before matching its lines.', [{ field: 'status', message: 'archived plans are read-only' }]);
      }
      const [current] = await plans.linesByIds(tx, access.tenantId, planId, [lineId]);
      if (!current) throw notFound('Line item');
      requireIfMatch(ifMatch, current.version);
      const [row] = await tx.update(lineItems)
        .set({ externalIds: campaignIds, version: sql`${lineItems.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(lineItems.tenantId, access.tenantId), eq(lineItems.id, lineId)))
        .returning();
      await audit(tx, actorOf(access), { action: 'line_item.match', entityType: 'line_item', entityId: lineId, before: { externalIds: current.externalIds }, after: { externalIds: row.externalIds } });
      return toLineItem(row);
    });
  }
}
