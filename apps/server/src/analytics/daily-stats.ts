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

/**
 * Why a row cannot be stored, or null. Checked when a row is handed to the writer, so a bad row is
 * refused to its caller at once instead of failing a whole batch later, again and again.
 */
export function invalidReason(row: DailyStatRow): string | null {
  if (!isUuid(row.tenantId)) return 'tenantId: a UUID';
  if (!isUuid(row.clientId)) return 'clientId: a UUID';
  if (!isUuid(row.connectionId)) return 'connectionId: a UUID';
  if (typeof row.platform !== 'string' || !row.platform) return 'platform: a name';
  if (typeof row.accountId !== 'string' || !row.accountId) return 'accountId: an id';
  if (typeof row.campaignId !== 'string' || !row.campaignId) return 'campaignId: an id';
  if (row.adGroupId !== undefined && typeof row.adGroupId !== 'string') return 'adGroupId: an id or empty';
  if (!isIsoDate(row.date)) return 'date: YYYY-MM-DD';
  if (!count(row.impressions)) return 'impressions: a whole number ≥ 0';
  if (!count(row.clicks)) return 'clicks: a whole number ≥ 0';
  if (!integer(row.costMicros)) return 'costMicros: a whole number';
  if (typeof row.conversions !== 'number' || !Number.isFinite(row.conversions) || row.conversions < 0) return 'conversions: a number ≥ 0';
  if (row.videoViews !== undefined && !count(row.videoViews)) return 'videoViews: a whole number ≥ 0';
  if (row.revenueMicros !== undefined && !integer(row.revenueMicros)) return 'revenueMicros: a whole number';
  if (typeof row.currency !== 'string' || !CURRENCY.test(row.currency)) return 'currency: ISO 4217 (three capitals)';
  if (row.ingestedAt !== undefined && (!(row.ingestedAt instanceof Date) || Number.isNaN(row.ingestedAt.getTime()))) return 'ingestedAt: a Date';
  return null;
}

/** `2026-01-31 12:00:00.123` in UTC, as DateTime64(3, 'UTC') reads it. */
export const clickhouseTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The row as the table's columns. */
export function toColumns(row: DailyStatRow, ingestedAt: string): Record<string, unknown> {
  return {
    tenant_id: row.tenantId,
    client_id: row.clientId,
    connection_id: row.connectionId,
    platform: row.platform,
    account_id: row.accountId,
    campaign_id: row.campaignId,
    ad_group_id: row.adGroupId ?? '',
    date: row.date,
    impressions: row.impressions,
    clicks: row.clicks,
    cost_micros: row.costMicros,
    conversions: row.conversions,
    video_views: row.videoViews ?? 0,
    revenue_micros: row.revenueMicros ?? 0,
    currency: row.currency,
    ingested_at: row.ingestedAt ? clickhouseTime(row.ingestedAt) : ingestedAt,
  };
}
