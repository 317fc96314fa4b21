/**
 * Yandex Direct Reports v5: a CUSTOM_REPORT by date and ad group as TSV. 201/202 mean the report
 * is queued or building: the same request (same ReportName and parameters) is sent again after
 * `retryIn` seconds until 200. Agency tokens send `Client-Login`. Money is asked for in roubles
 * (`returnMoneyInMicros: false`) and converted to micros exactly; micros are also understood.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConnectorError, type ConnectorErrorKind } from './errors.js';
import {
  Buckets, checkRange, chunkRange, count, decimalToMicros, DEFAULT_RETRY, joinUrl, parseJson, send, sleep, withRetries,
  type CommonSettings, type HttpAnswer,
} from './shared.js';
import type { Connector, ConnectorCredentials, DailyStat, DateRange, FetchOptions } from './types.js';

export interface YandexDirectSettings extends CommonSettings {
  /** Ask for money in micros (`returnMoneyInMicros: true`) instead of roubles with two decimals. */
  moneyInMicros: boolean;
  /** processingMode header: auto, online or offline. */
  processingMode: 'auto' | 'online' | 'offline';
  /** 201/202 answers tolerated for one report before a transient timeout is reported. */
  maxPolls: number;
  /** Wait between polls when the answer carries no retryIn. */
  defaultRetryInMs: number;
  chunkDays: number;
  /** Currency of accounts whose credentials do not say. */
  defaultCurrency: string;
}

export const YANDEX_DIRECT_DEFAULTS: YandexDirectSettings = {
  baseUrl: 'https://api.direct.yandex.com',
  moneyInMicros: false,
  processingMode: 'auto',
  maxPolls: 120,
  defaultRetryInMs: 5_000,
  chunkDays: 92,
  defaultCurrency: 'RUB',
  // The Reports service allows 20 requests per 10 seconds per login (polls included).
  rateLimit: { limit: 20, windowMs: 10_000 },
  retry: DEFAULT_RETRY,
  timeoutMs: 300_000,
};

const P = 'yandex_direct' as const;
const FIELDS = ['Date', 'CampaignId', 'CampaignName', 'AdGroupId', 'AdGroupName', 'Impressions', 'Clicks', 'Cost', 'Conversions', 'VideoViews'];

interface YandexError {
  error?: { request_id?: string; error_code?: number | string; error_string?: string; error_detail?: string };
}

function retryInMs(headers: Headers): number | undefined {
  const v = headers.get('retryin');
  return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) * 1000 : undefined;
}

export function classifyYandex(a: HttpAnswer): ConnectorError {
  const e = (parseJson(a.text) as YandexError | undefined)?.error;
  const code = e?.error_code !== undefined ? Number(e.error_code) : undefined;
  const msg = `${a.status} (${code ?? '?'}) ${e?.error_string ?? ''} ${e?.error_detail ?? a.text.slice(0, 200)}`.trim();
  let kind: ConnectorErrorKind;
  if (code === 56 || code === 152 || code === 506 || a.status === 429) kind = 'rate_limit';
  else if (code === 9000) kind = 'rate_limit'; // offline queue full: wait for it to drain
  else if (code === 53 || code === 58 || a.status === 401) kind = 'auth';
  else if (code === 54 || code === 513 || a.status === 403) kind = 'permission';
  else if (code === 8800) kind = 'not_found';
  else if (code === 1002 || a.status === 502 || a.status === 504) kind = 'timeout';
  else if (code === 1000 || code === 1001 || a.status >= 500) kind = 'server';
  else kind = 'bad_request';
  return new ConnectorError(P, kind, msg, { status: a.status, code: code !== undefined ? String(code) : undefined, retryAfterMs: retryInMs(a.headers) });
}

export class YandexDirectConnector implements Connector {
  readonly platform = P;
  readonly settings: YandexDirectSettings;
  private readonly buckets: Buckets;

  constructor(settings: Partial<YandexDirectSettings> = {}) {
    this.settings = { ...YANDEX_DIRECT_DEFAULTS, ...settings, retry: { ...YANDEX_DIRECT_DEFAULTS.retry, ...settings.retry } };
    this.buckets = new Buckets(this.settings.rateLimit);
  }

  async test(creds: ConnectorCredentials, account: string, opts: FetchOptions = {}): Promise<void> {
    const params = { SelectionCriteria: {}, FieldNames: ['Impressions'], ReportName: `mrm-test-${randomBytes(6).toString('hex')}`, ReportType: 'ACCOUNT_PERFORMANCE_REPORT', DateRangeType: 'YESTERDAY', Format: 'TSV', IncludeVAT: 'NO' };
    await this.report(creds, account, params, { ...opts }, 'online');
  }

  async *fetchDaily(creds: ConnectorCredentials, account: string, range: DateRange, opts: FetchOptions = {}): AsyncIterable<DailyStat[]> {
    checkRange(P, range);
    const currency = creds.currency ?? this.settings.defaultCurrency;
    // Reports are cached under their name: a fresh name per fetch reads fresh numbers, the same
    // name within the fetch lets the resent request pick up the report being built.
    const fetchId = randomBytes(4).toString('hex');
    for (const chunk of chunkRange(range, this.settings.chunkDays)) {
      const criteria = { DateFrom: chunk.from, DateTo: chunk.to };
      const digest = createHash('sha256').update(JSON.stringify([account, criteria, FIELDS, this.settings.moneyInMicros])).digest('hex').slice(0, 16);
      const params = {
        SelectionCriteria: criteria,
        FieldNames: FIELDS,
        ReportName: `mrm-${digest}-${fetchId}`,
        ReportType: 'CUSTOM_REPORT',
        DateRangeType: 'CUSTOM_DATE',
        Format: 'TSV',
        IncludeVAT: 'NO',
      };
      const tsv = await this.report(creds, account, params, opts, this.settings.processingMode);
      const rows = this.parse(tsv, account, currency);
      if (rows.length) yield rows;
    }
  }

  /** Sends the report request until it answers 200 (polling through 201/202); answers the TSV. */
  private async report(creds: ConnectorCredentials, account: string, params: Record<string, unknown>, opts: FetchOptions, mode: string): Promise<string> {
    if (!creds.accessToken) throw new ConnectorError(P, 'auth', 'no OAuth token', { code: '53' });
    const s = this.settings;
    const headers: Record<string, string> = {
      authorization: `Bearer ${creds.accessToken}`,
      'accept-language': 'en',
      'content-type': 'application/json; charset=utf-8',
      processingMode: mode,
      returnMoneyInMicros: String(s.moneyInMicros),
      skipReportHeader: 'true',
      skipReportSummary: 'true',
    };
    if (creds.agency) headers['Client-Login'] = account;
    const body = JSON.stringify({ params });
    const url = joinUrl(s.baseUrl, '/json/v5/reports');
    let polls = 0;
    for (;;) {
      const a = await withRetries(s, opts.signal, async () => {
        const answer = await send(P, s, this.buckets, account, url, { method: 'POST', headers, body }, opts.signal);
        if (answer.status === 200 || answer.status === 201 || answer.status === 202) return answer;
        throw classifyYandex(answer);
      });
      if (a.status === 200) return a.text;
      if (++polls > s.maxPolls) throw new ConnectorError(P, 'timeout', `report still building after ${s.maxPolls} polls`, { status: a.status });
      const wait = retryInMs(a.headers) ?? s.defaultRetryInMs;
      if (wait > s.retry.maxServerWaitMs) throw new ConnectorError(P, 'timeout', `report queued, retryIn ${wait / 1000} s`, { status: a.status, retryAfterMs: wait });
      await (s.sleep ?? sleep)(wait, opts.signal);
    }
  }

  private parse(tsv: string, account: string, currency: string): DailyStat[] {
    const lines = tsv.split('\n').filter((l) => l.length > 0);
    if (!lines.length) return [];
    const header = lines[0].split('\t');
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new ConnectorError(P, 'server', `report has no ${name} column`);
      return i;
    };
    const idx = Object.fromEntries(FIELDS.map((f) => [f, col(f)]));
    const out: DailyStat[] = [];
    for (const line of lines.slice(1)) {
      if (line.startsWith('Total rows:')) continue;
      const c = line.split('\t');
      const cost = c[idx.Cost];
      out.push({
        accountId: account,
        campaignId: c[idx.CampaignId],
        campaignName: c[idx.CampaignName],
        adGroupId: c[idx.AdGroupId],
        adGroupName: c[idx.AdGroupName],
        date: c[idx.Date],
        impressions: count(c[idx.Impressions]),
        clicks: count(c[idx.Clicks]),
        costMicros: this.settings.moneyInMicros ? BigInt(cost === '--' || cost === '' ? '0' : cost) : decimalToMicros(cost),
        conversions: count(c[idx.Conversions]),
        videoViews: count(c[idx.VideoViews]),
        currency,
      });
    }
    return out;
  }
}
