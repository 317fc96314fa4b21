import { Injectable } from '@nestjs/common';
import { and, count, countDistinct, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { memberships, projects, refreshTokens, reportRuns } from '../db/schema.js';
import { ApiUsage, utcDay } from '../ops/usage.js';
import { Tenancy } from '../tenancy/tenancy.service.js';

const DAY_MS = 86_400_000;
const DAYS = 30;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * A workspace's business metrics from shared records, so every pod answers the same:
 * - active users: members with a session issued (log-in or token renewal) in the window — a web
 *   session renews its 15-minute access token while it is used, so this is "used the platform";
 * - projects created: the projects table, by UTC day;
 * - API calls: the per-workspace daily counters in Redis the request hook keeps;
 * - reports generated: report runs by when they finished (an expired one was generated all the same).
 */
@Injectable()
export class AdminMetricsService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly usage: ApiUsage,
  ) {}

  async metrics(ctx: RequestContext) {
    const now = Date.now();
    const tenantId = ctx.tenantId;
    const first = utcDay(now - (DAYS - 1) * DAY_MS);
    const members = sql`(select ${memberships.userId} from ${memberships} where ${memberships.tenantId} = ${tenantId})`;
    const day = sql<string>`to_char(${projects.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;

    const [db, calls] = await Promise.all([
      this.tenancy.run(
        ctx,
        async (tx) => ({
          active: await tx
            .select({
              last24h: sql<number>`count(distinct ${refreshTokens.userId}) filter (where ${refreshTokens.createdAt} > now() - interval '24 hours')::int`,
              last7d: sql<number>`${countDistinct(refreshTokens.userId)}::int`,
            })
            .from(refreshTokens)
            .where(and(gt(refreshTokens.createdAt, sql`now() - interval '7 days'`), inArray(refreshTokens.userId, members))),
          members: await tx.select({ n: sql<number>`${count()}::int` }).from(memberships).where(eq(memberships.tenantId, tenantId)),
          projects: await tx
            .select({ day, n: sql<number>`${count()}::int` })
            .from(projects)
            .where(and(eq(projects.tenantId, tenantId), gte(projects.createdAt, `${first}T00:00:00Z`)))
            .groupBy(day),
          reports: await tx
            .select({
              lastHour: sql<number>`count(*) filter (where ${reportRuns.finishedAt} > now() - interval '1 hour')::int`,
              last24h: sql<number>`count(*) filter (where ${reportRuns.finishedAt} > now() - interval '24 hours')::int`,
              last7d: sql<number>`${count()}::int`,
            })
            .from(reportRuns)
            .where(and(eq(reportRuns.tenantId, tenantId), inArray(reportRuns.status, ['done', 'expired']), gt(reportRuns.finishedAt, sql`now() - interval '7 days'`))),
        }),
        { replica: true },
      ),
      this.usage.daily(tenantId, DAYS, now),
    ]);

    const created = new Map(db.projects.map((p) => [p.day, Number(p.n)]));
    const daily = Array.from({ length: DAYS }, (_, i) => {
      const date = utcDay(now - (DAYS - 1 - i) * DAY_MS);
      return { date, projectsCreated: created.get(date) ?? 0, apiCalls: calls ? calls[i].count : null };
    });
    const projectCounts = daily.map((d) => d.projectsCreated);
    const callCounts = calls?.map((c) => c.count);
    return {
      generatedAt: new Date(now).toISOString(),
      activeUsers: { last24h: Number(db.active[0]?.last24h ?? 0), last7d: Number(db.active[0]?.last7d ?? 0), members: Number(db.members[0]?.n ?? 0) },
      projectsCreated: { last7d: sum(projectCounts.slice(-7)), last30d: sum(projectCounts) },
      apiCalls: callCounts ? { today: callCounts[DAYS - 1], last7d: sum(callCounts.slice(-7)), last30d: sum(callCounts) } : null,
      reportsGenerated: { lastHour: Number(db.reports[0]?.lastHour ?? 0), last24h: Number(db.reports[0]?.last24h ?? 0), last7d: Number(db.reports[0]?.last7d ?? 0) },
      daily,
    };
  }
}
