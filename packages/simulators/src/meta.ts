/**
 * Meta Marketing API simulator: synchronous insights with cursor paging, asynchronous report
 * runs, Graph API error JSON and the business-use-case usage headers.
 */
import { HttpError, bearer, formBody, sendJson, Simulator, type Ctx, type SimulatorOptions } from './base.js';
import type { DailyRow, SandboxAccount } from './data.js';
import { addDays, isIsoDate, toDay } from './dates.js';

export const META_FAULT_KINDS = [
  /** Error code 17, subcode 2446079 "User request limit reached" (HTTP 400 unless `status`). */
  'user_limit',
  /** Error code 613, subcode 1487742: too many calls from this ad account (HTTP 400 unless `status`). */
  'ad_account_limit',
  /** Error code 4, subcode 1504022: application request limit (HTTP 400 unless `status`). */
  'app_limit',
  /** HTTP 429 carrying error code 17, for clients that key on the status. */
  'rate_limit',
  /** The next async report run(s) end in 'Job Failed'. */
  'job_failed',
  /** Error code 190, subcode 463: the access token has expired. */
  'auth_expired',
  /** HTTP 500, error code 2 "An unexpected error has occurred". */
  'server_error',
] as const;

export interface MetaOptions extends SimulatorOptions {
  /** Access tokens accepted. Default ['sandbox-meta-token']. */
  accessTokens?: string[];
  /** Status polls a report run takes before it completes ('Job Not Started', then 'Job Running' …). Default 2. */
  asyncPolls?: number;
  /** Largest `limit` honoured. Default 5,000. */
  maxLimit?: number;
}

type Level = 'account' | 'campaign' | 'adset' | 'ad';
const LEVELS: Level[] = ['account', 'campaign', 'adset', 'ad'];

const FIELDS = new Set([
  'account_id', 'account_name', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name',
  'date_start', 'date_stop', 'impressions', 'clicks', 'spend', 'reach', 'ctr', 'cpc', 'cpm', 'actions', 'conversions',
  'video_play_actions', 'video_thruplay_watched_actions', 'objective',
]);

interface InsightsParams {
  level: Level;
  since: string;
  until: string;
  increment: number | 'all_days' | 'monthly';
  fields: string[];
  campaignIds?: string[];
  adsetIds?: string[];
}

interface ReportRun {
  id: string;
  accountId: string;
  params: InsightsParams;
  polls: number;
  fails: boolean;
  createdAt: number;
}

function graphError(status: number, message: string, type: string, code: number, subcode: number | undefined, fbtrace: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpError {
  const error: Record<string, unknown> = { message, type, code, ...extra };
  if (subcode !== undefined) error.error_subcode = subcode;
  error.fbtrace_id = fbtrace;
  return new HttpError(status, { error }, headers);
}

function money(micros: number): string {
  return (micros / 1_000_000).toFixed(2).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

function ratio(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

export class MetaSimulator extends Simulator {
  readonly platform = 'meta' as const;
  readonly faultKinds = META_FAULT_KINDS;
  private runs = new Map<string, ReportRun>();
  private runSeq = 0;

  constructor(private readonly m: MetaOptions = {}) {
    super('meta', m, false);
  }

  credentials(): Record<string, unknown> {
    return { accessTokens: this.m.accessTokens ?? ['sandbox-meta-token'], apiVersion: 'v21.0' };
  }

  protected override onReset(): void {
    this.runs.clear();
  }

  protected override internalError(ctx: Ctx, err: unknown): HttpError {
    return graphError(500, `An unexpected error has occurred. ${String(err)}`, 'OAuthException', 2, undefined, ctx.requestId, { is_transient: true });
  }

  protected handle(ctx: Ctx): void {
    const { url, req } = ctx;
    const m = /^\/(v\d+\.\d+)\/(?:act_(\d+)\/insights|(\d+)(\/insights)?)$/.exec(url.pathname);
    if (!m) throw graphError(400, `Unknown path components: ${url.pathname}`, 'OAuthException', 2500, undefined, ctx.requestId);
    const [, version, actId, runId, runInsights] = m;
    const params = this.allParams(ctx);
    const run = runId ? this.runs.get(runId) : undefined;
    const accountId = actId ?? run?.accountId;
    if (accountId) ctx.record.account = accountId;
    this.authenticate(ctx, params);
    if (runId && !run) {
      throw graphError(400, `Unsupported get request. Object with ID '${runId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 'GraphMethodException', 100, 33, ctx.requestId);
    }
    const account = accountId ? this.data.account(accountId) : undefined;
    if (actId && !account) {
      throw graphError(400, `(#100) Ad account owner has NOT grant ads_management or ads_read permission`, 'OAuthException', 100, undefined, ctx.requestId);
    }
    this.throttle(ctx, accountId!);

    const usage = this.usageHeaders(accountId!, false);
    if (actId && req.method === 'POST') {
      const p = this.parseParams(ctx, params);
      const fault = this.takeFault(['job_failed'], actId);
      const id = String(6_120_000_000_000_000 + ++this.runSeq);
      this.runs.set(id, { id, accountId: actId, params: p, polls: 0, fails: !!fault, createdAt: Math.floor(Date.now() / 1000) });
      sendJson(ctx.res, 200, { report_run_id: id }, usage);
      return;
    }
    if (actId) {
      const p = this.parseParams(ctx, params);
      this.page(ctx, version, account!, p, params, usage);
      return;
    }
    if (run && !runInsights) {
      sendJson(ctx.res, 200, this.status(run), usage);
      return;
    }
    if (run) {
      const st = this.runState(run);
      if (st.async_status === 'Job Failed') {
        throw graphError(400, 'Generating the report failed. Try again later.', 'OAuthException', -2, 2490547, ctx.requestId, { error_user_title: 'Report Failed', error_user_msg: 'Generating the report failed. Try again later.' });
      }
      if (st.async_status !== 'Job Completed') {
        throw graphError(400, `(#100) Report ${run.id} is not ready yet`, 'OAuthException', 100, undefined, ctx.requestId);
      }
      this.page(ctx, version, this.data.account(run.accountId)!, run.params, params, usage, run.id);
    }
  }

  private allParams(ctx: Ctx): Record<string, string> {
    const out: Record<string, string> = Object.fromEntries(ctx.url.searchParams);
    if (ctx.req.method === 'POST' && ctx.body.length) Object.assign(out, formBody(ctx));
    return out;
  }

  private authenticate(ctx: Ctx, params: Record<string, string>): void {
    const token = params.access_token ?? bearer(ctx.req);
    if (!token) throw graphError(400, 'An access token is required to request this resource.', 'OAuthException', 104, undefined, ctx.requestId);
    if (this.takeFault(['auth_expired'], ctx.record.account)) {
      throw graphError(400, 'Error validating access token: Session has expired.', 'OAuthException', 190, 463, ctx.requestId);
    }
    if (!(this.m.accessTokens ?? ['sandbox-meta-token']).includes(token)) {
      throw graphError(400, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException', 190, undefined, ctx.requestId);
    }
  }

  private throttle(ctx: Ctx, accountId: string): void {
    const fault = this.takeFault(['user_limit', 'ad_account_limit', 'app_limit', 'rate_limit', 'server_error'], accountId);
    const over = this.overRateLimit(accountId, ctx.record.at);
    if (!fault && !over) return;
    if (fault?.kind === 'server_error') {
      throw graphError(fault.status ?? 500, 'An unexpected error has occurred. Please retry your request later.', 'OAuthException', 2, undefined, ctx.requestId, { is_transient: true });
    }
    const headers = this.usageHeaders(accountId, true);
    const kind = fault?.kind ?? 'user_limit';
    const status = fault?.status ?? (kind === 'rate_limit' ? 429 : 400);
    if (kind === 'ad_account_limit') {
      throw graphError(status, 'Calls to this api have exceeded the rate limit.', 'OAuthException', 613, 1487742, ctx.requestId,
        { is_transient: true, error_user_title: 'Too many calls', error_user_msg: 'There have been too many calls from this ad-account. Please wait a bit and try again.' }, headers);
    }
    if (kind === 'app_limit') {
      throw graphError(status, 'Application request limit reached', 'OAuthException', 4, 1504022, ctx.requestId, { is_transient: true }, headers);
    }
    throw graphError(status, 'User request limit reached', 'OAuthException', 17, 2446079, ctx.requestId, { is_transient: true }, headers);
  }

  private usageHeaders(accountId: string, throttled: boolean): Record<string, string> {
    const limit = this.rateLimit ? this.rateLimit : { limit: 200, windowMs: 3_600_000 };
    const now = Date.now();
    const recent = this.requests.filter((r) => r.account === accountId && now - r.at < limit.windowMs).length;
    const pct = throttled ? 100 : Math.min(99, Math.round((recent / limit.limit) * 100));
    const buc = {
      [accountId]: [{ type: 'ads_insights', call_count: pct, total_cputime: Math.round(pct / 2), total_time: Math.round(pct / 2), estimated_time_to_regain_access: throttled ? Math.max(1, Math.ceil(limit.windowMs / 60_000)) : 0, ads_api_access_tier: 'development_access' }],
    };
    return {
      'x-business-use-case-usage': JSON.stringify(buc),
      'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: pct, acc_id_util_pct: pct, ads_api_access_tier: 'development_access' }),
    };
  }

  private parseParams(ctx: Ctx, p: Record<string, string>): InsightsParams {
    const bad = (msg: string) => graphError(400, `(#100) ${msg}`, 'OAuthException', 100, undefined, ctx.requestId);
    const level = (p.level ?? 'account') as Level;
    if (!LEVELS.includes(level)) throw bad(`level must be one of the following values: ${LEVELS.join(', ')}`);
    let since: string;
    let until: string;
    if (p.time_range) {
      let tr: { since?: string; until?: string };
      try {
        tr = JSON.parse(p.time_range);
      } catch {
        throw bad('time_range must be a JSON object with since and until');
      }
      if (!isIsoDate(tr.since) || !isIsoDate(tr.until)) throw bad('time_range must contain since and until dates (YYYY-MM-DD)');
      if (tr.since > tr.until) throw bad('time_range: since must not be after until');
      since = tr.since;
      until = tr.until;
    } else {
      const t = this.data.today;
      const presets: Record<string, [string, string]> = {
        today: [t, t], yesterday: [addDays(t, -1), addDays(t, -1)], last_7d: [addDays(t, -7), addDays(t, -1)],
        last_14d: [addDays(t, -14), addDays(t, -1)], last_28d: [addDays(t, -28), addDays(t, -1)], last_30d: [addDays(t, -30), addDays(t, -1)],
        last_90d: [addDays(t, -90), addDays(t, -1)], maximum: [this.data.dataStart, t],
      };
      const r = presets[p.date_preset ?? 'last_30d'];
      if (!r) throw bad(`date_preset must be one of the following values: ${Object.keys(presets).join(', ')}`);
      [since, until] = r;
    }
    let increment: InsightsParams['increment'] = 'all_days';
    if (p.time_increment !== undefined) {
      if (p.time_increment === 'all_days' || p.time_increment === 'monthly') increment = p.time_increment;
      else if (/^\d+$/.test(p.time_increment) && Number(p.time_increment) >= 1 && Number(p.time_increment) <= 90) increment = Number(p.time_increment);
      else throw bad('time_increment must be all_days, monthly or an integer between 1 and 90');
    }
    const fields = (p.fields ?? 'impressions,spend').split(',').map((f) => f.trim()).filter(Boolean);
    for (const f of fields) if (!FIELDS.has(f)) throw bad(`${f} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`);
    const out: InsightsParams = { level, since, until, increment, fields };
    if (p.filtering) {
      let filters: { field?: string; operator?: string; value?: unknown }[];
      try {
        filters = JSON.parse(p.filtering);
      } catch {
        throw bad('filtering must be a JSON array');
      }
      for (const f of filters) {
        const values = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
        if (f.field === 'campaign.id') out.campaignIds = values;
        else if (f.field === 'adset.id') out.adsetIds = values;
      }
    }
    return out;
  }

  private bucket(p: InsightsParams, date: string): [string, string] {
    if (p.increment === 'all_days') return [p.since, p.until];
    if (p.increment === 'monthly') {
      const start = `${date.slice(0, 7)}-01`;
      const next = new Date(`${start}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const end = addDays(next.toISOString().slice(0, 10), -1);
      return [start < p.since ? p.since : start, end > p.until ? p.until : end];
    }
    const k = Math.floor((toDay(date) - toDay(p.since)) / p.increment);
    const start = addDays(p.since, k * p.increment);
    const end = addDays(start, p.increment - 1);
    return [start, end > p.until ? p.until : end];
  }

  /** All rows of a query, in a stable order. */
  private rows(account: SandboxAccount, p: InsightsParams): Record<string, unknown>[] {
    let daily: DailyRow[] = this.data.rows(account.id, p.since, p.until);
    if (p.campaignIds) daily = daily.filter((r) => p.campaignIds!.includes(r.campaignId));
    if (p.adsetIds) daily = daily.filter((r) => p.adsetIds!.includes(r.adGroupId));
    const rank = LEVELS.indexOf(p.level);
    const groups = new Map<string, { start: string; stop: string; r: DailyRow; agg: Omit<DailyRow, 'date' | 'accountId' | 'campaignId' | 'adGroupId'> }>();
    for (const r of daily) {
      const [start, stop] = this.bucket(p, r.date);
      const key = `${start}|${rank >= 1 ? r.campaignId : ''}|${rank >= 2 ? r.adGroupId : ''}`;
      let g = groups.get(key);
      if (!g) {
        g = { start, stop, r, agg: { impressions: 0, clicks: 0, costMicros: 0, conversions: 0, videoViews: 0 } };
        groups.set(key, g);
      }
      g.agg.impressions += r.impressions;
      g.agg.clicks += r.clicks;
      g.agg.costMicros += r.costMicros;
      g.agg.conversions += r.conversions;
      g.agg.videoViews += r.videoViews;
    }
    const out: Record<string, unknown>[] = [];
    for (const { start, stop, r, agg } of groups.values()) {
      const campaign = account.campaigns.find((c) => c.id === r.campaignId)!;
      const group = campaign.adGroups.find((g) => g.id === r.adGroupId)!;
      const row: Record<string, unknown> = {};
      const reach = Math.round(agg.impressions / (1.15 + 0.1 * ((agg.impressions % 7) / 7)));
      const values: Record<string, unknown> = {
        account_id: account.id, account_name: account.name, account_currency: account.currency,
        campaign_id: rank >= 1 ? campaign.id : undefined, campaign_name: rank >= 1 ? campaign.name : undefined,
        adset_id: rank >= 2 ? group.id : undefined, adset_name: rank >= 2 ? group.name : undefined,
        ad_id: rank >= 3 ? group.adId : undefined, ad_name: rank >= 3 ? group.adName : undefined,
        objective: rank >= 1 ? (campaign.video ? 'OUTCOME_AWARENESS' : 'OUTCOME_SALES') : undefined,
        impressions: String(agg.impressions), clicks: String(agg.clicks), spend: money(agg.costMicros), reach: String(reach),
        ctr: ratio(agg.impressions ? (agg.clicks / agg.impressions) * 100 : 0),
        cpc: agg.clicks ? ratio(agg.costMicros / 1e6 / agg.clicks) : undefined,
        cpm: agg.impressions ? ratio((agg.costMicros / 1e6 / agg.impressions) * 1000) : undefined,
        actions: agg.conversions ? [{ action_type: 'link_click', value: String(agg.clicks) }, { action_type: 'offsite_conversion.fb_pixel_purchase', value: String(agg.conversions) }] : [{ action_type: 'link_click', value: String(agg.clicks) }],
        conversions: agg.conversions ? [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: String(agg.conversions) }] : undefined,
        video_play_actions: agg.videoViews ? [{ action_type: 'video_view', value: String(agg.videoViews) }] : undefined,
        video_thruplay_watched_actions: agg.videoViews ? [{ action_type: 'video_view', value: String(Math.round(agg.videoViews * 0.4)) }] : undefined,
      };
      for (const f of p.fields) if (f !== 'date_start' && f !== 'date_stop' && values[f] !== undefined) row[f] = values[f];
      row.date_start = start;
      row.date_stop = stop;
      out.push(row);
    }
    return out;
  }

  private page(ctx: Ctx, version: string, account: SandboxAccount, p: InsightsParams, q: Record<string, string>, headers: Record<string, string>, runId?: string): void {
    const all = this.rows(account, p);
    const max = this.m.maxLimit ?? 5_000;
    const limit = Math.min(max, Math.max(1, Number(q.limit ?? 25) || 25));
    const decode = (c: string | undefined) => (c ? Number(Buffer.from(c, 'base64url').toString('utf8').replace(/^offset:/, '')) : NaN);
    let offset = 0;
    if (q.after) offset = decode(q.after) + 1;
    else if (q.before) offset = Math.max(0, decode(q.before) - limit);
    if (!Number.isInteger(offset) || offset < 0) throw graphError(400, '(#100) Invalid cursor', 'OAuthException', 100, undefined, ctx.requestId);
    const data = all.slice(offset, offset + limit);
    const body: Record<string, unknown> = { data };
    if (data.length) {
      const enc = (i: number) => Buffer.from(`offset:${i}`).toString('base64url');
      const paging: Record<string, unknown> = { cursors: { before: enc(offset), after: enc(offset + data.length - 1) } };
      const link = (cursorName: string, cursor: string) => {
        const u = new URL(`${this.url}/${version}/${runId ?? `act_${account.id}`}/insights`);
        for (const [k, v] of Object.entries(q)) if (k !== 'after' && k !== 'before') u.searchParams.set(k, v);
        if (runId) {
          u.searchParams.delete('level');
          u.searchParams.delete('time_range');
          u.searchParams.delete('fields');
        }
        u.searchParams.set('limit', String(limit));
        u.searchParams.set(cursorName, cursor);
        return u.toString();
      };
      if (offset + data.length < all.length) paging.next = link('after', enc(offset + data.length - 1));
      if (offset > 0) paging.previous = link('before', enc(offset));
      body.paging = paging;
    }
    sendJson(ctx.res, 200, body, headers);
  }

  private runState(run: ReportRun): { async_status: string; async_percent_completion: number } {
    const polls = this.m.asyncPolls ?? 2;
    if (run.polls === 0 && polls > 0) return { async_status: 'Job Not Started', async_percent_completion: 0 };
    if (run.polls < polls) return { async_status: 'Job Running', async_percent_completion: Math.floor((run.polls / polls) * 100) };
    if (run.fails) return { async_status: 'Job Failed', async_percent_completion: Math.floor(((polls - 1) / Math.max(1, polls)) * 100) };
    return { async_status: 'Job Completed', async_percent_completion: 100 };
  }

  private status(run: ReportRun): Record<string, unknown> {
    const st = this.runState(run);
    run.polls += 1;
    return {
      id: run.id,
      account_id: run.accountId,
      time_ref: run.createdAt,
      time_completed: st.async_status === 'Job Completed' ? run.createdAt + 1 : 0,
      async_status: st.async_status,
      async_percent_completion: st.async_percent_completion,
      date_start: run.params.since,
      date_stop: run.params.until,
      emails: [],
      friendly_name: `Insights report ${run.id}`,
      is_bookmarked: false,
      is_running: st.async_status === 'Job Running' || st.async_status === 'Job Not Started',
    };
  }
}

export async function startMeta(opts: MetaOptions = {}): Promise<MetaSimulator> {
  return new MetaSimulator(opts).listen();
}
