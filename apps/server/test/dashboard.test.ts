import { describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';

async function plan(api: Api, owner: Workspace, clientId: string, name: string, currency = 'RUB'): Promise<string> {
  const project = await api.post('/api/v1/projects', { clientId, name: `Project ${name}` }, { token: owner.accessToken });
  const res = await api.post('/api/v1/media-plans', { projectId: project.body.id, name, currency }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function line(api: Api, owner: Workspace, planId: string, body: Record<string, unknown>): Promise<void> {
  const res = await api.post(`/api/v1/media-plans/${planId}/line-items`, { name: 'Line', ...body }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe.each(['postgres', 'pglite'] as const)('the overview budget on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('adds up the current plans by channel and by month, per currency, exactly as the plans do', async () => {
    const owner = await register(api, 'Dashboard');
    const empty = await api.get('/api/v1/dashboard/budget', { token: owner.accessToken });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body).toEqual({ statuses: ['draft', 'in_review', 'approved', 'active'], plans: 0, currencies: [] });

    const c = (await api.post('/api/v1/clients', { name: 'Client' }, { token: owner.accessToken })).body.id;
    const spring = await plan(api, owner, c, 'Spring');
    await line(api, owner, spring, { channel: 'TV', startDate: '2027-01-15', endDate: '2027-02-14', costTotal: '100.00' });
    await line(api, owner, spring, { channel: 'Digital', startDate: '2027-02-01', endDate: '2027-03-31', costTotal: '50.50', flighting: { type: 'monthly', weights: ['1', '3'] } });
    await line(api, owner, spring, { startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '10.00' });
    const summer = await plan(api, owner, c, 'Summer');
    await line(api, owner, summer, { channel: 'TV', startDate: '2027-06-01', endDate: '2027-06-30', costTotal: '1000.00' });
    await line(api, owner, summer, { channel: '', startDate: '2027-06-01', endDate: '2027-06-30', costTotal: '0.01' });
    const dollars = await plan(api, owner, c, 'Export', 'USD');
    await line(api, owner, dollars, { channel: 'TV', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '30.00' });
    // Finished and archived plans are history: not counted.
    const old = await plan(api, owner, c, 'Old');
    await line(api, owner, old, { channel: 'Radio', startDate: '2026-01-01', endDate: '2026-01-31', costTotal: '999.00' });
    expect((await api.post(`/api/v1/media-plans/${old}/archive`, {}, { token: owner.accessToken })).status).toBe(200);
    await plan(api, owner, c, 'No lines yet');

    const res = await api.get('/api/v1/dashboard/budget', { token: owner.accessToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.plans).toBe(4);
    expect(res.body.currencies.map((x: { currency: string; plans: number; total: string }) => [x.currency, x.plans, x.total])).toEqual([
      ['RUB', 3, '1160.51'],
      ['USD', 1, '30.00'],
    ]);
    const rub = res.body.currencies[0];
    expect(rub.byChannel).toEqual([
      { channel: 'TV', amount: '1100.00' },
      { channel: 'Digital', amount: '50.50' },
      { channel: null, amount: '10.01' },
    ]);

    // Months: each line spread by its own flighting — the sum of the plans' own month totals.
    const months = new Map<string, number>();
    for (const id of [spring, summer]) {
      const p = await api.get(`/api/v1/media-plans/${id}`, { token: owner.accessToken });
      for (const m of p.body.totals.byMonth as Array<{ month: string; amount: string }>) months.set(m.month, Math.round((months.get(m.month) ?? 0) * 100 + Number(m.amount) * 100) / 100);
    }
    expect(rub.byMonth).toEqual([...months].sort().map(([month, amount]) => ({ month, amount: amount.toFixed(2) })));
    expect(rub.byMonth.map((m: { month: string }) => m.month)).toEqual(['2027-01', '2027-02', '2027-03', '2027-06']);
    // The monthly weights put three quarters of the Digital line (37.87 of 50.50) in March, with the line without a channel.
    expect(rub.byMonth.find((m: { month: string }) => m.month === '2027-03').amount).toBe('47.87');
    expect(res.body.currencies[1]).toEqual({ currency: 'USD', plans: 1, total: '30.00', byChannel: [{ channel: 'TV', amount: '30.00' }], byMonth: [{ month: '2027-01', amount: '30.00' }] });

    // Another agency sees none of it.
    const other = await register(api, 'Other agency');
    expect((await api.get('/api/v1/dashboard/budget', { token: other.accessToken })).body).toMatchObject({ plans: 0, currencies: [] });
    expectProblem(await api.get('/api/v1/dashboard/budget', { token: other.accessToken, tenant: owner.tenantId }), 404);
  });

  it('shows a viewer limited to one client only that client’s plans', async () => {
    const owner = await register(api, 'Dashboard scope');
    const mine = (await api.post('/api/v1/clients', { name: 'Visible' }, { token: owner.accessToken })).body.id;
    const theirs = (await api.post('/api/v1/clients', { name: 'Hidden' }, { token: owner.accessToken })).body.id;
    await line(api, owner, await plan(api, owner, mine, 'Seen'), { channel: 'TV', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '5.00' });
    await line(api, owner, await plan(api, owner, theirs, 'Unseen'), { channel: 'Radio', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '7.00' });
    const viewer = await addMember(api, owner, 'viewer', mine);
    const res = await api.get('/api/v1/dashboard/budget', { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.currencies).toEqual([{ currency: 'RUB', plans: 1, total: '5.00', byChannel: [{ channel: 'TV', amount: '5.00' }], byMonth: [{ month: '2027-01', amount: '5.00' }] }]);
  });
});
