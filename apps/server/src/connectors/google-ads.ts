/**
 * Google Ads API (REST): `googleAds:searchStream` with a GAQL query at ad-group level by day,
 * `developer-token` + OAuth bearer, access token refreshed at the token endpoint when missing or
 * rejected as expired. RESOURCE_EXHAUSTED carries no retry hint: exponential backoff with jitter.
 */
import { ConnectorError, type ConnectorErrorKind } from './errors.js';
import {
  Buckets, checkRange, chunkRange, count, DEFAULT_RETRY, joinUrl, parseJson, send, withRetries,
  type CommonSettings, type HttpAnswer,
} from './shared.js';
import type { Connector, ConnectorCredentials, DailyStat, DateRange, FetchOptions, IssuedToken } from './types.js';

export interface GoogleAdsSettings extends CommonSettings {
  /** Path version, e.g. v17. */
  apiVersion: string;
  /** OAuth token endpoint. */
  tokenUrl: string;
  /** Days per searchStream request; each request's rows are buffered before they are yielded. */
  chunkDays: number;
}

export const GOOGLE_ADS_DEFAULTS: GoogleAdsSettings = {
  baseUrl: 'https://googleads.googleapis.com',
  apiVersion: 'v17',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  chunkDays: 31,
  // Google publishes daily operation quotas, not a per-second rate; stay well below its throttling.
  rateLimit: { limit: 10, windowMs: 1_000 },
  retry: DEFAULT_RETRY,
  timeoutMs: 120_000,
};

const P = 'google_ads' as const;

const FIELDS = [
  'customer.currency_code', 'campaign.id', 'campaign.name', 'ad_group.id', 'ad_group.name', 'segments.date',
  'metrics.impressions', 'metrics.clicks', 'metrics.cost_micros', 'metrics.conversions', 'metrics.video_views',
];

interface GoogleFailure {
  error?: { code?: number; status?: string; message?: string; details?: { errors?: { errorCode?: Record<string, string>; message?: string }[] }[] };
}

export function googleQuery(range: DateRange): string {
  return `SELECT ${FIELDS.join(', ')} FROM ad_group WHERE segments.date BETWEEN '${range.from}' AND '${range.to}'`;
}

/** Maps a Google error answer onto a kind; `expired` when a refresh may help. */
export function classifyGoogle(a: HttpAnswer): { err: ConnectorError; expired: boolean } {
  const body = parseJson(a.text) as GoogleFailure | undefined;
  const status = body?.error?.status ?? '';
  const first = body?.error?.details?.[0]?.errors?.[0];
  const codeEntry = first?.errorCode ? Object.entries(first.errorCode)[0] : undefined;
  const code = codeEntry ? `${codeEntry[0]}.${codeEntry[1]}` : status || String(a.status);
  const message = `${a.status} ${status} ${first?.message ?? body?.error?.message ?? a.text.slice(0, 200)}`.trim();
  let kind: ConnectorErrorKind;
  if (a.status === 429 || status === 'RESOURCE_EXHAUSTED') kind = 'quota';
  else if (a.status === 401 || status === 'UNAUTHENTICATED') kind = 'auth';
  else if (a.status === 403 || status === 'PERMISSION_DENIED') kind = 'permission';
  else if (a.status === 404 || status === 'NOT_FOUND') kind = 'not_found';
  else if (a.status === 504 || status === 'DEADLINE_EXCEEDED') kind = 'timeout';
  else if (a.status >= 500 || status === 'INTERNAL' || status === 'UNAVAILABLE') kind = 'server';
  else kind = 'bad_request';
  // An expired or invalid access token can be replaced; a missing developer token cannot.
  const expired = kind === 'auth' && !/DEVELOPER_TOKEN/.test(code);
  return { err: new ConnectorError(P, kind, message, { status: a.status, code }), expired };
}

export class GoogleAdsConnector implements Connector {
  readonly platform = P;
  readonly settings: GoogleAdsSettings;
  private readonly buckets: Buckets;
  /** Access tokens obtained by refresh, by refresh token, reused until they are rejected. */
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(settings: Partial<GoogleAdsSettings> = {}) {
    this.settings = { ...GOOGLE_ADS_DEFAULTS, ...settings, retry: { ...GOOGLE_ADS_DEFAULTS.retry, ...settings.retry } };
    this.buckets = new Buckets(this.settings.rateLimit);
  }

  async test(creds: ConnectorCredentials, account: string, opts: FetchOptions = {}): Promise<void> {
    const q = 'SELECT customer.id, customer.currency_code FROM customer LIMIT 1';
    await this.stream(creds, account, q, opts);
  }

  async *fetchDaily(creds: ConnectorCredentials, account: string, range: DateRange, opts: FetchOptions = {}): AsyncIterable<DailyStat[]> {
    checkRange(P, range);
    const customerId = account.replace(/-/g, '');
    for (const chunk of chunkRange(range, this.settings.chunkDays)) {
      const batches = await this.stream(creds, customerId, googleQuery(chunk), opts);
      for (const results of batches) {
        const rows = results.map((r) => toStat(customerId, r));
        if (rows.length) yield rows;
      }
    }
  }

  /** One searchStream call, retried as a whole; answers its batches' results. */
  private async stream(creds: ConnectorCredentials, customerId: string, query: string, opts: FetchOptions): Promise<GoogleRow[][]> {
    if (!creds.developerToken) throw new ConnectorError(P, 'auth', 'no developer token', { code: 'DEVELOPER_TOKEN_PARAMETER_MISSING' });
    const url = joinUrl(this.settings.baseUrl, `/${this.settings.apiVersion}/customers/${customerId}/googleAds:searchStream`);
    let refreshed = false;
    return withRetries(this.settings, opts.signal, async () => {
      for (;;) {
        const token = await this.accessToken(creds, opts, false);
        const headers: Record<string, string> = {
          authorization: `Bearer ${token}`,
          'developer-token': creds.developerToken!,
          'content-type': 'application/json',
        };
        if (creds.loginCustomerId) headers['login-customer-id'] = creds.loginCustomerId.replace(/-/g, '');
        const a = await send(P, this.settings, this.buckets, customerId, url, { method: 'POST', headers, body: JSON.stringify({ query }) }, opts.signal);
        if (a.status === 200) {
          const parsed = parseJson(a.text);
          // A stream cut after some batches is not valid JSON: the whole request is retried.
          if (!Array.isArray(parsed)) throw new ConnectorError(P, 'network', 'searchStream answer ended early');
          return (parsed as { results?: GoogleRow[] }[]).map((b) => b.results ?? []);
        }
        const { err, expired } = classifyGoogle(a);
        if (expired && !refreshed && creds.refreshToken) {
          refreshed = true;
          await this.accessToken(creds, opts, true);
          continue;
        }
        throw err;
      }
    });
  }

  private async accessToken(creds: ConnectorCredentials, opts: FetchOptions, force: boolean): Promise<string> {
    const cached = creds.refreshToken ? this.tokens.get(creds.refreshToken) : undefined;
    if (!force) {
      if (cached && (cached.expiresAt ?? Infinity) > Date.now() + 60_000) return cached.accessToken;
      if (creds.accessToken && !cached) return creds.accessToken;
    }
    if (!creds.refreshToken) throw new ConnectorError(P, 'auth', 'no access token and no refresh token');
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: creds.refreshToken,
      client_id: creds.clientId ?? '',
      client_secret: creds.clientSecret ?? '',
    });
    const a = await send(P, this.settings, this.buckets, `oauth:${creds.clientId ?? ''}`, this.settings.tokenUrl,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, opts.signal);
    const json = parseJson(a.text) as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | undefined;
    if (a.status !== 200 || !json?.access_token) {
      if (a.status >= 500 || a.status === 429) throw new ConnectorError(P, a.status === 429 ? 'rate_limit' : 'server', `token endpoint answered ${a.status}`, { status: a.status });
      // invalid_grant (revoked or expired refresh token), invalid_client: someone must reconnect.
      throw new ConnectorError(P, 'auth', `token refresh refused: ${json?.error ?? a.status} ${json?.error_description ?? ''}`.trim(), { status: a.status, code: json?.error });
    }
    const issued: IssuedToken = { accessToken: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000 };
    this.tokens.set(creds.refreshToken, issued);
    opts.onToken?.(issued);
    return issued.accessToken;
  }
}

interface GoogleRow {
  customer?: { currencyCode?: string };
  campaign?: { id?: string; name?: string };
  adGroup?: { id?: string; name?: string };
  segments?: { date?: string };
  metrics?: { impressions?: string; clicks?: string; costMicros?: string; conversions?: number; videoViews?: string };
}

function toStat(customerId: string, r: GoogleRow): DailyStat {
  const m = r.metrics ?? {};
  return {
    accountId: customerId,
    campaignId: String(r.campaign?.id ?? ''),
    campaignName: r.campaign?.name,
    adGroupId: String(r.adGroup?.id ?? ''),
    adGroupName: r.adGroup?.name,
    date: r.segments?.date ?? '',
    impressions: count(m.impressions),
    clicks: count(m.clicks),
    costMicros: BigInt(m.costMicros ?? '0'),
    conversions: count(m.conversions),
    videoViews: count(m.videoViews),
    currency: r.customer?.currencyCode ?? '',
  };
}
