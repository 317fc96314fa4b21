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

/**
 * FINAL keeps, per replacing key, the row with the newest ingested_at, as merges eventually do. Every
 * version of a key shares its month (the partition is a function of the key's date), so partitions are
 * de-duplicated one by one, and ranges of parts that overlap no other part are read without merging —
 * a month compacted to one part reads as fast as a plain scan. Filters on values (client) must see
 * only the newest version, so nothing is moved to PREWHERE ahead of FINAL.
 */
const FINAL_SETTINGS = 'do_not_merge_across_partitions_select_final = 1, optimize_move_to_prewhere_if_final = 0';

export class TenantRequiredError extends Error {}

/**
 * Reads of daily stats. Every method takes the tenant first and every query filters on it; the
 * tenant is also the first column of the table's sorting key, so it is what narrows the read.
 * Rows are de-duplicated with FINAL over the replacing key — the same answer before and after
 * ClickHouse merges parts.
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
    const where = ['tenant_id = {tenant:UUID}', 'date >= {from:Date}', 'date <= {to:Date}'];
    if (q.platform !== undefined) {
      where.push('platform = {platform:String}');
      params.platform = q.platform;
    }
    if (q.campaignIds !== undefined) {
      where.push('campaign_id IN {campaigns:Array(String)}');
      params.campaigns = [...q.campaignIds];
    }
    // client is a value, not part of the key (a later read may move an account to another client):
    // WHERE runs after FINAL has chosen the newest version.
    if (q.clientId !== undefined) {
      where.push('client_id = {client:UUID}');
      params.client = q.clientId;
    }
    const groupCols = [`${PERIOD[grain]} AS period`, 'currency', ...dims.map((d) => d.column)];
    const order = ['period', 'currency', ...dims.map((d) => d.column)].join(', ');
    // Totals get names of their own: an alias equal to a column name would replace the column inside sum().
    const sql = `
      SELECT ${groupCols.join(', ')},
             sum(impressions) AS t_impressions, sum(clicks) AS t_clicks, sum(cost_micros) AS t_cost_micros,
             toFloat64(sum(conversions)) AS t_conversions, sum(video_views) AS t_video_views,
             sum(revenue_micros) AS t_revenue_micros, count() AS t_rows
      FROM ${this.table} FINAL
      WHERE ${where.join(' AND ')}
      GROUP BY ${order}
      ORDER BY ${order}
      SETTINGS ${FINAL_SETTINGS}`;
    const rows = await this.store.query<Record<string, string | number>>(sql, params);
    return rows.map((r) => {
      const out: TotalsRow = {
        period: String(r.period),
        currency: String(r.currency),
        impressions: Number(r.t_impressions),
        clicks: Number(r.t_clicks),
        costMicros: Number(r.t_cost_micros),
        conversions: Number(r.t_conversions),
        videoViews: Number(r.t_video_views),
        revenueMicros: Number(r.t_revenue_micros),
        rows: Number(r.t_rows),
      };
      for (const d of dims) (out as unknown as Record<string, unknown>)[d.field] = String(r[d.column]);
      return out;
    });
  }
}
