/**
 * Yandex Direct Reports v5 simulator: `POST /json/v5/reports` with a ReportDefinition, online
 * (200) and offline (201/202 + retryIn) modes, TSV with title and summary lines, money in micros
 * unless `returnMoneyInMicros: false`, and 20 requests per 10 seconds.
 */
import { bearer, HttpError, Simulator, type Ctx, type SimulatorOptions } from './base.js';
import type { SandboxAccount } from './data.js';
import { addDays, isIsoDate } from './dates.js';

export const YANDEX_FAULT_KINDS = [
  /** The next new report is built offline: `count` answers of 201 then 202 with `retryIn`, then 200. */
  'queued',
  /** HTTP 429, error_code 56 — the throttling answer (also given past 20 requests per 10 s). */
  'rate_limit',
  /** HTTP 400, error_code 9000 — too many reports in the offline queue. */
  'queue_limit',
  /** HTTP 500, error_code 1000. */
  'server_error',
  /** HTTP 502, error_code 1002 — processing timed out on the server. */
  'timeout',
  /** HTTP 400, error_code 53 — the OAuth token is invalid or expired. */
  'auth_expired',
] as const;

export interface YandexOptions extends SimulatorOptions {
  /** Tokens accepted and the login each one acts as. Default { 'sandbox-yandex-token': 'sandbox-client-1', 'sandbox-agency-token': '' } — '' is an agency that must send Client-Login. */
  tokens?: Record<string, string>;
  /** Default `retryIn` in seconds. Default 1 (real reports take longer; tests would wait). */
  retryInSec?: number;
  /** Reports with more rows than this are built offline in processingMode 'auto'. Default 50,000. */
  onlineMaxRows?: number;
  /** 201/202 answers before an offline report is ready (when not set by a 'queued' fault). Default 2. */
  offlinePolls?: number;
}

const DIMENSIONS = ['Date', 'CampaignId', 'CampaignName', 'AdGroupId', 'AdGroupName', 'CampaignType'];
const METRICS = ['Impressions', 'Clicks', 'Cost', 'Conversions', 'Ctr', 'AvgCpc', 'AvgCpm', 'VideoViews'];
const REPORT_TYPES: Record<string, string[]> = {
  CUSTOM_REPORT: [...DIMENSIONS, ...METRICS],
  ACCOUNT_PERFORMANCE_REPORT: ['Date', ...METRICS],
  CAMPAIGN_PERFORMANCE_REPORT: ['Date', 'CampaignId', 'CampaignName', 'CampaignType', ...METRICS],
  ADGROUP_PERFORMANCE_REPORT: [...DIMENSIONS, ...METRICS],
};
const DATE_RANGES = ['CUSTOM_DATE', 'TODAY', 'YESTERDAY', 'LAST_3_DAYS', 'LAST_5_DAYS', 'LAST_7_DAYS', 'LAST_14_DAYS', 'LAST_30_DAYS', 'LAST_90_DAYS', 'ALL_TIME', 'AUTO'];

interface StoredReport {
  key: string;
  signature: string;
  pending: number;
  retryIn: number;
  served: number;
}

function yError(status: number, ctx: Ctx, code: number, text: string, detail: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, { error: { request_id: ctx.requestId, error_code: code, error_string: text, error_detail: detail } }, { RequestId: ctx.requestId, ...headers });
}

const VAT = 0.2;

export class YandexDirectSimulator extends Simulator {
  readonly platform = 'yandex' as const;
  readonly faultKinds = YANDEX_FAULT_KINDS;
  private reports = new Map<string, StoredReport>();

  constructor(private readonly y: YandexOptions = {}) {
    super('yandex', y, { limit: 20, windowMs: 10_000 });
  }

  get tokens(): Record<string, string> {
    return this.y.tokens ?? { 'sandbox-yandex-token': 'sandbox-client-1', 'sandbox-agency-token': '' };
  }

  credentials(): Record<string, unknown> {
    return { tokens: this.tokens, agencyClientLogins: this.data.accounts.map((a) => a.id) };
  }

  protected override onReset(): void {
    this.reports.clear();
  }

  protected override internalError(ctx: Ctx, err: unknown): HttpError {
    return yError(500, ctx, 1000, 'Server temporarily unavailable', String(err));
  }

  protected handle(ctx: Ctx): void {
    const { req, url } = ctx;
    if (url.pathname !== '/json/v5/reports') throw yError(404, ctx, 8000, 'Invalid request', `Unknown service ${url.pathname}`);
    if (req.method !== 'POST') throw yError(405, ctx, 8000, 'Invalid request', 'Use POST');
    const token = bearer(req);
    const clientLogin = (req.headers['client-login'] as string | undefined)?.trim();
    const login = clientLogin || (token ? this.tokens[token] : undefined) || undefined;
    if (login) ctx.record.account = login;
    if (!token) throw yError(400, ctx, 53, 'Authorization error', 'The OAuth token is missing');
    if (this.takeFault(['auth_expired'], login)) throw yError(400, ctx, 53, 'Authorization error', 'Invalid OAuth token');
    if (!(token in this.tokens)) throw yError(400, ctx, 53, 'Authorization error', 'Invalid OAuth token');
    if (!login) throw yError(400, ctx, 8000, 'Invalid request', 'The Client-Login HTTP header is required for agency requests');
    const account = this.data.account(login);
    if (!account || (clientLogin && this.tokens[token] && this.tokens[token] !== clientLogin)) {
      throw yError(400, ctx, 513, 'Your user login is not connected to Yandex Direct', `Client-Login ${login} is not available to this token`);
    }
    const fault = this.takeFault(['rate_limit', 'queue_limit', 'server_error', 'timeout'], login);
    if (fault?.kind === 'rate_limit' || this.overRateLimit(login, ctx.record.at)) {
      throw yError(fault?.status ?? 429, ctx, 56, 'Request limit exceeded', 'No more than 20 requests per 10 seconds may be sent to the Reports service', { retryIn: '10' });
    }
    if (fault?.kind === 'queue_limit') throw yError(fault.status ?? 400, ctx, 9000, 'Too many reports in the queue', 'The limit on reports in the offline queue has been exceeded');
    if (fault?.kind === 'server_error') throw yError(fault.status ?? 500, ctx, 1000, 'Server temporarily unavailable', 'Internal server error');
    if (fault?.kind === 'timeout') throw yError(fault.status ?? 502, ctx, 1002, 'Operation error', 'Request processing timed out on the server');

    const def = this.parse(ctx, account);
    const flag = (name: string) => String(req.headers[name.toLowerCase()] ?? '').toLowerCase() === 'true';
    const moneyHeader = String(req.headers['returnmoneyinmicros'] ?? 'true').toLowerCase();
    const micros = moneyHeader !== 'false';
    const mode = String(req.headers['processingmode'] ?? 'auto').toLowerCase();
    if (!['auto', 'online', 'offline'].includes(mode)) throw yError(400, ctx, 8000, 'Invalid request', 'processingMode must be auto, online or offline');

    const key = `${login}\u0000${def.name}`;
    const signature = JSON.stringify(def.signature);
    let report = this.reports.get(key);
    if (report && report.signature !== signature) {
      throw yError(400, ctx, 4000, 'Invalid request parameters', `A report named "${def.name}" with different parameters already exists; change ReportName`);
    }
    const headersBase = { RequestId: ctx.requestId };
    if (!report) {
      const queued = this.takeWholeFault(['queued'], login);
      const rows = this.build(account, def, micros).length;
      const offline = !!queued || mode === 'offline' || (mode === 'auto' && rows > (this.y.onlineMaxRows ?? 50_000));
      const pending = queued ? queued.count : offline ? (this.y.offlinePolls ?? 2) : 0;
      report = { key, signature, pending, retryIn: queued?.retryIn ?? this.y.retryInSec ?? 1, served: 0 };
      this.reports.set(key, report);
      if (pending > 0) {
        report.pending -= 1;
        report.served += 1;
        this.empty(ctx, 201, { ...headersBase, retryIn: String(report.retryIn), reportsInQueue: String(this.queueLength()) });
        return;
      }
    } else if (report.pending > 0) {
      report.pending -= 1;
      report.served += 1;
      this.empty(ctx, 202, { ...headersBase, retryIn: String(report.retryIn), reportsInQueue: String(this.queueLength()) });
      return;
    }
    const lines: string[] = [];
    if (!flag('skipReportHeader')) lines.push(`"${def.name} (${def.from} - ${def.to})"`);
    if (!flag('skipColumnHeader')) lines.push(def.fields.join('\t'));
    const rows = this.build(account, def, micros);
    for (const r of rows) lines.push(r.join('\t'));
    if (!flag('skipReportSummary')) lines.push(`Total rows: ${rows.length}`);
    const body = lines.join('\n') + '\n';
    ctx.res.writeHead(200, { 'content-type': 'text/tab-separated-values; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headersBase });
    ctx.res.end(body);
  }

  private empty(ctx: Ctx, status: number, headers: Record<string, string>): void {
    ctx.res.writeHead(status, { 'content-length': 0, ...headers });
    ctx.res.end();
  }

  private queueLength(): number {
    let n = 0;
    for (const r of this.reports.values()) if (r.pending > 0) n++;
    return n;
  }

  private parse(ctx: Ctx, account: SandboxAccount) {
    const bad = (detail: string) => yError(400, ctx, 8000, 'Invalid request', detail);
    let body: { params?: Record<string, unknown> };
    try {
      body = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      throw bad('The request body is not valid JSON');
    }
    const p = body?.params;
    if (!p || typeof p !== 'object') throw bad('Required field params is omitted');
    const sel = (p.SelectionCriteria ?? {}) as { DateFrom?: string; DateTo?: string; Filter?: { Field: string; Operator: string; Values: string[] }[] };
    const fields = p.FieldNames as string[] | undefined;
    const name = p.ReportName as string | undefined;
    const type = p.ReportType as string | undefined;
    const range = p.DateRangeType as string | undefined;
    const format = p.Format as string | undefined;
    const vat = p.IncludeVAT as string | undefined;
    if (!p.SelectionCriteria) throw bad('Required field SelectionCriteria is omitted');
    if (!Array.isArray(fields) || !fields.length) throw bad('Required field FieldNames is omitted');
    if (!name) throw bad('Required field ReportName is omitted');
    if (!type || !(type in REPORT_TYPES)) throw bad(`ReportType must be one of: ${Object.keys(REPORT_TYPES).join(', ')}`);
    if (!range || !DATE_RANGES.includes(range)) throw bad(`DateRangeType must be one of: ${DATE_RANGES.join(', ')}`);
    if (format !== 'TSV') throw bad('Format must be TSV');
    if (vat !== 'YES' && vat !== 'NO') throw bad('Required field IncludeVAT is omitted or invalid (YES or NO)');
    for (const f of fields) {
      if (!REPORT_TYPES[type].includes(f)) throw yError(400, ctx, 4000, 'Invalid request parameters', `Field ${f} is not supported in ${type}`);
    }
    let from: string;
    let to: string;
    const t = this.data.today;
    if (range === 'CUSTOM_DATE') {
      if (!isIsoDate(sel.DateFrom) || !isIsoDate(sel.DateTo)) throw yError(400, ctx, 4000, 'Invalid request parameters', 'DateFrom and DateTo are required with CUSTOM_DATE (YYYY-MM-DD)');
      if (sel.DateFrom > sel.DateTo) throw yError(400, ctx, 4000, 'Invalid request parameters', 'DateFrom is later than DateTo');
      from = sel.DateFrom;
      to = sel.DateTo;
    } else {
      if (sel.DateFrom || sel.DateTo) throw yError(400, ctx, 4000, 'Invalid request parameters', 'DateFrom and DateTo are allowed only with CUSTOM_DATE');
      const y = addDays(t, -1);
      const n = /^LAST_(\d+)_DAYS$/.exec(range);
      if (range === 'TODAY') [from, to] = [t, t];
      else if (range === 'YESTERDAY') [from, to] = [y, y];
      else if (n) [from, to] = [addDays(t, -Number(n[1])), y];
      else [from, to] = [this.data.dataStart, t];
    }
    const campaignFilter = (sel.Filter ?? []).find((f) => f.Field === 'CampaignId' && f.Operator === 'IN' || f.Field === 'CampaignId' && f.Operator === 'EQUALS');
    const campaignIds = campaignFilter?.Values?.map(String);
    if (campaignIds && !campaignIds.every((id) => account.campaigns.some((c) => c.id === id))) {
      throw yError(400, ctx, 8800, 'Object not found', 'Campaign not found');
    }
    return { name, type, fields, from, to, vat: vat === 'YES', campaignIds, signature: { p, login: account.id } };
  }

  private build(account: SandboxAccount, def: { fields: string[]; from: string; to: string; vat: boolean; campaignIds?: string[] }, micros: boolean): string[][] {
    const dims = def.fields.filter((f) => DIMENSIONS.includes(f));
    const byCampaign = dims.some((d) => d.startsWith('Campaign'));
    const byGroup = dims.some((d) => d.startsWith('AdGroup'));
    const byDate = dims.includes('Date');
    const groups = new Map<string, { date: string; campaignId: string; adGroupId: string; i: number; c: number; cost: number; conv: number; v: number }>();
    for (const r of this.data.rows(account.id, def.from, def.to)) {
      if (def.campaignIds && !def.campaignIds.includes(r.campaignId)) continue;
      const key = `${byDate ? r.date : ''}|${byCampaign || byGroup ? r.campaignId : ''}|${byGroup ? r.adGroupId : ''}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { date: r.date, campaignId: r.campaignId, adGroupId: r.adGroupId, i: 0, c: 0, cost: 0, conv: 0, v: 0 }));
      g.i += r.impressions;
      g.c += r.clicks;
      g.cost += r.costMicros;
      g.conv += r.conversions;
      g.v += r.videoViews;
    }
    const money = (m: number) => {
      const kopecks = Math.round((def.vat ? m * (1 + VAT) : m) / 10_000);
      return micros ? String(kopecks * 10_000) : (kopecks / 100).toFixed(2);
    };
    const out: string[][] = [];
    for (const g of groups.values()) {
      const campaign = account.campaigns.find((c) => c.id === g.campaignId)!;
      const group = campaign.adGroups.find((x) => x.id === g.adGroupId)!;
      out.push(def.fields.map((f) => {
        switch (f) {
          case 'Date': return g.date;
          case 'CampaignId': return campaign.id;
          case 'CampaignName': return campaign.name;
          case 'CampaignType': return campaign.video ? 'CPM_BANNER_CAMPAIGN' : 'TEXT_CAMPAIGN';
          case 'AdGroupId': return group.id;
          case 'AdGroupName': return group.name;
          case 'Impressions': return String(g.i);
          case 'Clicks': return String(g.c);
          case 'Cost': return money(g.cost);
          case 'Conversions': return g.conv ? String(g.conv) : '--';
          case 'VideoViews': return campaign.video ? String(g.v) : '--';
          case 'Ctr': return g.i ? ((g.c / g.i) * 100).toFixed(2) : '--';
          case 'AvgCpc': return g.c ? money(g.cost / g.c) : '--';
          case 'AvgCpm': return g.i ? money((g.cost / g.i) * 1000) : '--';
          default: return '--';
        }
      }));
    }
    return out;
  }
}

export async function startYandexDirect(opts: YandexOptions = {}): Promise<YandexDirectSimulator> {
  return new YandexDirectSimulator(opts).listen();
}
