import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, register } from './helpers.js';

describe.each(['postgres', 'pglite'] as const)('clients and projects on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('creates, reads, updates with If-Match, archives and restores a client', async () => {
    const { accessToken: token } = await register(api);
    const created = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»', taxId: '7701234567', industry: 'FMCG' }, { token });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/clients/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"v1"');
    const id = created.body.id;

    const got = await api.get(`/api/v1/clients/${id}`, { token });
    expect(got.body).toMatchObject({ name: 'ООО «Ромашка»', status: 'active', version: 1 });

    expectProblem(await api.patch(`/api/v1/clients/${id}`, { name: 'No precondition' }, { token }), 428, 'If-Match');
    const updated = await api.patch(`/api/v1/clients/${id}`, { name: 'ООО «Ромашка-2»' }, { token, headers: { 'if-match': got.headers.get('etag')! } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"v2"');
    // A second writer who read version 1 does not overwrite the first one's change.
    const stale = await api.patch(`/api/v1/clients/${id}`, { industry: 'Retail' }, { token, headers: { 'if-match': '"v1"' } });
    expectProblem(stale, 412, 'If-Match');
    expect((await api.get(`/api/v1/clients/${id}`, { token })).body).toMatchObject({ name: 'ООО «Ромашка-2»', industry: 'FMCG' });

    const archived = await api.post(`/api/v1/clients/${id}/archive`, undefined, { token });
    expect(archived.body.status).toBe('archived');
    expect((await api.get('/api/v1/clients?status=active', { token })).body.items).toEqual([]);
    expect((await api.get('/api/v1/clients?status=archived', { token })).body.items).toHaveLength(1);
    expectProblem(await api.post('/api/v1/projects', { clientId: id, name: 'On archived' }, { token }), 409, 'clientId');
    expect((await api.post(`/api/v1/clients/${id}/restore`, undefined, { token })).body.status).toBe('active');
    expectProblem(await api.get(`/api/v1/clients/${crypto.randomUUID()}`, { token }), 404);
  });

  it('pages through clients with a cursor, sorted, filtered and searched', async () => {
    const { accessToken: token } = await register(api);
    const names = Array.from({ length: 23 }, (_, i) => `Client ${String(i).padStart(2, '0')}`);
    for (const name of names) await api.post('/api/v1/clients', { name }, { token });
    await api.post('/api/v1/clients', { name: '100% Juice_Co' }, { token });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await api.get(`/api/v1/clients?limit=10&sort=-name${cursor ? `&cursor=${cursor}` : ''}`, { token });
      seen.push(...res.body.items.map((c) => c.name));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names, '100% Juice_Co'].sort().reverse());
    // LIKE wildcards in a search are taken literally.
    expect((await api.get(`/api/v1/clients?q=${encodeURIComponent('100%')}`, { token })).body.items.map((c: { name: string }) => c.name)).toEqual(['100% Juice_Co']);
    expect((await api.get('/api/v1/clients?q=client%201', { token })).body.items).toHaveLength(10);
    expectProblem(await api.get('/api/v1/clients?cursor=garbage', { token }), 400, 'cursor');
  });

  it('keeps project money exact, checks dates, and filters by client', async () => {
    const { accessToken: token } = await register(api);
    const c1 = (await api.post('/api/v1/clients', { name: 'C1' }, { token })).body;
    const c2 = (await api.post('/api/v1/clients', { name: 'C2' }, { token })).body;
    const p = await api.post('/api/v1/projects', { clientId: c1.id, name: 'Launch', budget: '1500000.5', currency: 'RUB', startDate: '2027-03-01', endDate: '2027-05-31', objective: 'awareness' }, { token });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ budget: '1500000.50', currency: 'RUB', status: 'planned', startDate: '2027-03-01' });
    await api.post('/api/v1/projects', { clientId: c2.id, name: 'Other', budget: '99999999999999.99' }, { token });
    expect((await api.get(`/api/v1/projects?clientId=${c1.id}`, { token })).body.items.map((x: { name: string }) => x.name)).toEqual(['Launch']);
    const big = await api.get(`/api/v1/projects?clientId=${c2.id}`, { token });
    expect(big.body.items[0].budget).toBe('99999999999999.99');

    expectProblem(await api.post('/api/v1/projects', { clientId: c1.id, name: 'Bad', startDate: '2027-05-01', endDate: '2027-04-01' }, { token }), 400, 'endDate');
    // The order is checked against the stored dates too when only one of them changes.
    expectProblem(await api.patch(`/api/v1/projects/${p.body.id}`, { endDate: '2027-01-01' }, { token, headers: { 'if-match': '"v1"' } }), 400, 'endDate');
    const upd = await api.patch(`/api/v1/projects/${p.body.id}`, { status: 'active', budget: '2000000' }, { token, headers: { 'if-match': '"v1"' } });
    expect(upd.body).toMatchObject({ status: 'active', budget: '2000000.00', version: 2 });
    expect((await api.post(`/api/v1/projects/${p.body.id}/archive`, undefined, { token })).body.status).toBe('archived');
    expect((await api.get('/api/v1/projects?status=archived', { token })).body.items).toHaveLength(1);
  });

  it('records every change in the audit log with before and after', async () => {
    const owner = await register(api);
    const token = owner.accessToken;
    const c = (await api.post('/api/v1/clients', { name: 'Audited' }, { token })).body;
    await api.patch(`/api/v1/clients/${c.id}`, { name: 'Audited 2' }, { token, headers: { 'if-match': '"v1"' } });
    const log = await api.get(`/api/v1/audit-log?entityId=${c.id}`, { token });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['client.update', 'client.create']);
    const [update] = log.body.items;
    expect(update).toMatchObject({ actorType: 'user', actorId: owner.userId, entityType: 'client', before: { name: 'Audited' }, after: { name: 'Audited 2' } });
    expect(update.requestId).toBeTruthy();
    const all = await api.get('/api/v1/audit-log?limit=1', { token });
    expect(all.body.items).toHaveLength(1);
    expect(all.body.nextCursor).toBeTruthy();
  });
});
