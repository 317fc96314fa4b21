import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedDaily, startVkAds, sumRows, type VkAdsSimulator } from '../src/index.js';
import { form, TODAY } from './helpers.js';

const H = { authorization: 'Bearer sandbox-vk-token-1' };

describe('VK Ads simulator', () => {
  let sim: VkAdsSimulator;
  const stats = (type: string, qs: string, headers: Record<string, string> = H) => fetch(`${sim.url}/api/v2/statistics/${type}/day.json?${qs}`, { headers });

  beforeAll(async () => {
    sim = await startVkAds({ today: TODAY });
  });
  afterAll(() => sim.close());

  it('returns items with daily base rows and totals; spent in roubles as a string', async () => {
    const res = await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-10&metrics=base');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    const account = sim.data.account('900001')!;
    expect(body.items).toHaveLength(account.campaigns.length);
    const item = body.items[0];
    expect(item.rows).toHaveLength(10);
    expect(item.rows[0]).toEqual({ date: '2025-03-01', base: expect.objectContaining({ shows: expect.any(Number), clicks: expect.any(Number), goals: expect.any(Number), spent: expect.stringMatching(/^\d+\.\d{2}$/) }) });
    expect(item.total.base.spent).toMatch(/^\d+\.\d{2}$/);
    const expected = sumRows(expectedDaily('vk', '900001', '2025-03-01', '2025-03-10', { today: TODAY }));
    const kopecks = body.items.flatMap((i: any) => i.rows).reduce((s: number, r: any) => s + Math.round(Number(r.base.spent) * 100), 0);
    expect(kopecks * 10_000).toBe(expected.costMicros);
    expect(body.items.reduce((s: number, i: any) => s + i.total.base.shows, 0)).toBe(expected.impressions);
  });

  it('lists campaigns with the ad plan each belongs to, paged by limit and offset', async () => {
    const account = sim.data.account('900001')!;
    const all = account.campaigns.flatMap((plan) => plan.adGroups.map((g) => ({ id: Number(g.id), name: g.name, ad_plan_id: Number(plan.id) })));
    const page = async (offset: number) => (await (await fetch(`${sim.url}/api/v2/campaigns.json?fields=id,name,ad_plan_id&limit=2&offset=${offset}`, { headers: H })).json()) as any;
    const first = await page(0);
    expect(first).toEqual({ count: all.length, offset: 0, items: all.slice(0, 2) });
    expect((await page(2)).items).toEqual(all.slice(2, 4));
    expect((await fetch(`${sim.url}/api/v2/campaigns.json`)).status).toBe(401);
  });

  it('filters by id for campaigns and banners', async () => {
    const group = sim.data.account('900001')!.campaigns[0].adGroups[0];
    const a = (await (await stats('campaigns', `id=${group.id}&date_from=2025-03-01&date_to=2025-03-02&metrics=base`)).json()) as any;
    const b = (await (await stats('banners', `id=${group.adId}&date_from=2025-03-01&date_to=2025-03-02&metrics=base`)).json()) as any;
    expect(a.items).toHaveLength(1);
    expect(a.items[0].id).toBe(Number(group.id));
    expect(a.items[0].rows).toEqual(b.items[0].rows);
  });

  it('answers 429 when throttled, then clears', async () => {
    await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'rate_limit', count: 2 }) });
    for (let i = 0; i < 2; i++) {
      const res = await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-01&metrics=base');
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-rps-remaining')).toBe('0');
      expect(((await res.json()) as any).error.code).toBe('too_many_requests');
    }
    expect((await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-01&metrics=base')).status).toBe(200);
  });

  it('needs a bearer token and refreshes it', async () => {
    expect((await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-01', {})).status).toBe(401);
    const res = await form(`${sim.url}/api/v2/oauth2/token.json`, { grant_type: 'refresh_token', refresh_token: 'sandbox-vk-refresh-2', client_id: 'c' });
    const tok = (await res.json()) as any;
    expect(tok).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    const ok = await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-01', { authorization: `Bearer ${tok.access_token}` });
    expect(((await ok.json()) as any).items).toHaveLength(sim.data.account('900002')!.campaigns.length);
    sim.expireIssuedTokens();
    expect((await stats('ad_plans', 'date_from=2025-03-01&date_to=2025-03-01', { authorization: `Bearer ${tok.access_token}` })).status).toBe(401);
  });
});
