import { DAILY_STATS_TABLE, isIsoDate, isUuid } from './daily-stats.js';
import type { AnalyticsStore, QueryParams } from './store.js';

export type Grain = 'day' | 'week' | 'month' | 'total';
export type StatsDimension = 'client' | 'connection' | 'platform' | 'account' | 'campaign' | 'ad_group';

export interface TotalsQuery {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  clientId?: string;
  platform?: string;
  campaignIds?: readonly string[];
  /** Periods: days, ISO weeks (starting Monday), calendar months, or one total. Default day. */
  grain?: Grain;
  /** Splits each period further; currency always splits (amounts in different currencies never add up). */
  groupBy?: readonly StatsDimension[];
}

export interface TotalsRow {
  /** First day of the period (YYYY-MM-DD); the `from` date for grain 'total'. */
  period: string;
  currency: string;
  clientId?: string;
  connectionId?: string;
  platform?: string;
  accountId?: string;
  campaignId?: string;
  adGroupId?: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  videoViews: number;
  revenueMicros: number;
  /** How many (ad group, day) rows made the total. */
  rows: number;
}

const DIMENSIONS: Record<StatsDimension, { column: string; field: keyof TotalsRow }> = {
  client: { column: 'client_id', field: 'clientId' },
  connection: { column: 'connection_id', field: 'connectionId' },
  platform: { column: 'platform', field: 'platform' },
  account: { column: 'account_id', field: 'accountId' },
  campaign: { column: 'campaign_id', field: 'campaignId' },
  ad_group: { column: 'ad_group_id', field: 'adGroupId' },
};

const PERIOD: Record<Grain, string> = {
  day: 'date',
  week: 'toMonday(date)',
  month: 'toStartOfMonth(date)',
  total: '{from:Date}',
};

/** The replacing key: one row per key is current, the one with the newest ingested_at. */
const KEY = 'platform, account_id, campaign_id, ad_group_id, date';
const VALUES = 'client_id, connection_id, currency, impressions, clicks, cost_micros, conversions, video_views, revenue_micros';

export class TenantRequiredError extends Error {}

/**
 * Reads of daily stats. Every method takes the tenant first and every query filters on it; the
 * tenant is also the first column of the table's sorting key, so it is what narrows the read.
 * Rows are de-duplicated by argMax over ingested_at grouped by the replacing key — the same
 * answer before and after ClickHouse merges parts, without FINAL.
 */
export class DailyStatsRepository {
  constructor(
    private readonly store: AnalyticsStore,
    private readonly table = DAILY_STATS_TABLE,
  ) {}

  async dailyTotals(tenantId: string, q: TotalsQuery): Promise<TotalsRow[]> {
    if (!isUuid(tenantId)) throw new TenantRequiredError('analytics reads need the tenant id (a UUID)');
    if (!isIsoDate(q.from) || !isIsoDate(q.to)) throw new RangeError('from and to: YYYY-MM-DD');
    if (q.clientId !== undefined && !isUuid(q.clientId)) throw new RangeError('clientId: a UUID');
    const grain = q.grain ?? 'day';
    const dims = [...new Set(q.groupBy ?? [])].map((d) => {
      if (!DIMENSIONS[d]) throw new RangeError(`groupBy: unknown dimension ${String(d)}`);
      return DIMENSIONS[d];
    });
    const params: QueryParams = { tenant: tenantId, from: q.from, to: q.to };
    // Filters on the key narrow the inner read; client is a value (a later read may move an account
    // to another client), so it is filtered after the newest version is chosen.
    const inner = ['tenant_id = {tenant:UUID}', 'date >= {from:Date}', 'date <= {to:Date}'];
    if (q.platform !== undefined) {
      inner.push('platform = {platform:String}');
      params.platform = q.platform;
    }
    if (q.campaignIds !== undefined) {
      inner.push('campaign_id IN {campaigns:Array(String)}');
      params.campaigns = [...q.campaignIds];
    }
    const outer: string[] = [];
    if (q.clientId !== undefined) {
      outer.push('client_id = {client:UUID}');
      params.client = q.clientId;
    }
    const groupCols = [`${PERIOD[grain]} AS period`, 'currency', ...dims.map((d) => d.column)];
    const sql = `
      SELECT ${groupCols.join(', ')},
             sum(impressions) AS impressions, sum(clicks) AS clicks, sum(cost_micros) AS cost_micros,
             toFloat64(sum(conversions)) AS conversions, sum(video_views) AS video_views,
             sum(revenue_micros) AS revenue_micros, count() AS rows
      FROM (
        SELECT ${KEY}, tupleElement(v, 1) AS client_id, tupleElement(v, 2) AS connection_id, tupleElement(v, 3) AS currency,
               tupleElement(v, 4) AS impressions, tupleElement(v, 5) AS clicks, tupleElement(v, 6) AS cost_micros,
               tupleElement(v, 7) AS conversions, tupleElement(v, 8) AS video_views, tupleElement(v, 9) AS revenue_micros
        FROM (
          SELECT ${KEY}, argMax(tuple(${VALUES}), ingested_at) AS v
          FROM ${this.table}
          WHERE ${inner.join(' AND ')}
          GROUP BY ${KEY}
        )
      )
      ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
      GROUP BY ${['period', 'currency', ...dims.map((d) => d.column)].join(', ')}
      ORDER BY ${['period', 'currency', ...dims.map((d) => d.column)].join(', ')}`;
    const rows = await this.store.query<Record<string, string | number>>(sql, params);
    return rows.map((r) => {
      const out: TotalsRow = {
        period: String(r.period),
        currency: String(r.currency),
        impressions: Number(r.impressions),
        clicks: Number(r.clicks),
        costMicros: Number(r.cost_micros),
        conversions: Number(r.conversions),
        videoViews: Number(r.video_views),
        revenueMicros: Number(r.revenue_micros),
        rows: Number(r.rows),
      };
      for (const d of dims) (out as unknown as Record<string, unknown>)[d.field] = String(r[d.column]);
      return out;
    });
  }
}
