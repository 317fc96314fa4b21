import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedDaily, startMeta, sumRows, type MetaSimulator } from '../src/index.js';
import { post, TODAY } from './helpers.js';

const ACT = '100000000000001';
const TR = encodeURIComponent(JSON.stringify({ since: '2025-03-01', until: '2025-03-10' }));
const FIELDS = 'campaign_id,adset_id,impressions,clicks,spend,actions';

describe('Meta Marketing API simulator', () => {
  let sim: MetaSimulator;
  const insights = (extra = '') => fetch(`${sim.url}/v21.0/act_${ACT}/insights?level=adset&time_range=${TR}&time_increment=1&fields=${FIELDS}&access_token=sandbox-meta-token${extra}`);

  beforeAll(async () => {
    sim = await startMeta({ today: TODAY });
  });
  afterAll(() => sim.close());

  it('pages with cursors over every row exactly once, numbers as strings', async () => {
    let url: string | undefined = `${sim.url}/v21.0/act_${ACT}/insights?level=adset&time_range=${TR}&time_increment=1&fields=${FIELDS}&limit=7&access_token=sandbox-meta-token`;
    const rows: any[] = [];
    let pages = 0;
    while (url) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.headers.get('x-business-use-case-usage')!)[ACT][0]).toMatchObject({ type: 'ads_insights', call_count: expect.any(Number) });
      const body = (await res.json()) as any;
      rows.push(...body.data);
      if (body.data.length) expect(body.paging.cursors.after).toEqual(expect.any(String));
      url = body.paging?.next;
      pages++;
    }
    const expected = expectedDaily('meta', ACT, '2025-03-01', '2025-03-10', { today: TODAY });
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((r) => `${r.date_start}|${r.adset_id}`)).size).toBe(rows.length);
    expect(typeof rows[0].impressions).toBe('string');
    expect(rows[0].date_start).toBe(rows[0].date_stop);
    const spendCents = rows.reduce((s, r) => s + Math.round(Number(r.spend) * 100), 0);
    expect(spendCents * 10_000).toBe(sumRows(expected).costMicros);
  });

  it('paging with the `after` cursor by hand gives the same rows', async () => {
    const first = (await (await insights('&limit=5')).json()) as any;
    const second = (await (await insights(`&limit=5&after=${first.paging.cursors.after}`)).json()) as any;
    const all = (await (await insights('&limit=10')).json()) as any;
    expect([...first.data, ...second.data]).toEqual(all.data);
  });

  it('runs async reports through Not Started / Running / Completed', async () => {
    const res = await post(`${sim.url}/v21.0/act_${ACT}/insights?access_token=sandbox-meta-token`, { level: 'campaign', time_range: { since: '2025-03-01', until: '2025-03-10' }, time_increment: '1', fields: 'campaign_id,impressions,spend' });
    const { report_run_id } = (await res.json()) as any;
    expect(report_run_id).toMatch(/^\d+$/);
    const seen: string[] = [];
    for (;;) {
      const st = (await (await fetch(`${sim.url}/v21.0/${report_run_id}?access_token=sandbox-meta-token`)).json()) as any;
      seen.push(st.async_status);
      expect(st.async_percent_completion).toBeGreaterThanOrEqual(0);
      if (st.async_status === 'Job Completed') break;
    }
    expect(seen).toEqual(['Job Not Started', 'Job Running', 'Job Completed']);
    const data = (await (await fetch(`${sim.url}/v21.0/${report_run_id}/insights?limit=500&access_token=sandbox-meta-token`)).json()) as any;
    const expected = expectedDaily('meta', ACT, '2025-03-01', '2025-03-10', { today: TODAY });
    expect(data.data).toHaveLength(new Set(expected.map((r) => `${r.date}|${r.campaignId}`)).size);
    expect(data.data.reduce((s: number, r: any) => s + Number(r.impressions), 0)).toBe(sumRows(expected).impressions);
  });

  it("an injected failure ends the next run in 'Job Failed', then clears", async () => {
    sim.inject({ kind: 'job_failed' });
    const run = async () => {
      const { report_run_id } = (await (await post(`${sim.url}/v21.0/act_${ACT}/insights?access_token=sandbox-meta-token&level=account&date_preset=last_7d`, {})).json()) as any;
      let st: any;
      do st = await (await fetch(`${sim.url}/v21.0/${report_run_id}?access_token=sandbox-meta-token`)).json();
      while (st.async_status === 'Job Not Started' || st.async_status === 'Job Running');
      return { id: report_run_id, status: st.async_status };
    };
    const failed = await run();
    expect(failed.status).toBe('Job Failed');
    const res = await fetch(`${sim.url}/v21.0/${failed.id}/insights?access_token=sandbox-meta-token`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ code: -2, error_subcode: 2490547 });
    expect((await run()).status).toBe('Job Completed');
  });

  it.each([
    ['user_limit', 17, 2446079],
    ['ad_account_limit', 613, 1487742],
    ['app_limit', 4, 1504022],
  ])('injects %s as error code %i with the usage header, then clears', async (kind, code, subcode) => {
    await post(`${sim.url}/__sim/faults`, { kind, count: 1 });
    const res = await insights();
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code, error_subcode: subcode, type: 'OAuthException', message: expect.any(String), fbtrace_id: expect.any(String) });
    const usage = JSON.parse(res.headers.get('x-business-use-case-usage')!);
    expect(usage[ACT][0].call_count).toBe(100);
    expect(usage[ACT][0].estimated_time_to_regain_access).toBeGreaterThan(0);
    expect((await insights()).status).toBe(200);
  });

  it('answers HTTP 429 for the rate_limit fault', async () => {
    sim.inject({ kind: 'rate_limit', account: ACT });
    const res = await insights();
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).error.code).toBe(17);
    expect((await insights()).status).toBe(200);
  });

  it('rejects a missing or wrong token with Graph errors', async () => {
    let res = await fetch(`${sim.url}/v21.0/act_${ACT}/insights?level=account`);
    expect(((await res.json()) as any).error.code).toBe(104);
    res = await fetch(`${sim.url}/v21.0/act_${ACT}/insights?level=account&access_token=nope`);
    expect(((await res.json()) as any).error.code).toBe(190);
    res = await insights('&fields=bogus');
    expect(((await res.json()) as any).error.code).toBe(100);
  });

  it('a revision changes the last 28 days only', async () => {
    const read = async () => {
      const tr = encodeURIComponent(JSON.stringify({ since: '2025-02-20', until: '2025-03-31' }));
      const body = (await (await fetch(`${sim.url}/v21.0/act_${ACT}/insights?level=account&time_range=${tr}&time_increment=1&fields=impressions,spend&limit=100&access_token=sandbox-meta-token`)).json()) as any;
      return new Map<string, string>(body.data.map((r: any) => [r.date_start, `${r.impressions}/${r.spend}`]));
    };
    const before = await read();
    sim.revise();
    const after = await read();
    for (const [date, v] of before) {
      if (date < '2025-03-04') expect(after.get(date)).toBe(v);
      else expect(after.get(date)).not.toBe(v);
    }
    sim.reset();
  });
});
