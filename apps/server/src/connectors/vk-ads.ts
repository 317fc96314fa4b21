/**
 * VK Ads API v2: `GET /api/v2/statistics/campaigns/day.json?date_from&date_to&metrics=base` —
 * VK campaigns are the ad groups of VK ad plans. The ad plan of each campaign is read from
 * `GET /api/v2/campaigns.json` when the API offers it. Spend comes in roubles as a decimal string.
 * 429 is throttling; 401 `expired_token` is refreshed when a refresh token is stored.
 */
import { ConnectorError, type ConnectorErrorKind } from './errors.js';
import {
  Buckets, checkRange, chunkRange, count, decimalToMicros, DEFAULT_RETRY, joinUrl, parseJson, send, withRetries,
  type CommonSettings, type HttpAnswer,
} from './shared.js';
import type { Connector, ConnectorCredentials, DailyStat, DateRange, FetchOptions, IssuedToken } from './types.js';

export interface VkAdsSettings extends CommonSettings {
  /** Days per statistics request (the API allows 366). */
  chunkDays: number;
  /** Campaign ids per statistics request; 0 asks for all objects at once. */
  idsPerRequest: number;
  defaultCurrency: string;
  /** Read each campaign's ad plan from /api/v2/campaigns.json (404 there: ad plans unknown). */
  resolveAdPlans: boolean;
  /** Drop rows with no impressions, clicks, spend or goals (VK sends a row for every day). */
  skipEmptyRows: boolean;
}

export const VK_ADS_DEFAULTS: VkAdsSettings = {
  baseUrl: 'https://ads.vk.com',
  chunkDays: 90,
  idsPerRequest: 0,
  defaultCurrency: 'RUB',
  resolveAdPlans: true,
  skipEmptyRows: false,
  rateLimit: { limit: 5, windowMs: 1_000 },
  retry: DEFAULT_RETRY,
  timeoutMs: 60_000,
};

const P = 'vk_ads' as const;

export function classifyVk(a: HttpAnswer): ConnectorError {
  const body = parseJson(a.text) as { error?: { code?: string; message?: string } | string; error_description?: string } | undefined;
  const e = typeof body?.error === 'object' ? body.error : { code: body?.error, message: body?.error_description };
  const msg = `${a.status} ${e?.code ?? ''} ${e?.message ?? a.text.slice(0, 200)}`.trim();
  let kind: ConnectorErrorKind;
  if (a.status === 429 || e?.code === 'too_many_requests') kind = 'rate_limit';
  else if (a.status === 401 || e?.code === 'invalid_token' || e?.code === 'expired_token' || e?.code === 'invalid_grant') kind = 'auth';
  else if (a.status === 403) kind = 'permission';
  else if (a.status === 404) kind = 'not_found';
  else if (a.status >= 500) kind = 'server';
  else kind = 'bad_request';
  const retry = a.headers.get('retry-after');
  return new ConnectorError(P, kind, msg, { status: a.status, code: e?.code, retryAfterMs: retry && Number.isFinite(Number(retry)) ? Number(retry) * 1000 : undefined });
}

interface StatsAnswer {
  items?: { id: number | string; rows?: { date: string; base?: { shows?: number; clicks?: number; spent?: string; goals?: number } }[] }[];
}

export class VkAdsConnector implements Connector {
  readonly platform = P;
  readonly settings: VkAdsSettings;
  private readonly buckets: Buckets;
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(settings: Partial<VkAdsSettings> = {}) {
    this.settings = { ...VK_ADS_DEFAULTS, ...settings, retry: { ...VK_ADS_DEFAULTS.retry, ...settings.retry } };
    this.buckets = new Buckets(this.settings.rateLimit);
  }

  async test(creds: ConnectorCredentials, account: string, opts: FetchOptions = {}): Promise<void> {
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await this.get(creds, account, '/api/v2/statistics/ad_plans/day.json', { date_from: day, date_to: day, metrics: 'base' }, opts);
  }

  async *fetchDaily(creds: ConnectorCredentials, account: string, range: DateRange, opts: FetchOptions = {}): AsyncIterable<DailyStat[]> {
    checkRange(P, range);
    const currency = creds.currency ?? this.settings.defaultCurrency;
    const plans = this.settings.resolveAdPlans ? await this.adPlans(creds, account, opts) : undefined;
    for (const chunk of chunkRange(range, this.settings.chunkDays)) {
      const answer = (await this.get(creds, account, '/api/v2/statistics/campaigns/day.json', { date_from: chunk.from, date_to: chunk.to, metrics: 'base' }, opts)) as StatsAnswer;
      const out: DailyStat[] = [];
      for (const item of answer.items ?? []) {
        const id = String(item.id);
        for (const r of item.rows ?? []) {
          const b = r.base ?? {};
          const stat: DailyStat = {
            accountId: account,
            campaignId: plans?.get(id)?.planId ?? '',
            campaignName: plans?.get(id)?.planName,
            adGroupId: id,
            adGroupName: plans?.get(id)?.name,
            date: r.date,
            impressions: count(b.shows),
            clicks: count(b.clicks),
            costMicros: decimalToMicros(b.spent),
            conversions: count(b.goals),
            // metrics=base carries no video views.
            videoViews: 0,
            currency,
          };
          if (this.settings.skipEmptyRows && !stat.impressions && !stat.clicks && !stat.costMicros && !stat.conversions) continue;
          out.push(stat);
        }
      }
      if (out.length) yield out;
    }
  }

  /** Campaign id → ad plan, from the campaigns list; undefined where the API has no such list. */
  private async adPlans(creds: ConnectorCredentials, account: string, opts: FetchOptions): Promise<Map<string, { planId: string; planName?: string; name?: string }> | undefined> {
    const map = new Map<string, { planId: string; planName?: string; name?: string }>();
    for (let offset = 0; ; offset += 250) {
      let page: { items?: { id: number | string; name?: string; ad_plan_id?: number | string; package_id?: number }[]; count?: number };
      try {
        page = (await this.get(creds, account, '/api/v2/campaigns.json', { fields: 'id,name,ad_plan_id', limit: '250', offset: String(offset) }, opts)) as typeof page;
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'not_found') return undefined;
        throw e;
      }
      for (const c of page.items ?? []) if (c.ad_plan_id !== undefined) map.set(String(c.id), { planId: String(c.ad_plan_id), name: c.name });
      if (!page.items?.length || offset + 250 >= (page.count ?? 0)) break;
    }
    // Ad plan names are what a planner recognises a campaign by; without them matching still works by id.
    const names = await this.list(creds, account, '/api/v2/ad_plans.json', 'id,name', opts);
    for (const v of map.values()) v.planName = names?.get(v.planId);
    return map;
  }

  /** id → name over every page of a list endpoint; undefined where the API has no such list. */
  private async list(creds: ConnectorCredentials, account: string, path: string, fields: string, opts: FetchOptions): Promise<Map<string, string> | undefined> {
    const out = new Map<string, string>();
    for (let offset = 0; ; offset += 250) {
      let page: { items?: { id: number | string; name?: string }[]; count?: number };
      try {
        page = (await this.get(creds, account, path, { fields, limit: '250', offset: String(offset) }, opts)) as typeof page;
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'not_found') return undefined;
        throw e;
      }
      for (const c of page.items ?? []) if (c.name) out.set(String(c.id), c.name);
      if (!page.items?.length || offset + 250 >= (page.count ?? 0)) return out;
    }
  }

  private async get(creds: ConnectorCredentials, account: string, path: string, query: Record<string, string>, opts: FetchOptions): Promise<unknown> {
    const url = new URL(joinUrl(this.settings.baseUrl, path));
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let refreshed = false;
    return withRetries(this.settings, opts.signal, async () => {
      for (;;) {
        const token = await this.accessToken(creds, account, opts, false);
        const a = await send(P, this.settings, this.buckets, account, url.toString(), { headers: { authorization: `Bearer ${token}` } }, opts.signal);
        if (a.status === 200) {
          const json = parseJson(a.text);
          if (json === undefined) throw new ConnectorError(P, 'server', 'answer is not JSON', { status: 200 });
          return json;
        }
        const err = classifyVk(a);
        if (err.kind === 'auth' && err.code === 'expired_token' && !refreshed && creds.refreshToken) {
          refreshed = true;
          await this.accessToken(creds, account, opts, true);
          continue;
        }
        throw err;
      }
    });
  }

  private async accessToken(creds: ConnectorCredentials, account: string, opts: FetchOptions, force: boolean): Promise<string> {
    const cached = creds.refreshToken ? this.tokens.get(creds.refreshToken) : undefined;
    if (!force) {
      if (cached && (cached.expiresAt ?? Infinity) > Date.now() + 60_000) return cached.accessToken;
      if (creds.accessToken && !cached) return creds.accessToken;
    }
    if (!creds.refreshToken) throw new ConnectorError(P, 'auth', 'access token expired and no refresh token stored', { code: 'expired_token' });
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId ?? '', client_secret: creds.clientSecret ?? '' });
    const a = await send(P, this.settings, this.buckets, account, joinUrl(this.settings.baseUrl, '/api/v2/oauth2/token.json'),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, opts.signal);
    const json = parseJson(a.text) as { access_token?: string; expires_in?: number; refresh_token?: string } | undefined;
    if (a.status !== 200 || !json?.access_token) throw classifyVk(a);
    const issued: IssuedToken = { accessToken: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 86_400) * 1000, refreshToken: json.refresh_token };
    this.tokens.set(creds.refreshToken, issued);
    opts.onToken?.(issued);
    return issued.accessToken;
  }
}
