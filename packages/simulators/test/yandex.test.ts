import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedDaily, startYandexDirect, sumRows, type YandexDirectSimulator } from '../src/index.js';
import { post, TODAY } from './helpers.js';

const DEF = (name: string, from = '2025-03-01', to = '2025-03-10', fields = ['Date', 'CampaignId', 'CampaignName', 'AdGroupId', 'Impressions', 'Clicks', 'Cost', 'Conversions']) => ({
  params: {
    SelectionCriteria: { DateFrom: from, DateTo: to },
    FieldNames: fields,
    ReportName: name,
    ReportType: 'CUSTOM_REPORT',
    DateRangeType: 'CUSTOM_DATE',
    Format: 'TSV',
    IncludeVAT: 'NO',
  },
});
const H = { authorization: 'Bearer sandbox-yandex-token', 'Accept-Language': 'en' };

describe('Yandex Direct Reports simulator', () => {
  let sim: YandexDirectSimulator;
  const report = (body: unknown, headers: Record<string, string> = {}) => post(`${sim.url}/json/v5/reports`, body, { ...H, ...headers });

  beforeAll(async () => {
    sim = await startYandexDirect({ today: TODAY, rateLimit: false });
  });
  afterAll(() => sim.close());

  it('returns TSV with title, column header and summary lines; money in micros by default', async () => {
    const res = await report(DEF('plain'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/tab-separated/);
    const lines = (await res.text()).trimEnd().split('\n');
    const expected = expectedDaily('yandex', 'sandbox-client-1', '2025-03-01', '2025-03-10', { today: TODAY });
    expect(lines[0]).toBe('"plain (2025-03-01 - 2025-03-10)"');
    expect(lines[1].split('\t')).toEqual(['Date', 'CampaignId', 'CampaignName', 'AdGroupId', 'Impressions', 'Clicks', 'Cost', 'Conversions']);
    expect(lines.at(-1)).toBe(`Total rows: ${expected.length}`);
    const rows = lines.slice(2, -1).map((l) => l.split('\t'));
    expect(rows).toHaveLength(expected.length);
    expect(rows.reduce((s, r) => s + Number(r[6]), 0)).toBe(sumRows(expected).costMicros);
  });

  it('skips title and summary on request and returns roubles with returnMoneyInMicros: false', async () => {
    const res = await report(DEF('roubles'), { skipReportHeader: 'true', skipReportSummary: 'true', returnMoneyInMicros: 'false' });
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines[0].startsWith('Date\t')).toBe(true);
    const rows = lines.slice(1).map((l) => l.split('\t'));
    for (const r of rows) expect(r[6]).toMatch(/^\d+\.\d{2}$/);
    const kopecks = rows.reduce((s, r) => s + Math.round(Number(r[6]) * 100), 0);
    expect(kopecks * 10_000).toBe(sumRows(expectedDaily('yandex', 'sandbox-client-1', '2025-03-01', '2025-03-10', { today: TODAY })).costMicros);
  });

  it('queues a report offline: 201, then 202 with retryIn, then 200 on the same request', async () => {
    await post(`${sim.url}/__sim/faults`, { kind: 'queued', count: 3, retryIn: 2 });
    const statuses: number[] = [];
    for (;;) {
      const res = await report(DEF('offline'));
      statuses.push(res.status);
      if (res.status === 200) break;
      expect(res.headers.get('retryin')).toBe('2');
      expect(await res.text()).toBe('');
    }
    expect(statuses).toEqual([201, 202, 202, 200]);
    expect((await report(DEF('another'))).status).toBe(200);
  });

  it('answers 400 with the documented error JSON', async () => {
    const res = await report({ params: { ...DEF('bad').params, FieldNames: ['Date', 'Bogus'] } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toEqual({ request_id: expect.any(String), error_code: expect.any(Number), error_string: expect.any(String), error_detail: expect.stringContaining('Bogus') });
    const dup = await report(DEF('plain', '2025-01-01', '2025-01-02'));
    expect(dup.status).toBe(400);
  });

  it('needs Client-Login for agency tokens and serves that client', async () => {
    let res = await report(DEF('agency'), { authorization: 'Bearer sandbox-agency-token' });
    expect(res.status).toBe(400);
    res = await report(DEF('agency'), { authorization: 'Bearer sandbox-agency-token', 'Client-Login': 'sandbox-client-2' });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(expectedDaily('yandex', 'sandbox-client-2', '2025-03-01', '2025-03-10', { today: TODAY }).length + 3);
    expect(sim.requestCount('sandbox-client-2')).toBe(1);
  });

  it.each([
    ['rate_limit', 429, 56],
    ['server_error', 500, 1000],
    ['timeout', 502, 1002],
    ['queue_limit', 400, 9000],
  ])('injects %s as HTTP %i error_code %i, then clears', async (kind, status, code) => {
    sim.inject({ kind });
    const res = await report(DEF('plain'));
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).error.error_code).toBe(code);
    expect((await report(DEF('plain'))).status).toBe(200);
  });

  it('throttles past 20 requests in 10 seconds', async () => {
    const limited = await startYandexDirect({ today: TODAY });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) statuses.push((await post(`${limited.url}/json/v5/reports`, DEF(`t${i}`), H)).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
      expect(limited.peakRate('sandbox-client-1', 10_000)).toBe(22);
    } finally {
      await limited.close();
    }
  });

  it('a revision changes the last 7 days only', async () => {
    const read = async (name: string) => {
      const text = await (await report(DEF(name, '2025-03-15', '2025-03-31', ['Date', 'Impressions', 'Cost']), { skipReportHeader: 'true', skipReportSummary: 'true', skipColumnHeader: 'true' })).text();
      return new Map(text.trimEnd().split('\n').map((l) => [l.split('\t')[0], l]));
    };
    const before = await read('rev0');
    sim.revise();
    const after = await read('rev1');
    for (const [date, line] of before) {
      if (date < '2025-03-25') expect(after.get(date)).toBe(line);
      else expect(after.get(date)).not.toBe(line);
    }
    sim.reset();
  });
});
