import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAIN, PG_ADMIN_URL, startServer, type RunningServer } from './setup/servers.js';
import { client, register } from './helpers.js';

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function query(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * A "replica" that we replicate by hand: a second database holding a snapshot of the tenant's rows.
 * Lists must come from it (they show the snapshot); reads by id and writes stay on the primary.
 */
describe('read replicas', () => {
  const replicaName = `mrm_replica_${Date.now()}_${randomBytes(2).toString('hex')}`;
  const primaryOwner = inject('pgDatabaseUrl');
  const replicaOwner = withDb(PG_ADMIN_URL, replicaName);
  let server: RunningServer;

  beforeAll(async () => {
    await query(PG_ADMIN_URL, `create database ${replicaName}`);
    execFileSync(process.execPath, [MAIN.replace('main.js', 'db/migrate-cli.js')], { env: { ...process.env, DATABASE_URL: replicaOwner }, stdio: 'pipe' });
    server = await startServer({
      DATABASE_URL: inject('pgAppUrl'),
      DATABASE_REPLICA_URLS: withDb(inject('pgAppUrl'), replicaName),
      MRM_MIGRATE_ON_START: 'false',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await query(PG_ADMIN_URL, `drop database if exists ${replicaName} with (force)`);
  });

  it('sends lists to the replica and keeps reads-by-id and writes on the primary', async () => {
    const api = client(server.url);
    const owner = await register(api);
    const first = await api.post('/api/v1/clients', { name: 'Replicated' }, { token: owner.accessToken });
    expect(first.status).toBe(201);

    // Copy the tenant's rows as they are now, as streaming replication would.
    for (const table of ['tenants', 'users', 'memberships', 'clients']) {
      const where = table === 'tenants' || table === 'users' ? 'id = $1' : 'tenant_id = $1';
      const rows = await query(primaryOwner, `select * from ${table} where ${where}`, [table === 'users' ? owner.userId : owner.tenantId]);
      for (const row of rows) {
        const cols = Object.keys(row);
        await query(replicaOwner, `insert into ${table} (${cols.join(',')}) values (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => row[c]));
      }
    }

    const second = await api.post('/api/v1/clients', { name: 'Not yet replicated' }, { token: owner.accessToken });
    expect(second.status).toBe(201);
    const list = await api.get('/api/v1/clients', { token: owner.accessToken });
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Replicated']);
    expect((await api.get(`/api/v1/clients/${second.body.id}`, { token: owner.accessToken })).status).toBe(200);
  });
});
