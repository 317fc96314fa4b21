/**
 * Meta Marketing API insights at ad-set level by day. Small ranges read the synchronous edge
 * with cursor paging; larger ones start an async report run and poll `async_status` /
 * `async_percent_completion`, then page its results. Numbers arrive as strings. Throttling
 * (codes 4, 17, 613, 80000-range and HTTP 429) waits for `estimated_time_to_regain_access`
 * from `X-Business-Use-Case-Usage` when given, else backs off exponentially.
 */
import { ConnectorError, type ConnectorErrorKind } from './errors.js';
import {
  Buckets, checkRange, chunkRange, count, daysBetween, decimalToMicros, DEFAULT_RETRY, joinUrl, parseJson, send, sleep, withRetries,
  type CommonSettings, type HttpAnswer,
} from './shared.js';
import type { Connector, ConnectorCredentials, DailyStat, DateRange, FetchOptions } from './types.js';

export interface MetaSettings extends CommonSettings {
  /** Graph API version in the path, e.g. v21.0. */
  apiVersion: string;
  /** 'sync' pages the insights edge, 'async' always uses report runs, 'auto' uses runs above `asyncAboveDays`. */
  mode: 'sync' | 'async' | 'auto';
  asyncAboveDays: number;
  /** Days per request or report run. */
  chunkDays: number;
  /** Rows per page. */
  pageLimit: number;
  /** Delay between status polls of a report run. */
  pollIntervalMs: number;
  /** Polls before a run that is still going is given up (transient error). */
  maxPolls: number;
  /** New runs started after a run ends in 'Job Failed' before the error is reported. */
  runAttempts: number;
  /** Action types counted as conversions; empty counts every entry of the `conversions` field. */
  conversionActionTypes: string[];
  /** Usage (percent of call count, CPU or time) at which the connector pauses before the next call. */
  usagePauseAtPct: number;
}

export const META_DEFAULTS: MetaSettings = {
  baseUrl: 'https://graph.facebook.com',
  apiVersion: 'v21.0',
  mode: 'auto',
  asyncAboveDays: 7,
  chunkDays: 31,
  pageLimit: 500,
  pollIntervalMs: 2_000,
  maxPolls: 300,
  runAttempts: 3,
  conversionActionTypes: [],
  usagePauseAtPct: 90,
  rateLimit: { limit: 100, windowMs: 60_000 },
  retry: DEFAULT_RETRY,
  timeoutMs: 120_000,
};

const P = 'meta' as const;
const FIELDS = ['account_id', 'account_currency', 'campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'impressions', 'clicks', 'spend', 'conversions', 'video_play_actions'];
/** Throttling codes: 4 app, 17 user, 32 page, 613 calls, 80000-80014 business use case. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);

interface GraphError {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean };
}

interface BucUsage {
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  estimated_time_to_regain_access?: number;
}

/** Largest usage percentage and the wait Meta announced, from `X-Business-Use-Case-Usage`. */
export function businessUsage(headers: Headers): { pct: number; regainMs: number } {
  const raw = headers.get('x-business-use-case-usage');
  const parsed = raw ? (parseJson(raw) as Record<string, BucUsage[]> | undefined) : undefined;
  let pct = 0;
  let regainMs = 0;
  for (const entries of Object.values(parsed ?? {})) {
    for (const u of entries ?? []) {
      pct = Math.max(pct, u.call_count ?? 0, u.total_cputime ?? 0, u.total_time ?? 0);
      regainMs = Math.max(regainMs, (u.estimated_time_to_regain_access ?? 0) * 60_000);
    }
  }
  return { pct, regainMs };
}

export function classifyMeta(a: HttpAnswer): ConnectorError {
  const e = (parseJson(a.text) as GraphError | undefined)?.error;
  const code = e?.code;
  const usage = businessUsage(a.headers);
  const msg = `${a.status} (#${code ?? '?'}${e?.error_subcode ? `/${e.error_subcode}` : ''}) ${e?.message ?? a.text.slice(0, 200)}`;
  const details = { status: a.status, code: code !== undefined ? String(code) : undefined };
  let kind: ConnectorErrorKind;
  if ((code !== undefined && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014))) || a.status === 429) kind = 'rate_limit';
  else if (code === 190 || code === 102 || code === 104 || (code !== undefined && code >= 200 && code < 300) || a.status === 401) kind = code !== undefined && code >= 200 && code < 300 ? 'permission' : 'auth';
  else if (code === 1 || code === 2 || a.status >= 500 || e?.is_transient) kind = 'server';
  else if (code === -2) kind = 'report_failed';
  else kind = 'bad_request';
  return new ConnectorError(P, kind, msg, { ...details, retryAfterMs: kind === 'rate_limit' && usage.regainMs > 0 ? usage.regainMs : undefined });
}

interface InsightsRow {
  account_id?: string;
  account_currency?: string;
  campaign_id?: string;
  campaign_name?: string;
  adset_id?: string;
  adset_name?: string;
  date_start?: string;
  impressions?: string;
  clicks?: string;
  spend?: string;
  conversions?: { action_type: string; value: string }[];
  video_play_actions?: { action_type: string; value: string }[];
}

interface Page {
  data?: InsightsRow[];
  paging?: { cursors?: { after?: string }; next?: string };
}

export class MetaConnector implements Connector {
  readonly platform = P;
  readonly settings: MetaSettings;
  private readonly buckets: Buckets;
  /** Earliest next call per account, after the usage header came close to the limit. */
  private readonly pausedUntil = new Map<string, number>();

  constructor(settings: Partial<MetaSettings> = {}) {
    this.settings = { ...META_DEFAULTS, ...settings, retry: { ...META_DEFAULTS.retry, ...settings.retry } };
    this.buckets = new Buckets(this.settings.rateLimit);
  }

  async test(creds: ConnectorCredentials, account: string, opts: FetchOptions = {}): Promise<void> {
    const id = accountId(account);
    await this.call(creds, id, `/${this.settings.apiVersion}/act_${id}/insights`, 'GET', { level: 'account', date_preset: 'yesterday', fields: 'account_id,account_currency', limit: '1' }, opts);
  }

  async *fetchDaily(creds: ConnectorCredentials, account: string, range: DateRange, opts: FetchOptions = {}): AsyncIterable<DailyStat[]> {
    checkRange(P, range);
    const id = accountId(account);
    const s = this.settings;
    for (const chunk of chunkRange(range, s.chunkDays)) {
      const async = s.mode === 'async' || (s.mode === 'auto' && daysBetween(chunk.from, chunk.to) + 1 > s.asyncAboveDays);
      const params: Record<string, string> = {
        level: 'adset',
        time_range: JSON.stringify({ since: chunk.from, until: chunk.to }),
        time_increment: '1',
        fields: FIELDS.join(','),
        limit: String(s.pageLimit),
      };
      // A chunk's rows are yielded once every page has arrived: a retried run cannot double them.
      const rows = async ? await this.viaReportRun(creds, id, params, opts) : await this.pages(creds, id, `/${s.apiVersion}/act_${id}/insights`, params, opts);
      if (rows.length) yield rows.map((r) => this.toStat(id, r));
    }
  }

  private async viaReportRun(creds: ConnectorCredentials, id: string, params: Record<string, string>, opts: FetchOptions): Promise<InsightsRow[]> {
    const s = this.settings;
    for (let attempt = 1; ; attempt++) {
      const started = (await this.call(creds, id, `/${s.apiVersion}/act_${id}/insights`, 'POST', params, opts)) as { report_run_id?: string };
      const runId = started.report_run_id;
      if (!runId) throw new ConnectorError(P, 'server', 'report run started without report_run_id');
      let status = '';
      for (let poll = 0; poll < s.maxPolls; poll++) {
        const st = (await this.call(creds, id, `/${s.apiVersion}/${runId}`, 'GET', {}, opts)) as { async_status?: string; async_percent_completion?: number };
        status = st.async_status ?? '';
        if (status === 'Job Completed' || status === 'Job Failed' || status === 'Job Skipped') break;
        await (s.sleep ?? sleep)(s.pollIntervalMs, opts.signal);
      }
      if (status === 'Job Completed') return this.pages(creds, id, `/${s.apiVersion}/${runId}/insights`, { limit: params.limit }, opts);
      const err = status === 'Job Failed' || status === 'Job Skipped'
        ? new ConnectorError(P, 'report_failed', `report run ${runId} ended in '${status}'`)
        : new ConnectorError(P, 'timeout', `report run ${runId} still '${status}' after ${s.maxPolls} polls`);
      if (attempt >= s.runAttempts || err.kind === 'timeout') throw err;
    }
  }

  /** Follows the `after` cursor while the answer says there is a next page. */
  private async pages(creds: ConnectorCredentials, id: string, path: string, params: Record<string, string>, opts: FetchOptions): Promise<InsightsRow[]> {
    const out: InsightsRow[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await this.call(creds, id, path, 'GET', after ? { ...params, after } : params, opts)) as Page;
      out.push(...(page.data ?? []));
      after = page.paging?.cursors?.after;
      if (!page.paging?.next || !after || !page.data?.length) return out;
    }
  }

  /** One Graph call with retries; answers the parsed JSON. */
  private async call(creds: ConnectorCredentials, id: string, path: string, method: 'GET' | 'POST', params: Record<string, string>, opts: FetchOptions): Promise<unknown> {
    if (!creds.accessToken) throw new ConnectorError(P, 'auth', 'no access token', { code: '104' });
    const url = new URL(joinUrl(this.settings.baseUrl, path));
    let init: RequestInit = { method, headers: { authorization: `Bearer ${creds.accessToken}` } };
    if (method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    else init = { ...init, headers: { ...(init.headers as Record<string, string>), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) };
    return withRetries(this.settings, opts.signal, async () => {
      const paused = (this.pausedUntil.get(id) ?? 0) - Date.now();
      if (paused > 0) await (this.settings.sleep ?? sleep)(paused, opts.signal);
      const a = await send(P, this.settings, this.buckets, id, url.toString(), init, opts.signal);
      const usage = businessUsage(a.headers);
      if (a.status === 200 && usage.pct >= this.settings.usagePauseAtPct) {
        // Close to the limit: slow down before Meta throttles the account.
        this.pausedUntil.set(id, Date.now() + Math.max(usage.regainMs, this.settings.retry.baseDelayMs));
      }
      if (a.status === 200) {
        const json = parseJson(a.text);
        if (json === undefined) throw new ConnectorError(P, 'server', 'answer is not JSON', { status: 200 });
        return json;
      }
      throw classifyMeta(a);
    });
  }

  private toStat(id: string, r: InsightsRow): DailyStat {
    const types = this.settings.conversionActionTypes;
    const sum = (list: { action_type: string; value: string }[] | undefined, only?: string[]) =>
      (list ?? []).filter((x) => !only?.length || only.includes(x.action_type)).reduce((n, x) => n + count(x.value), 0);
    return {
      accountId: r.account_id ?? id,
      campaignId: r.campaign_id ?? '',
      campaignName: r.campaign_name,
      adGroupId: r.adset_id ?? '',
      adGroupName: r.adset_name,
      date: r.date_start ?? '',
      impressions: count(r.impressions),
      clicks: count(r.clicks),
      costMicros: decimalToMicros(r.spend),
      conversions: sum(r.conversions, types),
      videoViews: sum(r.video_play_actions, ['video_view']),
      currency: r.account_currency ?? '',
    };
  }
}

function accountId(account: string): string {
  return account.replace(/^act_/, '');
}
