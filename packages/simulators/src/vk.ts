/**
 * VK Ads (API v2) simulator: daily statistics of ad plans, campaigns and banners with
 * `metrics=base`, the OAuth2 token endpoint, HTTP 429 on throttling.
 *
 * VK's objects map onto the common catalogue as: ad plan = campaign, campaign = ad group,
 * banner = the ad group's single ad.
 */
import { randomBytes } from 'node:crypto';
import { bearer, formBody, HttpError, sendJson, Simulator, type Ctx, type SimulatorOptions } from './base.js';
import type { SandboxAccount } from './data.js';
import { eachDate, isIsoDate } from './dates.js';

export const VK_FAULT_KINDS = [
  /** HTTP 429 with VK's error JSON and exhausted X-RateLimit-* headers. */
  'rate_limit',
  /** HTTP 401 invalid_token: the access token has expired. */
  'auth_expired',
  /** HTTP 500. */
  'server_error',
] as const;

export interface VkOptions extends SimulatorOptions {
  /** Access tokens always accepted and the account each belongs to. Default { 'sandbox-vk-token-1': '900001', 'sandbox-vk-token-2': '900002' }. */
  tokens?: Record<string, string>;
  /** Refresh tokens and their accounts. Default { 'sandbox-vk-refresh-1': '900001', 'sandbox-vk-refresh-2': '900002' }. */
  refreshTokens?: Record<string, string>;
  /** Lifetime of issued access tokens in seconds. Default 86,400. */
  tokenTtlSec?: number;
  /** Longest date range per request, in days. Default 366. */
  maxDays?: number;
}

type ObjectType = 'ad_plans' | 'campaigns' | 'banners';

function vkError(status: number, code: string, message: string, headers: Record<string, string> = {}, fields?: Record<string, unknown>): HttpError {
  return new HttpError(status, { error: { code, message, ...(fields ? { fields } : {}) } }, headers);
}

function rub(micros: number): string {
  return (Math.round(micros / 10_000) / 100).toFixed(2);
}

interface Agg {
  shows: number;
  clicks: number;
  spent: number;
  goals: number;
}

function base(a: Agg): Record<string, unknown> {
  return {
    shows: a.shows,
    clicks: a.clicks,
    goals: a.goals,
    spent: rub(a.spent),
    cpm: a.shows ? rub((a.spent / a.shows) * 1000) : '0.00',
    cpc: a.clicks ? rub(a.spent / a.clicks) : '0.00',
    cpa: a.goals ? rub(a.spent / a.goals) : '0.00',
    ctr: a.shows ? Math.round((a.clicks / a.shows) * 10000) / 100 : 0,
    cr: a.clicks ? Math.round((a.goals / a.clicks) * 10000) / 100 : 0,
  };
}

export class VkAdsSimulator extends Simulator {
  readonly platform = 'vk' as const;
  readonly faultKinds = VK_FAULT_KINDS;
  private issued = new Map<string, { account: string; expires: number }>();
  private refreshIssued = new Map<string, string>();

  constructor(private readonly v: VkOptions = {}) {
    super('vk', v, false);
  }

  get tokens(): Record<string, string> {
    return this.v.tokens ?? { 'sandbox-vk-token-1': '900001', 'sandbox-vk-token-2': '900002' };
  }

  get refreshTokens(): Record<string, string> {
    return this.v.refreshTokens ?? { 'sandbox-vk-refresh-1': '900001', 'sandbox-vk-refresh-2': '900002' };
  }

  credentials(): Record<string, unknown> {
    return { tokens: this.tokens, refreshTokens: this.refreshTokens, clientId: 'sandbox-vk-client', clientSecret: 'sandbox-vk-secret', tokenUrl: `${this.url}/api/v2/oauth2/token.json` };
  }

  /** Makes every access token issued so far expire now. */
  expireIssuedTokens(): void {
    for (const t of this.issued.values()) t.expires = 0;
  }

  protected override internalError(_ctx: Ctx, err: unknown): HttpError {
    return vkError(500, 'internal_error', String(err));
  }

  /** The campaigns list (VK's campaign is our ad group), with the ad plan each belongs to; paged by limit/offset. */
  private campaignList(ctx: Ctx): void {
    const account = this.authenticate(ctx);
    const q = ctx.url.searchParams;
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 20) || 20, 1), 250);
    const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
    const all = account.campaigns.flatMap((plan) => plan.adGroups.map((g) => ({ id: Number(g.id), name: g.name, ad_plan_id: Number(plan.id) })));
    sendJson(ctx.res, 200, { count: all.length, offset, items: all.slice(offset, offset + limit) }, this.limitHeaders(account.id, false));
  }

  /** GET /api/v2/ad_plans.json: the account's ad plans (what we call campaigns) with their names. */
  private adPlanList(ctx: Ctx): void {
    const account = this.authenticate(ctx);
    const q = ctx.url.searchParams;
    const limit = Math.min(Math.max(Number(q.get('limit') ?? 20) || 20, 1), 250);
    const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
    const all = account.campaigns.map((plan) => ({ id: Number(plan.id), name: plan.name }));
    sendJson(ctx.res, 200, { count: all.length, offset, items: all.slice(offset, offset + limit) }, this.limitHeaders(account.id, false));
  }

  protected handle(ctx: Ctx): void {
    const { req, url } = ctx;
    if (url.pathname === '/api/v2/oauth2/token.json' && req.method === 'POST') return this.token(ctx);
    if (url.pathname === '/api/v2/campaigns.json' && req.method === 'GET') return this.campaignList(ctx);
    if (url.pathname === '/api/v2/ad_plans.json' && req.method === 'GET') return this.adPlanList(ctx);
    const m = /^\/api\/v2\/statistics\/(ad_plans|campaigns|banners)\/day\.json$/.exec(url.pathname);
    if (!m) throw vkError(404, 'not_found', `Resource ${url.pathname} not found`);
    if (req.method !== 'GET') throw vkError(405, 'method_not_allowed', 'Use GET');
    const account = this.authenticate(ctx);
    const fault = this.takeFault(['rate_limit', 'server_error'], account.id);
    if (fault?.kind === 'rate_limit' || this.overRateLimit(account.id, ctx.record.at)) {
      throw vkError(fault?.status ?? 429, 'too_many_requests', 'Too many requests, please slow down', this.limitHeaders(account.id, true));
    }
    if (fault?.kind === 'server_error') throw vkError(fault.status ?? 500, 'internal_error', 'Internal server error');
    const q = url.searchParams;
    const from = q.get('date_from') ?? '';
    const to = q.get('date_to') ?? '';
    if (!isIsoDate(from)) throw vkError(400, 'validation_error', 'Invalid request', {}, { date_from: { code: 'invalid', message: 'Date must be YYYY-MM-DD' } });
    if (!isIsoDate(to)) throw vkError(400, 'validation_error', 'Invalid request', {}, { date_to: { code: 'invalid', message: 'Date must be YYYY-MM-DD' } });
    if (from > to) throw vkError(400, 'validation_error', 'Invalid request', {}, { date_to: { code: 'invalid', message: 'date_to must not be before date_from' } });
    const dates = eachDate(from, to);
    if (dates.length > (this.v.maxDays ?? 366)) throw vkError(400, 'validation_error', 'Invalid request', {}, { date_to: { code: 'invalid', message: 'Date range is too long' } });
    const metrics = (q.get('metrics') ?? 'base').split(',');
    if (!metrics.includes('base') && !metrics.includes('all')) throw vkError(400, 'validation_error', 'Invalid request', {}, { metrics: { code: 'invalid', message: 'Unsupported metrics set' } });
    const type = m[1] as ObjectType;
    const objects = this.objects(account, type);
    const idParam = q.get('id');
    const ids = idParam ? idParam.split(',').map((s) => s.trim()).filter(Boolean) : objects.map((o) => o.id);
    for (const id of ids) if (!objects.some((o) => o.id === id)) throw vkError(404, 'not_found', `Object ${id} not found`);

    const rows = this.data.rows(account.id, from, to);
    const zero = (): Agg => ({ shows: 0, clicks: 0, spent: 0, goals: 0 });
    const grand = zero();
    const items = ids.map((id) => {
      const obj = objects.find((o) => o.id === id)!;
      const perDate = new Map<string, Agg>(dates.map((d) => [d, zero()]));
      const total = zero();
      for (const r of rows) {
        if (!obj.match(r.campaignId, r.adGroupId)) continue;
        const a = perDate.get(r.date)!;
        for (const t of [a, total, grand]) {
          t.shows += r.impressions;
          t.clicks += r.clicks;
          t.spent += r.costMicros;
          t.goals += r.conversions;
        }
      }
      return { id: Number(id), rows: dates.map((date) => ({ date, base: base(perDate.get(date)!) })), total: { base: base(total) } };
    });
    sendJson(ctx.res, 200, { items, total: { base: base(grand) } }, this.limitHeaders(account.id, false));
  }

  private objects(account: SandboxAccount, type: ObjectType): { id: string; match: (c: string, g: string) => boolean }[] {
    if (type === 'ad_plans') return account.campaigns.map((c) => ({ id: c.id, match: (cid: string) => cid === c.id }));
    const groups = account.campaigns.flatMap((c) => c.adGroups);
    if (type === 'campaigns') return groups.map((g) => ({ id: g.id, match: (_c: string, gid: string) => gid === g.id }));
    return groups.map((g) => ({ id: g.adId, match: (_c: string, gid: string) => gid === g.id }));
  }

  private limitHeaders(account: string, exhausted: boolean): Record<string, string> {
    const rl = this.rateLimit || { limit: 10, windowMs: 1000 };
    const now = Date.now();
    const used = this.requests.filter((r) => r.account === account && now - r.at < rl.windowMs).length;
    return {
      'x-ratelimit-rps-limit': String(rl.limit),
      'x-ratelimit-rps-remaining': String(exhausted ? 0 : Math.max(0, rl.limit - used)),
    };
  }

  private authenticate(ctx: Ctx): SandboxAccount {
    const token = bearer(ctx.req);
    if (!token) throw vkError(401, 'invalid_token', 'Access token is missing', { 'www-authenticate': 'Bearer' });
    const issued = this.issued.get(token);
    const accountId = this.tokens[token] ?? issued?.account;
    if (accountId) ctx.record.account = accountId;
    if (!accountId) throw vkError(401, 'invalid_token', 'Invalid access token', { 'www-authenticate': 'Bearer error="invalid_token"' });
    if (this.takeFault(['auth_expired'], accountId) || (issued && issued.expires <= Date.now())) {
      throw vkError(401, 'expired_token', 'Access token has expired', { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const account = this.data.account(accountId);
    if (!account) throw vkError(403, 'forbidden', 'Account is not available');
    return account;
  }

  private token(ctx: Ctx): void {
    const form = formBody(ctx);
    if (form.grant_type !== 'refresh_token') {
      sendJson(ctx.res, 400, { error: 'unsupported_grant_type', error_description: `grant_type ${form.grant_type ?? ''} is not supported here` });
      return;
    }
    if (!form.client_id) {
      sendJson(ctx.res, 401, { error: 'invalid_client', error_description: 'client_id is required' });
      return;
    }
    const refresh = form.refresh_token ?? '';
    const account = this.refreshTokens[refresh] ?? this.refreshIssued.get(refresh);
    if (!account) {
      sendJson(ctx.res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
      return;
    }
    const ttl = this.v.tokenTtlSec ?? 86_400;
    const access = `vk-sandbox-${randomBytes(12).toString('hex')}`;
    this.issued.set(access, { account, expires: Date.now() + ttl * 1000 });
    // The refresh token stays valid and is returned again.
    sendJson(ctx.res, 200, { access_token: access, token_type: 'Bearer', expires_in: ttl, refresh_token: refresh, scope: ['read_ads', 'read_payments'] });
  }
}

export async function startVkAds(opts: VkOptions = {}): Promise<VkAdsSimulator> {
  return new VkAdsSimulator(opts).listen();
}
