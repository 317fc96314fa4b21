import type { ColumnBatch } from './store.js';

/** One platform's delivery and spend for one ad group (or campaign) on one day, as a connector reads it. */
export interface DailyStatRow {
  tenantId: string;
  clientId: string;
  connectionId: string;
  /** google_ads, meta, yandex_direct, vk_ads, upload … */
  platform: string;
  accountId: string;
  campaignId: string;
  /** '' when the platform reports at campaign level. */
  adGroupId?: string;
  /** YYYY-MM-DD, the platform's reporting day. */
  date: string;
  impressions: number;
  clicks: number;
  /** Cost in millionths of the currency unit (Google Ads' convention), an integer. */
  costMicros: number;
  /** Fractional conversions are kept to 4 decimal places. */
  conversions: number;
  videoViews?: number;
  revenueMicros?: number;
  /** ISO 4217, e.g. RUB. */
  currency: string;
  /** When this version was read; the newest version of a key wins. The writer stamps it if absent. */
  ingestedAt?: Date;
}

export const DAILY_STATS_TABLE = 'daily_stats';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));

const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const integer = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
/** conversions is Decimal(18, 4): a larger value would fail the whole batch it travels in. */
const MAX_CONVERSIONS = 1e14;

/**
 * Values already found valid. A connector hands over thousands of rows sharing a tenant, client,
 * connection and a few hundred dates; remembering the strings that passed skips the regular
 * expressions and Date.parse for the repeats, and gives the same answer as checking them again.
 */
class Passed {
  private seen = new Set<string>();
  constructor(
    private readonly check: (v: unknown) => boolean,
    private readonly limit = 4096,
  ) {}

  test(v: unknown): boolean {
    if (typeof v === 'string' && this.seen.has(v)) return true;
    if (!this.check(v)) return false;
    if (this.seen.size >= this.limit) this.seen = new Set();
    this.seen.add(v as string);
    return true;
  }
}

const uuids = new Passed(isUuid);
const dates = new Passed(isIsoDate);
const currencies = new Passed((v) => typeof v === 'string' && CURRENCY.test(v), 256);

/**
 * Why a row cannot be stored, or null. Checked when a row is handed to the writer, so a bad row is
 * refused to its caller at once instead of failing a whole batch later, again and again.
 */
export function invalidReason(row: DailyStatRow): string | null {
  if (!uuids.test(row.tenantId)) return 'tenantId: a UUID';
  if (!uuids.test(row.clientId)) return 'clientId: a UUID';
  if (!uuids.test(row.connectionId)) return 'connectionId: a UUID';
  if (typeof row.platform !== 'string' || !row.platform) return 'platform: a name';
  if (typeof row.accountId !== 'string' || !row.accountId) return 'accountId: an id';
  if (typeof row.campaignId !== 'string' || !row.campaignId) return 'campaignId: an id';
  if (row.adGroupId !== undefined && typeof row.adGroupId !== 'string') return 'adGroupId: an id or empty';
  if (!dates.test(row.date)) return 'date: YYYY-MM-DD';
  if (!count(row.impressions)) return 'impressions: a whole number ≥ 0';
  if (!count(row.clicks)) return 'clicks: a whole number ≥ 0';
  if (!integer(row.costMicros)) return 'costMicros: a whole number';
  if (typeof row.conversions !== 'number' || !(row.conversions >= 0 && row.conversions < MAX_CONVERSIONS)) return 'conversions: a number ≥ 0 and below 10^14';
  if (row.videoViews !== undefined && !count(row.videoViews)) return 'videoViews: a whole number ≥ 0';
  if (row.revenueMicros !== undefined && !integer(row.revenueMicros)) return 'revenueMicros: a whole number';
  if (!currencies.test(row.currency)) return 'currency: ISO 4217 (three capitals)';
  if (row.ingestedAt !== undefined && (!(row.ingestedAt instanceof Date) || Number.isNaN(row.ingestedAt.getTime()))) return 'ingestedAt: a Date';
  return null;
}

/** `2026-01-31 12:00:00.123` in UTC, as DateTime64(3, 'UTC') reads it. */
export const clickhouseTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

const COLUMN_NAMES = [
  'tenant_id', 'client_id', 'connection_id', 'platform', 'account_id', 'campaign_id', 'ad_group_id', 'date',
  'impressions', 'clicks', 'cost_micros', 'conversions', 'video_views', 'revenue_micros', 'currency', 'ingested_at',
] as const;

type Values = (string | number)[];

/**
 * Rows waiting to be written, held column by column as the table's columns (absent optional values
 * stored as '' or 0): one array per column instead of one object per row, which the store can hand
 * to the engine as it is.
 */
export class DailyStatsColumns implements ColumnBatch {
  private constructor(
    private readonly values: Values[],
    private size: number,
  ) {}

  static empty(): DailyStatsColumns {
    return new DailyStatsColumns(COLUMN_NAMES.map(() => []), 0);
  }

  get rows(): number {
    return this.size;
  }

  get columns(): ColumnBatch['columns'] {
    return COLUMN_NAMES.map((name, i) => ({ name, values: this.values[i] }));
  }

  append(rows: readonly DailyStatRow[], ingestedAt: string): void {
    const [tenant, client, connection, platform, account, campaign, adGroup, date, impressions, clicks, cost, conversions, videoViews, revenue, currency, stamp] = this.values;
    for (const row of rows) {
      tenant.push(row.tenantId);
      client.push(row.clientId);
      connection.push(row.connectionId);
      platform.push(row.platform);
      account.push(row.accountId);
      campaign.push(row.campaignId);
      adGroup.push(row.adGroupId ?? '');
      date.push(row.date);
      impressions.push(row.impressions);
      clicks.push(row.clicks);
      cost.push(row.costMicros);
      conversions.push(row.conversions);
      videoViews.push(row.videoViews ?? 0);
      revenue.push(row.revenueMicros ?? 0);
      currency.push(row.currency);
      stamp.push(row.ingestedAt ? clickhouseTime(row.ingestedAt) : ingestedAt);
    }
    this.size += rows.length;
  }

  /** Removes and returns the first n rows. */
  takeHead(n: number): DailyStatsColumns {
    if (n >= this.size) {
      const all = new DailyStatsColumns(this.values.map((v) => v.splice(0)), this.size);
      this.size = 0;
      return all;
    }
    const head = new DailyStatsColumns(this.values.map((v) => v.splice(0, n)), n);
    this.size -= n;
    return head;
  }

  /** Puts rows taken earlier back in front (a batch that failed to store). */
  putBack(head: DailyStatsColumns): void {
    for (let i = 0; i < this.values.length; i++) this.values[i] = head.values[i].concat(this.values[i]);
    this.size += head.size;
  }
}
