import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer, type RunningServer } from './setup/servers.js';

// Plan vs actual end to end: actuals come from a real sync against the VK simulator (its numbers
// are a pure function of seed, ids and date, so the test computes what was stored), the planned
// side is computed by hand below. Dates are relative to today because a first sync reads the last
// 90 days; days older than the simulator's 7-day provisional window never change.
const DAY = 86_400_000;
const TODAY = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
const kopecks = (micros: number) => Math.round(micros / 10_000);
const money = (minor: number) => (minor / 100).toFixed(2);

describe('plan vs actual and pacing', () => {
  let sims: any;
  let sim: any;
  let server: RunningServer;
  let api: Api;
  let owner: Workspace;
  let token: string;
  let planId: string;
  let campaigns: string[];
  let lineA: string;
  let lineB: string;
  let lineC: string;
  /** Simulator rows of one campaign between two dates. */
  const rowsOf = (campaign: string, from: string, to: string) => (sims.expectedDaily('vk', '900001', from, to) as any[]).filter((r) => r.campaignId === campaign);

  async function sync(tok: string, clientId: string) {
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK Ads', clientId, accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } }, { token: tok });
    expect(conn.status, JSON.stringify(conn.body)).toBe(201);
    const queued = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token: tok });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    let run: any;
    await until(async () => {
      run = (await api.get(`/api/v1/connections/${conn.body.id}/runs`, { token: tok })).body.items.find((r: { id: string }) => r.id === queued.body.id);
      return run?.status === 'succeeded' || run?.status === 'failed';
    }, 60_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
  }

  beforeAll(async () => {
    sims = await import('@mrm/simulators');
    sim = await sims.startVkAds({});
    server = await startServer({ VK_ADS_API_URL: sim.url, VK_ADS_RATE_LIMIT: 'off', OUTBOX_POLL_MS: '100', PACING_ALERT_PERCENT: '20' });
    api = client(server.url);
    const catalogue = await (await fetch(`${sim.url}/__sim/accounts`)).json();
    const account = (catalogue.accounts ?? catalogue).find((a: { id: string }) => a.id === '900001');
    campaigns = account.campaigns.map((c: { id: string }) => c.id);
    expect(campaigns.length).toBeGreaterThanOrEqual(2);

    owner = await register(api, 'Агентство');
    token = owner.accessToken;
    const c = (await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token })).body;
    const p = (await api.post('/api/v1/projects', { clientId: c.id, name: 'Project', currency: 'RUB' }, { token })).body;
    const plan = await api.post('/api/v1/media-plans', { projectId: p.id, name: 'Пейсинг', vatRate: '20', agencyCommission: '10' }, { token });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    planId = plan.body.id;
    const items = [
      // A: 30 days from 19 days ago, 30 000.00 evenly = 1 000.00 a day; matched to the first campaign.
      { name: 'A', channel: 'Digital', partner: 'VK', startDate: day(-19), endDate: day(10), costTotal: '30000.00', externalIds: [campaigns[0]], metricImpressions: 3_000_000, metricClicks: 6000 },
      // B: no campaign ids → planned only.
      { name: 'B', channel: 'Digital', partner: 'OOH', startDate: day(-19), endDate: day(10), costTotal: '3000.00' },
      // C: a budget no sandbox campaign comes near → far under pace.
      { name: 'C', channel: 'Video', partner: 'VK', startDate: day(-19), endDate: day(10), costTotal: '90000000.00', externalIds: [campaigns[1]] },
    ];
    const bulk = await api.post(`/api/v1/media-plans/${planId}/line-items/bulk`, { items }, { token });
    expect(bulk.status, JSON.stringify(bulk.body)).toBeLessThan(300);
    const lines = (await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items;
    [lineA, lineB, lineC] = ['A', 'B', 'C'].map((n) => lines.find((l: { name: string }) => l.name === n).id);

    // Another workspace reads the very same platform account: none of its rows may count for us.
    const other = await register(api, 'Чужое агентство');
    const oc = (await api.post('/api/v1/clients', { name: 'Чужой клиент' }, { token: other.accessToken })).body;
    await sync(other.accessToken, oc.id);
    await sync(token, c.id);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it('puts planned to date, actual, pacing, forecast and CPM side by side for a line', async () => {
    const asOf = day(-8); // outside the provisional window
    const res = await api.get(`/api/v1/media-plans/${planId}/performance?by=line_item&grain=day&asOf=${asOf}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ planId, currency: 'RUB', asOf, grain: 'day', by: 'line_item', amounts: 'net', agencyCommissionPercent: '10.00', vatPercent: '20.00' });
    const a = r.groups.find((g: { key: string }) => g.key === lineA);

    // Planned: the whole flight 30 000.00; to date = days −19 … −8 = 12 days × 1 000.00 = 12 000.00.
    expect(a.planned).toEqual({ cost: '30000.00', impressions: 3_000_000, clicks: 6000, conversions: 0 });
    expect(a.plannedToDate).toBe('12000.00');
    // Actual: the campaign's rows of those 12 days (every ad group), as the simulator serves them.
    const rows = rowsOf(campaigns[0], day(-19), asOf);
    const cost = rows.reduce((s, x) => s + kopecks(x.costMicros), 0);
    const impressions = rows.reduce((s, x) => s + x.impressions, 0);
    const clicks = rows.reduce((s, x) => s + x.clicks, 0);
    expect(a.actual).toMatchObject({ cost: money(cost), impressions, clicks });
    // CPM = cost × 1000 / impressions, to 4 decimals.
    expect(Number(a.actual.cpm)).toBeCloseTo(((cost / 100) * 1000) / impressions, 4);
    expect(Number(a.actual.cpc)).toBeCloseTo(cost / 100 / clicks, 4);
    // Pacing = actual ÷ 12 000.00 × 100, to 2 decimals.
    expect(a.pacing.percent).toBe((Math.round((cost * 100) / 12_000 / 100 * 100) / 100).toFixed(2));
    expect(a.pacing.plannedToDate).toBe('12000.00');
    // Forecast: actual + 18 remaining days (−7 … +10) × the average of days −14 … −8 (7 days).
    const recent = rowsOf(campaigns[0], day(-14), asOf).reduce((s, x) => s + kopecks(x.costMicros), 0);
    const runRate = Math.round(recent / 7);
    expect(a.forecastAtEnd).toBe(money(cost + 18 * runRate));
    // Gross: 10 % commission on net, then 20 % VAT: planned 30 000 → 33 000 → 39 600.00.
    expect(a.gross.planned).toEqual({ net: '30000.00', commission: '3000.00', grossExVat: '33000.00', vat: '6600.00', grossIncVat: '39600.00' });
    expect(a.otherCurrencies).toEqual([]);
    // Periods: 30 days of 1 000.00 planned; days after asOf have no actual; the last counted day is the platform's.
    expect(a.periods).toHaveLength(30);
    expect(a.periods.every((p: { planned: { cost: string } }) => p.planned.cost === '1000.00')).toBe(true);
    expect(a.periods.find((p: { period: string }) => p.period === day(-7)).actual).toBeNull();
    const last = rowsOf(campaigns[0], asOf, asOf).reduce((s, x) => s + kopecks(x.costMicros), 0);
    expect(a.periods.find((p: { period: string }) => p.period === asOf).actual.cost).toBe(money(last));

    // B has no campaign ids: planned only, and it says so.
    const b = r.groups.find((g: { key: string }) => g.key === lineB);
    expect(b).toMatchObject({ matched: false, plannedToDate: '1200.00', actual: { cost: '0.00' }, pacing: { percent: null, status: 'no_actuals' }, forecastAtEnd: null });
    expect(b.note).toMatch(/externalIds/);
    expect(b.periods[0].actual).toBeNull();
  }, 60_000);

  it('groups by channel and by platform, and the totals add up', async () => {
    const asOf = day(-8);
    const byChannel = (await api.get(`/api/v1/media-plans/${planId}/performance?by=channel&grain=month&asOf=${asOf}`, { token })).body;
    const digital = byChannel.groups.find((g: { key: string }) => g.key === 'Digital');
    // Digital = A + B: 33 000.00 planned, 13 200.00 to date; pacing only over A's 12 000.00.
    expect(digital).toMatchObject({ lineItemIds: [lineA, lineB], planned: { cost: '33000.00' }, plannedToDate: '13200.00', pacing: { plannedToDate: '12000.00' } });
    expect(digital.note).toMatch(/1 of 2 lines/);
    const byPlatform = (await api.get(`/api/v1/media-plans/${planId}/performance?by=platform&asOf=${asOf}`, { token })).body;
    expect(byPlatform.grain).toBe('month');
    expect(byPlatform.groups.map((g: { key: string }) => g.key).sort()).toEqual(['(no actuals)', 'vk_ads']);
    const all = rowsOf(campaigns[0], day(-19), asOf).concat(rowsOf(campaigns[1], day(-19), asOf)).reduce((s, x) => s + kopecks(x.costMicros), 0);
    expect(byPlatform.totals.actual.cost).toBe(money(all));
    expect(byChannel.totals.actual.cost).toBe(money(all));
  });

  it('raises one pacing alert per off-pace line per day once the plan is approved, however often performance is read', async () => {
    // A draft has not been agreed to spend anything yet: reading it raises nothing.
    expect((await api.get(`/api/v1/media-plans/${planId}/performance`, { token })).body.groups.find((g: { key: string }) => g.key === lineC).pacing.status).toBe('under');
    expect((await api.get('/api/v1/notifications', { token })).body.items).toEqual([]);
    expect((await api.get('/api/v1/dashboard/pacing', { token })).body).toMatchObject({ statuses: ['approved', 'active'], currencies: [], overPacing: [], underPacing: [] });
    expect((await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token })).status).toBeLessThan(300);
    const approved = await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token });
    expect(approved.status, JSON.stringify(approved.body)).toBeLessThan(300);

    const first = await api.get(`/api/v1/media-plans/${planId}/performance`, { token });
    expect(first.status).toBe(200);
    expect(first.body.asOf).toBe(TODAY);
    const c = first.body.groups.find((g: { key: string }) => g.key === lineC);
    expect(c.pacing.status).toBe('under');
    await api.get(`/api/v1/media-plans/${planId}/performance?by=channel`, { token });
    const list = (await api.get('/api/v1/notifications', { token })).body.items;
    const forC = list.filter((n: { entity: string }) => n.entity === `line_item:${lineC}`);
    expect(forC).toHaveLength(1);
    expect(forC[0]).toMatchObject({ kind: 'pacing', readAt: null, payload: { planId, lineItemId: lineC, direction: 'under', thresholdPercent: '20', asOf: TODAY, amounts: 'net' } });
    // A look at a past date raises nothing new.
    await api.get(`/api/v1/media-plans/${planId}/performance?asOf=${day(-8)}`, { token });
    expect((await api.get('/api/v1/notifications', { token })).body.items).toHaveLength(list.length);

    // Each alert is mailed once to the owner, in Russian, however many times performance was read.
    const alerts = async () => {
      const folder = join(dirname(server.logFile), 'data', 'mail-outbox');
      if (!existsSync(folder)) return [];
      const { simpleParser } = await import('mailparser');
      const all = await Promise.all(readdirSync(folder).filter((f) => f.endsWith('.eml')).map((f) => simpleParser(readFileSync(join(folder, f)))));
      return all.filter((m) => (m.subject ?? '').startsWith('Темп:'));
    };
    await until(async () => (await alerts()).length >= list.length, 30_000);
    await new Promise((r) => setTimeout(r, 800));
    const sent = await alerts();
    expect(sent).toHaveLength(list.length);
    const forLineC = sent.filter((m) => (m.subject ?? '').includes('«C»'));
    expect(forLineC).toHaveLength(1);
    expect(forLineC[0].subject).toMatch(/отстаёт от плана/);
    expect(forLineC[0].text).toContain(`/plans/${planId}`);
    expect(typeof forLineC[0].html).toBe('string');
  });

  it('keeps read marks per member: reading a notice clears it for me, not for a colleague', async () => {
    const colleague = await addMember(api, owner, 'planner');
    const mine = (await api.get('/api/v1/notifications', { token })).body;
    expect(mine.unreadCount).toBe(mine.items.length);
    expect(mine.unreadCount).toBeGreaterThan(0);
    const first = mine.items[0];
    expect((await api.post(`/api/v1/notifications/${first.id}/read`, undefined, { token })).status).toBe(204);
    const after = (await api.get('/api/v1/notifications', { token })).body;
    expect(after.unreadCount).toBe(mine.unreadCount - 1);
    expect(after.items.find((n: { id: string }) => n.id === first.id).readAt).not.toBeNull();
    expect((await api.get('/api/v1/notifications?unread=true', { token })).body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await api.get('/api/v1/notifications', { token: colleague.token })).body.unreadCount).toBe(mine.unreadCount);
    // Reading again changes nothing; reading all clears the rest, still only for me.
    expect((await api.post(`/api/v1/notifications/${first.id}/read`, undefined, { token })).status).toBe(204);
    expect((await api.post('/api/v1/notifications/read-all', undefined, { token })).status).toBe(204);
    expect((await api.get('/api/v1/notifications', { token })).body.unreadCount).toBe(0);
    expect((await api.get('/api/v1/notifications', { token: colleague.token })).body.unreadCount).toBe(mine.unreadCount);
    const stranger = await register(api, 'Чужие');
    expectProblem(await api.post(`/api/v1/notifications/${first.id}/read`, undefined, { token: stranger.accessToken }), 404);
    expectProblem(await api.post('/api/v1/notifications/not-an-id/read', undefined, { token }), 400, 'id');
  });

  it('keeps workspaces apart and names bad input', async () => {
    const other = await register(api, 'Третьи');
    expectProblem(await api.get(`/api/v1/media-plans/${planId}/performance`, { token: other.accessToken }), 404);
    expect((await api.get('/api/v1/notifications', { token: other.accessToken })).body.items).toEqual([]);
    expectProblem(await api.get(`/api/v1/media-plans/${planId}/performance?grain=year`, { token }), 400, 'grain');
    expectProblem(await api.get(`/api/v1/media-plans/${planId}/performance?by=campaign`, { token }), 400, 'by');
    expectProblem(await api.get(`/api/v1/media-plans/${planId}/performance?asOf=2025-02-30`, { token }), 400, 'asOf');
    expectProblem(await api.get('/api/v1/media-plans/not-a-uuid/performance', { token }), 400, 'id');
  });

  it('the dashboard follows approved and live plans and ranks the lines off pace', async () => {
    const d = (await api.get('/api/v1/dashboard/pacing', { token })).body;
    // Planned to date as of today: 20 days of each line: 20 000 + 2 000 + 60 000 000.00.
    expect(d.currencies).toEqual([expect.objectContaining({ currency: 'RUB', plans: 1, planned: '90033000.00', plannedToDate: '60022000.00' })]);
    expect(d.underPacing[0]).toMatchObject({ planId, lineItemId: lineC, plannedToDate: '60000000.00' });
    expect([...d.overPacing, ...d.underPacing].map((l: { lineItemId: string }) => l.lineItemId)).not.toContain(lineB);
  });

  describe('matching lines to campaigns', () => {
    let clientId: string;
    let catalogue: Array<{ campaignId: string; name: string; platform: string; accountId: string; firstDate: string; lastDate: string }>;
    beforeAll(async () => {
      clientId = (await api.get(`/api/v1/media-plans/${planId}`, { token })).body.clientId;
      catalogue = (await api.get(`/api/v1/clients/${clientId}/campaigns`, { token })).body.items;
    });

    it('keeps every campaign a sync read, with its platform name and the days it has actuals', async () => {
      const account = (await (await fetch(`${sim.url}/__sim/accounts`)).json());
      const want = ((account.accounts ?? account).find((a: { id: string }) => a.id === '900001').campaigns as Array<{ id: string; name: string }>);
      expect(catalogue.map((c) => [c.campaignId, c.name]).sort()).toEqual(want.map((c) => [c.id, c.name]).sort());
      for (const c of catalogue) {
        expect(c).toMatchObject({ platform: 'vk_ads', accountId: '900001' });
        expect(c.firstDate).toBe(day(-89));
        expect(c.lastDate >= day(-1)).toBe(true);
      }
      const traffic = want.find((c) => /трафик/i.test(c.name))!;
      expect((await api.get(`/api/v1/clients/${clientId}/campaigns?q=${encodeURIComponent('ТРАФИК')}`, { token })).body.items.map((c: { campaignId: string }) => c.campaignId)).toEqual([traffic.id]);
      // The other workspace synced the same account; its catalogue is its own.
      expectProblem(await api.get(`/api/v1/clients/${clientId}/campaigns`, { token: (await register(api, 'Соседи')).accessToken }), 404);
    });

    it('suggests campaigns by name for unmatched lines and never one the plan already claims', async () => {
      const p = (await api.get(`/api/v1/media-plans/${planId}`, { token })).body;
      const plan2 = (await api.post('/api/v1/media-plans', { projectId: p.projectId, name: 'Сопоставление' }, { token })).body;
      const items = [
        { name: 'VK — трафик на сайт', partner: 'VK', startDate: day(-10), endDate: day(20), costTotal: '1000.00' },
        { name: 'Яндекс — охват', partner: 'Яндекс', startDate: day(-10), endDate: day(20), costTotal: '1000.00' },
        { name: 'Охват', partner: 'VK', startDate: day(-10), endDate: day(20), costTotal: '1000.00', externalIds: [campaigns[0], 'no-such-campaign'] },
      ];
      expect((await api.post(`/api/v1/media-plans/${plan2.id}/line-items/bulk`, { items }, { token })).status).toBeLessThan(300);
      const m = (await api.get(`/api/v1/media-plans/${plan2.id}/matching`, { token })).body;
      const by = (name: string) => m.lines.find((l: { name: string }) => l.name === name);
      const traffic = catalogue.find((c) => /трафик/i.test(c.name))!;
      expect(by('VK — трафик на сайт').suggestions[0]).toMatchObject({ campaignId: traffic.campaignId, reasons: ['name', 'platform', 'dates'] });
      // A line about another platform gets no VK campaign, however alike the words.
      expect(by('Яндекс — охват').suggestions).toEqual([]);
      // Confirmed ids the catalogue does not know are flagged, and the claimed campaign is offered to nobody.
      expect(by('Охват')).toMatchObject({ campaignIds: [campaigns[0], 'no-such-campaign'], unknownCampaignIds: ['no-such-campaign'], suggestions: [] });
      expect(by('Охват').campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual([campaigns[0]]);
      expect(m.unmatchedCampaigns.map((c: { campaignId: string }) => c.campaignId)).not.toContain(campaigns[0]);
      for (const l of m.lines) for (const s of l.suggestions) expect(s.campaignId).not.toBe(campaigns[0]);
    });

    it('confirms a match on an approved plan without reopening it, and the line then shows actuals', async () => {
      const before = (await api.get(`/api/v1/media-plans/${planId}`, { token })).body;
      expect(before.status).toBe('approved');
      const line = (await api.get(`/api/v1/media-plans/${planId}/matching`, { token })).body.lines.find((l: { lineItemId: string }) => l.lineItemId === lineB);
      const url = `/api/v1/media-plans/${planId}/line-items/${lineB}/campaigns`;
      expectProblem(await api.put(url, { campaignIds: [campaigns[2]] }, { token }), 428);
      expectProblem(await api.put(url, { campaignIds: [campaigns[2]] }, { token, headers: { 'if-match': '"v999"' } }), 412);
      expectProblem(await api.put(url, { campaignIds: [campaigns[2], campaigns[2]] }, { token, headers: { 'if-match': `"v${line.version}"` } }), 400, 'campaignIds');
      const ok = await api.put(url, { campaignIds: [campaigns[2]] }, { token, headers: { 'if-match': `"v${line.version}"` } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.externalIds).toEqual([campaigns[2]]);
      const after = (await api.get(`/api/v1/media-plans/${planId}`, { token })).body;
      expect(after).toMatchObject({ status: 'approved', version: before.version });
      const b = (await api.get(`/api/v1/media-plans/${planId}/performance?asOf=${day(-8)}`, { token })).body.groups.find((g: { key: string }) => g.key === lineB);
      expect(b.matched).toBe(true);
      expect(Number(b.actual.cost)).toBeGreaterThan(0);
      const other = await register(api, 'Посторонние');
      expectProblem(await api.put(url, { campaignIds: [] }, { token: other.accessToken, headers: { 'if-match': '*' } }), 404);
    });
  });
});
