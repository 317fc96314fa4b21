import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';

const line = (i: number, extra: Record<string, unknown> = {}) => ({
  name: `Line ${i}`,
  startDate: '2027-03-01',
  endDate: '2027-04-30',
  costTotal: `${1000 + i}.50`,
  channel: i % 2 ? 'Digital' : 'TV',
  partner: i % 3 ? 'Яндекс' : 'VK',
  pricingModel: 'cpm',
  rate: '250.00',
  plannedUnits: '4000000',
  metricImpressions: 4_000_000,
  ...extra,
});

async function planWithLines(api: Api, owner: Workspace, n = 3) {
  const token = owner.accessToken;
  const c = (await api.post('/api/v1/clients', { name: 'Client' }, { token })).body;
  const p = (await api.post('/api/v1/projects', { clientId: c.id, name: 'Project', currency: 'RUB' }, { token })).body;
  const plan = await api.post('/api/v1/media-plans', { projectId: p.id, name: 'Весна 2027', vatRate: '20', agencyCommission: '10' }, { token });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const bulk = await api.post(`/api/v1/media-plans/${plan.body.id}/line-items/bulk`, { items: Array.from({ length: n }, (_, i) => line(i)) }, { token });
  expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
  return { clientId: c.id as string, projectId: p.id as string, planId: plan.body.id as string, lines: bulk.body.items as Array<{ id: string; version: number; name: string }> };
}

describe.each(['postgres', 'pglite'] as const)('media plans on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('creates a plan under a project, adds lines and reports totals with commission and VAT', async () => {
    const owner = await register(api);
    const { planId } = await planWithLines(api, owner, 3);
    const got = await api.get(`/api/v1/media-plans/${planId}`, { token: owner.accessToken });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toMatch(/^"v\d+"$/);
    // 1000.50 + 1001.50 + 1002.50 = 3004.50 net; 10 % commission; 20 % VAT on top.
    expect(got.body.totals).toMatchObject({ lines: 3, net: '3004.50', commission: '300.45', grossExVat: '3304.95', vat: '660.99', grossIncVat: '3965.94' });
    expect(got.body.totals.byChannel).toEqual({ TV: '2003.00', Digital: '1001.50' });
    const months = got.body.totals.byMonth as Array<{ month: string; amount: string }>;
    expect(months.map((m) => m.month)).toEqual(['2027-03', '2027-04']);
    expect(months.reduce((s, m) => s + Math.round(Number(m.amount) * 100), 0)).toBe(300450);
  });

  it('runs the review: submit → reject → edit → resubmit → approve; forbidden moves are 409', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const { planId, lines } = await planWithLines(api, owner, 2);

    const submitted = await api.post(`/api/v1/media-plans/${planId}/submit`, { comment: 'v1' }, { token });
    expect(submitted.body).toMatchObject({ status: 'in_review', latestVersion: 1 });
    // Frozen while in review.
    expectProblem(await api.patch(`/api/v1/media-plans/${planId}/line-items/${lines[0].id}`, { costTotal: '1.00' }, { token, headers: { 'if-match': `"v${lines[0].version}"` } }), 409, 'status');
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token }), 409, 'status');
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/reject`, {}, { token }), 400, 'comment');

    const rejected = await api.post(`/api/v1/media-plans/${planId}/reject`, { comment: 'TV is too expensive' }, { token });
    expect(rejected.body.status).toBe('draft');
    const edit = await api.patch(`/api/v1/media-plans/${planId}/line-items/${lines[0].id}`, { costTotal: '900.00', channel: 'OOH' }, { token, headers: { 'if-match': `"v${lines[0].version}"` } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token })).body.latestVersion).toBe(2);
    const approved = await api.post(`/api/v1/media-plans/${planId}/approve`, { comment: 'ok' }, { token });
    expect(approved.body).toMatchObject({ status: 'approved', approvedVersion: 2 });
    const bad = await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token });
    expectProblem(bad, 409, 'status');
    expect(bad.body).toMatchObject({ transition: 'approve', from: 'approved' });

    const versions = await api.get(`/api/v1/media-plans/${planId}/versions`, { token });
    expect(versions.body.items.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[2, 'approved'], [1, 'rejected']]);
    expect(versions.body.items[1].comment).toBe('TV is too expensive');

    const diff = await api.get(`/api/v1/media-plans/${planId}/diff?from=1&to=2`, { token });
    expect(diff.body.changed).toEqual([
      { id: lines[0].id, name: lines[0].name, changes: [{ field: 'channel', before: 'TV', after: 'OOH' }, { field: 'costTotal', before: '1000.50', after: '900.00' }] },
    ]);
    const v1 = await api.get(`/api/v1/media-plans/${planId}/versions/1`, { token });
    expect(v1.body.lineItems.find((l: { id: string }) => l.id === lines[0].id).costTotal).toBe('1000.50');

    // Editing an approved plan starts a new draft revision that must be approved again.
    const live = await api.post(`/api/v1/media-plans/${planId}/status`, { status: 'active' }, { token });
    expect(live.body.status).toBe('active');
    const reopened = await api.post(`/api/v1/media-plans/${planId}/line-items`, line(9), { token });
    expect(reopened.status).toBe(201);
    const after = await api.get(`/api/v1/media-plans/${planId}`, { token });
    expect(after.body).toMatchObject({ status: 'draft', approvedVersion: 2 });
  });

  it('lets a client approve through a signed link without an account', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const { planId } = await planWithLines(api, owner, 2);
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/share`, {}, { token }), 400, 'versionNumber');
    await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token });
    const share = await api.post(`/api/v1/media-plans/${planId}/share`, { expiresInDays: 7 }, { token });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    const link = share.body.token as string;

    const view = await api.get(`/api/v1/public/approvals/${link}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ planName: 'Весна 2027', clientName: 'Client', versionNumber: 1, versionStatus: 'in_review', decision: null });
    expect(view.body.lineItems).toHaveLength(2);
    expectProblem(await api.post(`/api/v1/public/approvals/${link}/reject`, { name: 'Иван' }), 400, 'comment');

    const ok = await api.post(`/api/v1/public/approvals/${link}/approve`, { name: 'Иван Петров', comment: 'Согласовано' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const plan = await api.get(`/api/v1/media-plans/${planId}`, { token });
    expect(plan.body).toMatchObject({ status: 'approved', approvedVersion: 1 });
    const shares = await api.get(`/api/v1/media-plans/${planId}/shares`, { token });
    expect(shares.body.items[0]).toMatchObject({ decision: 'approved', decidedName: 'Иван Петров', decidedComment: 'Согласовано' });
    expect(shares.body.items[0].decidedAt).toBeTruthy();
    const versions = await api.get(`/api/v1/media-plans/${planId}/versions`, { token });
    expect(versions.body.items[0].decidedBy).toBe('Иван Петров (client, by link)');
    // Deciding twice is refused; a revoked link is gone.
    expectProblem(await api.post(`/api/v1/public/approvals/${link}/approve`, { name: 'X' }), 409);
    await api.del(`/api/v1/media-plans/${planId}/shares/${share.body.id}`, { token });
    expectProblem(await api.get(`/api/v1/public/approvals/${link}`), 404);
    expectProblem(await api.get(`/api/v1/public/approvals/msl_${'a'.repeat(43)}`), 404);
  });
});

describe('media plans: concurrency, bulk, permissions, isolation (postgres)', () => {
  const api = client(inject('backends').postgres.url);

  it('treats an expired approval link as not found', async () => {
    const owner = await register(api);
    const { planId } = await planWithLines(api, owner, 1);
    await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token: owner.accessToken });
    const share = (await api.post(`/api/v1/media-plans/${planId}/share`, { expiresInDays: 1 }, { token: owner.accessToken })).body;
    expect((await api.get(`/api/v1/public/approvals/${share.token}`)).status).toBe(200);
    // Time passes: move the expiry into the past as the owner of the data would see it.
    const db = new pg.Client({ connectionString: inject('pgDatabaseUrl') });
    await db.connect();
    await db.query(`update share_links set expires_at = now() - interval '1 minute' where id = $1`, [share.id]);
    await db.end();
    expectProblem(await api.get(`/api/v1/public/approvals/${share.token}`), 404);
    expectProblem(await api.post(`/api/v1/public/approvals/${share.token}/approve`, { name: 'Late' }), 404);
    expect((await api.get(`/api/v1/media-plans/${planId}`, { token: owner.accessToken })).body.status).toBe('in_review');
  });

  it('gives one of two writers with the same ETag the win and the other a 412, losing nothing', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const { planId, lines } = await planWithLines(api, owner, 1);
    const etag = `"v${lines[0].version}"`;
    const [a, b] = await Promise.all([
      api.patch(`/api/v1/media-plans/${planId}/line-items/${lines[0].id}`, { name: 'Writer A' }, { token, headers: { 'if-match': etag } }),
      api.patch(`/api/v1/media-plans/${planId}/line-items/${lines[0].id}`, { costTotal: '5.00' }, { token, headers: { 'if-match': etag } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    const now = (await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items[0];
    expect(now).toMatchObject(winner.body.name === 'Writer A' ? { name: 'Writer A', costTotal: '1000.50' } : { name: 'Line 0', costTotal: '5.00' });

    const plan = await api.get(`/api/v1/media-plans/${planId}`, { token });
    const [p1, p2] = await Promise.all([
      api.patch(`/api/v1/media-plans/${planId}`, { name: 'One' }, { token, headers: { 'if-match': plan.headers.get('etag')! } }),
      api.patch(`/api/v1/media-plans/${planId}`, { name: 'Two' }, { token, headers: { 'if-match': plan.headers.get('etag')! } }),
    ]);
    expect([p1.status, p2.status].sort()).toEqual([200, 412]);
  });

  it('applies a bulk upsert all or nothing and names every bad row', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const { planId, lines } = await planWithLines(api, owner, 3);
    const bad = await api.post(
      `/api/v1/media-plans/${planId}/line-items/bulk`,
      { items: [line(10), { ...line(11), costTotal: 'lots' }, { ...line(12), endDate: '2027-01-01' }, { id: crypto.randomUUID(), ...line(13) }] },
      { token },
    );
    expectProblem(bad, 400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('items.1.costTotal');
    expect(fields).toContain('items.2.endDate');
    expect((await api.get(`/api/v1/media-plans/${planId}/line-items`, { token })).body.items).toHaveLength(3);

    const stale = await api.post(`/api/v1/media-plans/${planId}/line-items/bulk`, { items: [{ id: lines[0].id, version: lines[0].version + 5, ...line(0) }] }, { token });
    expectProblem(stale, 412, 'items.0.version');

    const replaced = await api.post(
      `/api/v1/media-plans/${planId}/line-items/bulk`,
      { deleteMissing: true, items: [{ id: lines[2].id, version: lines[2].version, ...line(2), name: 'Kept and renamed' }, line(20)] },
      { token },
    );
    expect(replaced.body).toMatchObject({ created: 1, updated: 1, deleted: 2 });
    expect(replaced.body.items.map((l: { name: string; position: number }) => [l.position, l.name])).toEqual([[0, 'Kept and renamed'], [1, 'Line 20']]);
    expect(replaced.body.items[0].version).toBe(lines[2].version + 1);
  });

  it('keeps plan changes to the roles allowed and the review to approvers', async () => {
    const owner = await register(api);
    const { planId } = await planWithLines(api, owner, 1);
    const planner = await addMember(api, owner, 'planner');
    const viewer = await addMember(api, owner, 'viewer');
    expect((await api.get(`/api/v1/media-plans/${planId}`, { token: viewer.token })).status).toBe(200);
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/line-items`, line(1), { token: viewer.token }), 403);
    expect((await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token: planner.token })).status).toBe(200);
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token: planner.token }), 403);
    expect((await api.post(`/api/v1/media-plans/${planId}/approve`, {}, { token: owner.accessToken })).status).toBe(200);
  });

  it("never shows another tenant's plans, lines, versions, links or comments", async () => {
    const a = await register(api);
    const b = await register(api);
    const { planId, lines } = await planWithLines(api, a, 1);
    await api.post(`/api/v1/media-plans/${planId}/submit`, {}, { token: a.accessToken });
    await api.post(`/api/v1/media-plans/${planId}/comments`, { body: 'secret' }, { token: a.accessToken });
    for (const path of ['', '/line-items', '/versions', '/versions/1', '/diff?from=1&to=1', '/shares', '/comments']) {
      expectProblem(await api.get(`/api/v1/media-plans/${planId}${path}`, { token: b.accessToken }), 404);
    }
    for (const [method, path, body] of [
      ['PATCH', `/line-items/${lines[0].id}`, { name: 'x' }],
      ['POST', '/line-items', line(1)],
      ['POST', '/line-items/bulk', { items: [line(1)] }],
      ['POST', '/approve', {}],
      ['POST', '/share', {}],
      ['POST', '/comments', { body: 'x' }],
      ['POST', '/archive', undefined],
    ] as const) {
      expectProblem(await api.call(method, `/api/v1/media-plans/${planId}${path}`, { token: b.accessToken, body, headers: { 'if-match': '"v1"' } }), 404);
    }
    expect((await api.get('/api/v1/media-plans', { token: b.accessToken })).body.items).toEqual([]);
  });

  it('keeps comments on a plan and its lines, with mentions of members only', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const { planId, lines } = await planWithLines(api, owner, 1);
    const planner = await addMember(api, owner, 'planner');
    const c = await api.post(`/api/v1/media-plans/${planId}/comments`, { body: '@planner check CPM', lineItemId: lines[0].id, mentions: [planner.userId] }, { token });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ authorName: 'Owner', mentions: [planner.userId], lineItemId: lines[0].id });
    expectProblem(await api.post(`/api/v1/media-plans/${planId}/comments`, { body: 'x', mentions: [crypto.randomUUID()] }, { token }), 400, 'mentions.0');
    const list = await api.get(`/api/v1/media-plans/${planId}/comments?lineItemId=${lines[0].id}`, { token });
    expect(list.body.items.map((x: { body: string }) => x.body)).toEqual(['@planner check CPM']);
  });
});
