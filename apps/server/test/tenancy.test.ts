import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, register } from './helpers.js';

describe.each(['postgres', 'pglite'] as const)('tenant isolation on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it("never shows, changes or lists another tenant's clients and projects", async () => {
    const a = await register(api, 'Agency A');
    const b = await register(api, 'Agency B');
    const cl = await api.post('/api/v1/clients', { name: 'Secret client of A' }, { token: a.accessToken });
    expect(cl.status).toBe(201);
    const pr = await api.post('/api/v1/projects', { clientId: cl.body.id, name: 'Secret launch' }, { token: a.accessToken });
    expect(pr.status).toBe(201);

    for (const path of [`/api/v1/clients/${cl.body.id}`, `/api/v1/projects/${pr.body.id}`]) {
      expectProblem(await api.get(path, { token: b.accessToken }), 404);
      expectProblem(await api.patch(path, { name: 'hijacked' }, { token: b.accessToken, headers: { 'if-match': '"v1"' } }), 404);
      expectProblem(await api.post(`${path}/archive`, undefined, { token: b.accessToken }), 404);
    }
    expect((await api.get('/api/v1/clients', { token: b.accessToken })).body.items).toEqual([]);
    expect((await api.get('/api/v1/projects', { token: b.accessToken })).body.items).toEqual([]);
    expect((await api.get(`/api/v1/projects?clientId=${cl.body.id}`, { token: b.accessToken })).body.items).toEqual([]);
    // B cannot hang its own project on A's client either.
    expectProblem(await api.post('/api/v1/projects', { clientId: cl.body.id, name: 'x' }, { token: b.accessToken }), 400, 'clientId');
    // Naming A's workspace in the header does not help: B is no member there.
    expectProblem(await api.get('/api/v1/clients', { token: b.accessToken, tenant: a.tenantId }), 404);
    // A still sees its own, unchanged.
    const still = await api.get(`/api/v1/clients/${cl.body.id}`, { token: a.accessToken });
    expect(still.body.name).toBe('Secret client of A');
  });

  it('holds under concurrent requests from many tenants', async () => {
    const tenants = await Promise.all(Array.from({ length: 6 }, (_, i) => register(api, `Parallel ${i}`)));
    await Promise.all(
      tenants.flatMap((t, i) => Array.from({ length: 5 }, (_, j) => api.post('/api/v1/clients', { name: `T${i}-C${j}` }, { token: t.accessToken }))),
    );
    const lists = await Promise.all(tenants.flatMap((t) => Array.from({ length: 4 }, () => api.get('/api/v1/clients?limit=100', { token: t.accessToken }).then((r) => ({ t, r })))));
    for (const { t, r } of lists) {
      const i = tenants.indexOf(t);
      expect(r.body.items.map((c: { name: string }) => c.name).sort()).toEqual([0, 1, 2, 3, 4].map((j) => `T${i}-C${j}`));
    }
  });
});

describe('row-level security without the application in the way', () => {
  const api = client(inject('backends').postgres.url);

  it('gives the app role no rows without a tenant setting, and only that tenant’s rows with one (PostgreSQL)', async () => {
    const a = await register(api, 'RLS A');
    const b = await register(api, 'RLS B');
    await api.post('/api/v1/clients', { name: 'A1' }, { token: a.accessToken });
    await api.post('/api/v1/clients', { name: 'B1' }, { token: b.accessToken });

    const conn = new pg.Client({ connectionString: inject('pgAppUrl') });
    await conn.connect();
    try {
      expect((await conn.query('select count(*)::int as n from clients')).rows[0].n).toBe(0);
      expect((await conn.query('select count(*)::int as n from projects')).rows[0].n).toBe(0);
      expect((await conn.query('select count(*)::int as n from audit_log')).rows[0].n).toBe(0);
      await conn.query('begin');
      await conn.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      const names = (await conn.query('select name from clients')).rows.map((r) => r.name);
      expect(names).toEqual(['A1']);
      // Writing a row into another tenant is refused by the policy's WITH CHECK.
      await expect(conn.query(`insert into clients (id, tenant_id, name) values (gen_random_uuid(), $1, 'smuggled')`, [b.tenantId])).rejects.toThrow(/row-level security/);
      await conn.query('rollback');
      // The request preamble opens a tenant only through a membership: B's user scoped to A sees nothing.
      const { preamble } = await import('../dist/db/database.js');
      for (const [user, expected] of [[b.userId, []], [a.userId, ['A1']]] as const) {
        await conn.query('begin');
        const { settings, membership } = preamble({ tenantId: a.tenantId, userId: user, membership: true });
        await conn.query(settings);
        await conn.query(membership!);
        expect((await conn.query('select name from clients')).rows.map((r) => r.name)).toEqual(expected);
        await conn.query('rollback');
      }
      // The audit trail is append-only for the application.
      await expect(conn.query('delete from audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      await conn.end();
    }
  });

  it('applies the same policies inside the embedded database (PGlite)', async () => {
    const { EmbeddedDatabase } = await import('../dist/db/pglite.js');
    const { migrateEmbedded } = await import('../dist/db/migrate.js');
    const dir = mkdtempSync(join(tmpdir(), 'mrm-rls-'));
    const db = await EmbeddedDatabase.open(dir);
    try {
      await migrateEmbedded(db);
      const t1 = crypto.randomUUID();
      const t2 = crypto.randomUUID();
      // As the embedded superuser (the migration owner) seed two tenants directly.
      await db.client.exec(`insert into tenants (id, name, slug) values ('${t1}', 'one', 'one'), ('${t2}', 'two', 'two');
        insert into clients (id, tenant_id, name) values (gen_random_uuid(), '${t1}', 'c1'), (gen_random_uuid(), '${t2}', 'c2');`);
      await db.client.exec('set role mrm_app');
      expect((await db.client.query<{ n: number }>('select count(*)::int as n from clients')).rows[0].n).toBe(0);
      await db.client.exec(`begin; select set_config('app.tenant_id', '${t2}', true);`);
      expect((await db.client.query<{ name: string }>('select name from clients')).rows.map((r) => r.name)).toEqual(['c2']);
      await db.client.exec('rollback; reset role;');
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
