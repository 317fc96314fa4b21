import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedDaily, startGoogleAds, sumRows, type GoogleAdsSimulator } from '../src/index.js';
import { form, post, TODAY } from './helpers.js';

const AUTH = { authorization: 'Bearer sandbox-google-access-token', 'developer-token': 'sandbox-developer-token' };
const SELECT = 'SELECT campaign.id, campaign.name, ad_group.id, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.video_views FROM ad_group';
const q = (from: string, to: string) => `${SELECT} WHERE segments.date BETWEEN '${from}' AND '${to}'`;

type Batch = { results?: { campaign: { id: string }; adGroup: { id: string }; segments: { date: string }; metrics: Record<string, string | number> }[]; fieldMask: string; requestId: string };

describe('Google Ads simulator', () => {
  let sim: GoogleAdsSimulator;
  const stream = (customer: string, query: string, headers: Record<string, string> = AUTH) => post(`${sim.url}/v17/customers/${customer}/googleAds:searchStream`, { query }, headers);

  beforeAll(async () => {
    sim = await startGoogleAds({ today: TODAY, batchSize: 10_000 });
  });
  afterAll(() => sim.close());

  it('answers searchStream with batches of nested rows, int64 as strings', async () => {
    const res = await stream('1234567890', q('2025-03-01', '2025-03-07'));
    expect(res.status).toBe(200);
    const batches = (await res.json()) as Batch[];
    expect(Array.isArray(batches)).toBe(true);
    expect(batches[0].fieldMask).toBe('campaign.id,campaign.name,adGroup.id,segments.date,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,metrics.videoViews');
    expect(batches[0].requestId).toMatch(/\w+/);
    const row = batches[0].results![0];
    expect(row.campaign).toMatchObject({ resourceName: expect.stringMatching(/^customers\/1234567890\/campaigns\/\d+$/), id: expect.any(String), name: expect.any(String) });
    expect(typeof row.metrics.impressions).toBe('string');
    expect(typeof row.metrics.costMicros).toBe('string');
    expect(typeof row.metrics.conversions).toBe('number');
    const rows = batches.flatMap((b) => b.results ?? []);
    const expected = expectedDaily('google', '1234567890', '2025-03-01', '2025-03-07', { today: TODAY });
    expect(rows).toHaveLength(expected.length);
    expect(rows.reduce((s, r) => s + Number(r.metrics.costMicros), 0)).toBe(sumRows(expected).costMicros);
    expect(rows.reduce((s, r) => s + Number(r.metrics.impressions), 0)).toBe(sumRows(expected).impressions);
  });

  it('splits more than 10,000 rows into batches and covers every row exactly once', async () => {
    const res = await stream('3456789012', q('2024-04-01', '2025-03-31'));
    const batches = (await res.json()) as Batch[];
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.results!.length).toBeLessThanOrEqual(10_000);
    const keys = batches.flatMap((b) => b.results!.map((r) => `${r.segments.date}|${r.adGroup.id}`));
    expect(new Set(keys).size).toBe(keys.length);
    const expected = expectedDaily('google', '3456789012', '2024-04-01', '2025-03-31', { today: TODAY });
    expect(keys.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(10_000);
  });

  it('aggregates FROM campaign without segments.date and honours campaign filters and DURING', async () => {
    const account = sim.data.account('1234567890')!;
    const cid = account.campaigns[1].id;
    const res = await stream('1234567890', `SELECT campaign.id, metrics.clicks FROM campaign WHERE segments.date DURING LAST_7_DAYS AND campaign.id = ${cid}`);
    const rows = ((await res.json()) as Batch[]).flatMap((b) => b.results ?? []);
    expect(rows).toHaveLength(1);
    const exp = expectedDaily('google', '1234567890', '2025-03-24', '2025-03-30', { today: TODAY }).filter((r) => r.campaignId === cid);
    expect(Number(rows[0].metrics.clicks)).toBe(sumRows(exp).clicks);
  });

  it('rejects bad queries and credentials the way Google does', async () => {
    let res = await stream('1234567890', 'SELECT metrics.bogus FROM ad_group');
    expect(res.status).toBe(400);
    let body = (await res.json()) as any;
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.details[0].errors[0].errorCode).toEqual({ queryError: 'UNRECOGNIZED_FIELD' });

    res = await stream('1234567890', q('2025-03-01', '2025-03-01'), { 'developer-token': 'sandbox-developer-token' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.status).toBe('UNAUTHENTICATED');

    res = await stream('1234567890', q('2025-03-01', '2025-03-01'), { ...AUTH, 'developer-token': 'wrong' });
    expect(res.status).toBe(403);
    body = await res.json();
    expect(body.error.status).toBe('PERMISSION_DENIED');

    res = await stream('9999999999', q('2025-03-01', '2025-03-01'));
    expect(res.status).toBe(403);
  });

  it('injects RESOURCE_EXHAUSTED (429, no retry-after) for N requests, then clears', async () => {
    const admin = await post(`${sim.url}/__sim/faults`, { kind: 'quota', count: 2 });
    expect(admin.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await stream('1234567890', q('2025-03-01', '2025-03-01'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeNull();
      const body = (await res.json()) as any;
      expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
      expect(body.error.details[0]['@type']).toBe('type.googleapis.com/google.ads.googleads.v17.errors.GoogleAdsFailure');
      expect(body.error.details[0].errors[0].errorCode).toEqual({ quotaError: 'RESOURCE_EXHAUSTED' });
    }
    expect((await stream('1234567890', q('2025-03-01', '2025-03-01'))).status).toBe(200);
  });

  it('cuts a stream after its first batch when asked to', async () => {
    const small = await startGoogleAds({ today: TODAY, batchSize: 5, faults: [{ kind: 'stream_interrupted' }] });
    try {
      const r = post(`${small.url}/v17/customers/1234567890/googleAds:searchStream`, { query: q('2025-03-01', '2025-03-02') }, AUTH).then((x) => x.text());
      await expect(r).rejects.toThrow();
      const ok = await post(`${small.url}/v17/customers/1234567890/googleAds:searchStream`, { query: q('2025-03-01', '2025-03-02') }, AUTH);
      const batches = (await ok.json()) as Batch[];
      expect(batches.every((b) => b.results!.length <= 5)).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('refreshes access tokens and rejects expired ones', async () => {
    let res = await form(`${sim.url}/token`, { grant_type: 'refresh_token', refresh_token: 'sandbox-google-refresh-token', client_id: 'id', client_secret: 'secret' });
    expect(res.status).toBe(200);
    const tok = (await res.json()) as any;
    expect(tok).toMatchObject({ token_type: 'Bearer', expires_in: 3599, access_token: expect.any(String) });
    res = await stream('1234567890', q('2025-03-01', '2025-03-01'), { ...AUTH, authorization: `Bearer ${tok.access_token}` });
    expect(res.status).toBe(200);
    sim.expireIssuedTokens();
    res = await stream('1234567890', q('2025-03-01', '2025-03-01'), { ...AUTH, authorization: `Bearer ${tok.access_token}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.details[0].errors[0].errorCode).toEqual({ authenticationError: 'OAUTH_TOKEN_EXPIRED' });
    res = await form(`${sim.url}/token`, { grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'id', client_secret: 'secret' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a revision changes the last 30 days only', async () => {
    const read = async () => {
      const res = await stream('2345678901', q('2025-02-01', '2025-03-31'));
      const map = new Map<string, string>();
      for (const b of (await res.json()) as Batch[]) for (const r of b.results ?? []) map.set(`${r.segments.date}|${r.adGroup.id}`, `${r.metrics.impressions}/${r.metrics.costMicros}`);
      return map;
    };
    const before = await read();
    const rev = await post(`${sim.url}/__sim/revise`, {});
    expect(((await rev.json()) as any).revision).toBe(1);
    const after = await read();
    expect(after.size).toBe(before.size);
    let changedInside = 0;
    for (const [k, v] of before) {
      const date = k.slice(0, 10);
      if (date < '2025-03-02') expect(after.get(k)).toBe(v);
      else if (after.get(k) !== v) changedInside++;
    }
    expect(changedInside).toBeGreaterThan(0);
    await post(`${sim.url}/__sim/reset`, {});
  });

  it('counts requests per account', async () => {
    const n = sim.requestCount('1234567890');
    await stream('1234567890', q('2025-03-01', '2025-03-01'));
    expect(sim.requestCount('1234567890')).toBe(n + 1);
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as any;
    expect(state.requests.byAccount['1234567890']).toBe(n + 1);
  });
});
