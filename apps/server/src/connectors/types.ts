/**
 * What every ad-platform connector reads and how it is called. Connectors are protocol clients
 * only: they know nothing of the database or the analytics store; the sync job maps their rows
 * onto the stats table and persists refreshed tokens.
 */

export type Platform = 'google_ads' | 'meta' | 'yandex_direct' | 'vk_ads';

export const PLATFORMS: readonly Platform[] = ['google_ads', 'meta', 'yandex_direct', 'vk_ads'];

/** One ad group's delivery on one day, in the account's currency. */
export interface DailyStat {
  /** Google customer id, Meta ad account id (without `act_`), Yandex client login, VK account id. */
  accountId: string;
  campaignId: string;
  campaignName?: string;
  /** Google ad group, Meta ad set, Yandex ad group, VK campaign (ad group of a VK ad plan). */
  adGroupId: string;
  adGroupName?: string;
  /** YYYY-MM-DD, the platform's reporting day. */
  date: string;
  impressions: number;
  clicks: number;
  /** Cost without VAT in millionths of `currency`; bigint so no rounding ever happens on the way. */
  costMicros: bigint;
  /** Google reports fractional conversions; the others whole numbers. */
  conversions: number;
  videoViews: number;
  revenueMicros?: bigint;
  /** ISO 4217 code of the account currency. */
  currency: string;
}

/** Inclusive range of reporting days. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * Credentials of one connection, as stored (decrypted) by the connections module. Each platform
 * reads the fields it needs; see docs/connectors.md.
 */
export interface ConnectorCredentials {
  /** OAuth access token (Google, VK), Meta access token, Yandex OAuth token. */
  accessToken?: string;
  /** OAuth refresh token (Google, VK): used when the access token is missing or rejected as expired. */
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Google Ads developer token. */
  developerToken?: string;
  /** Google Ads manager account id sent as `login-customer-id`. */
  loginCustomerId?: string;
  /** Yandex Direct: the token belongs to an agency, so every request carries `Client-Login: <account>`. */
  agency?: boolean;
  /** Account currency where the platform's report does not carry it (Yandex, VK). Default RUB. */
  currency?: string;
}

/** A fresh access token obtained by a connector; the caller should store it with the connection. */
export interface IssuedToken {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
  refreshToken?: string;
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** Called whenever the connector refreshed the access token. */
  onToken?: (token: IssuedToken) => void;
}

export interface Connector {
  readonly platform: Platform;
  /** Resolves when the credentials can read the account; throws a ConnectorError otherwise. */
  test(creds: ConnectorCredentials, account: string, opts?: FetchOptions): Promise<void>;
  /**
   * Daily ad-group rows of the range, in batches. A batch is yielded only once the request that
   * produced it has completed, so a retried request never yields a row twice.
   */
  fetchDaily(creds: ConnectorCredentials, account: string, range: DateRange, opts?: FetchOptions): AsyncIterable<DailyStat[]>;
}
