import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS, ROLES } from '@mrm/contracts';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { ApiUsage } from '../src/ops/usage.js';
import { REDIS_URL } from './setup/servers.js';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';

const metrics = (api: Api, token: string, tenant?: string) => api.get('/api/v1/admin/metrics', { token, tenant });

async function machineToken(api: Api, owner: Workspace, scopes: string[]): Promise<string> {
  const oc = await api.post('/api/v1/oauth-clients', { name: 'monitor', scopes }, { token: owner.accessToken });
  expect(oc.status, JSON.stringify(oc.body)).toBe(201);
  const res = await api.call('POST', '/api/v1/oauth/token', {
    raw: `grant_type=client_credentials&client_id=${oc.body.clientId}&client_secret=${oc.body.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return res.body.access_token;
}

describe.each(['postgres', 'pglite'] as const)('business metrics for administrators on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('counts active members, projects created and API calls of this workspace only', async () => {
    const owner = await register(api, 'Metrics');
    const planner = await addMember(api, owner, 'planner');
    const c = await api.post('/api/v1/clients', { name: 'Counted' }, { token: owner.accessToken });
    for (const name of ['One', 'Two']) await api.post('/api/v1/projects', { clientId: c.body.id, name }, { token: planner.token });

    const first = await metrics(api, owner.accessToken);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // Both logged in just now (registration and the accepted invitation each issued a session).
    expect(first.body.activeUsers).toEqual({ last24h: 2, last7d: 2, members: 2 });
    expect(first.body.projectsCreated).toEqual({ last7d: 2, last30d: 2 });
    expect(first.body.daily).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(first.body.daily.at(-1)).toMatchObject({ date: today, projectsCreated: 2 });
    expect(new Date(first.body.generatedAt).toISOString()).toBe(first.body.generatedAt);

    // Every authenticated call of the workspace is counted, this one included.
    const calls = first.body.apiCalls;
    expect(calls.today).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < 5; i++) await api.get('/api/v1/clients', { token: planner.token });
    const second = await metrics(api, owner.accessToken);
    expect(second.body.apiCalls.last30d - calls.last30d).toBe(6);
    expect(second.body.apiCalls.last7d - calls.last7d).toBe(6);
    expect(second.body.daily.at(-1).apiCalls).toBe(second.body.apiCalls.today);

    // Another workspace's traffic and projects are not this one's.
    const other = await register(api, 'Metrics elsewhere');
    const oc = await api.post('/api/v1/clients', { name: 'Elsewhere' }, { token: other.accessToken });
    await api.post('/api/v1/projects', { clientId: oc.body.id, name: 'Theirs' }, { token: other.accessToken });
    const third = await metrics(api, owner.accessToken);
    expect(third.body.apiCalls.last30d - second.body.apiCalls.last30d).toBe(1);
    expect(third.body.projectsCreated.last30d).toBe(2);
    expect((await metrics(api, other.accessToken)).body).toMatchObject({ activeUsers: { last24h: 1, members: 1 }, projectsCreated: { last30d: 1 } });
    expectProblem(await metrics(api, other.accessToken, owner.tenantId), 404);
  });

  it('counts a call in the workspace it acts in (X-Tenant-Id), and machine clients’ calls too', async () => {
    const alpha = await register(api, 'Alpha metrics');
    const beta = await register(api, 'Beta metrics');
    const inv = await api.post('/api/v1/invitations', { email: alpha.email, role: 'admin' }, { token: beta.accessToken });
    const joined = await api.post('/api/v1/invitations/accept', { token: inv.body.token, password: 'correct horse battery' });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);

    const before = (await metrics(api, beta.accessToken)).body.apiCalls.today;
    // Alpha's own token, acting in Beta.
    for (let i = 0; i < 3; i++) await api.get('/api/v1/clients', { token: alpha.accessToken, tenant: beta.tenantId });
    const bot = await machineToken(api, beta, ['metrics:read', 'clients:read']);
    const byBot = await metrics(api, bot);
    expect(byBot.status, JSON.stringify(byBot.body)).toBe(200);
    // 3 calls acting in Beta, the client registration, the bot's call (the token request has no bearer token).
    expect(byBot.body.apiCalls.today - before).toBe(5);
    expect(byBot.body.activeUsers.members).toBe(2);
    expectProblem(await metrics(api, await machineToken(api, beta, ['clients:read'])), 403);
  });

  it.each(ROLES)('is for roles with metrics:read (%s)', async (role) => {
    const owner = await register(api, `Metrics ${role}`);
    const member = role === 'owner' ? { token: owner.accessToken } : await addMember(api, owner, role);
    const res = await metrics(api, member.token);
    if (ROLE_PERMISSIONS[role].includes('metrics:read')) expect(res.status).toBe(200);
    else expectProblem(res, 403);
    expect(ROLE_PERMISSIONS[role].includes('metrics:read')).toBe(role === 'owner' || role === 'admin');
  });
});

describe('active users over a week', () => {
  it('counts a member whose last session is three days old in the week, not the day', async () => {
    const api = client(inject('backends').postgres.url);
    const owner = await register(api, 'Metrics week');
    const member = await addMember(api, owner, 'analyst');
    const db = new pg.Client({ connectionString: inject('pgDatabaseUrl') });
    await db.connect();
    try {
      await db.query(`update refresh_tokens set created_at = now() - interval '3 days' where user_id = $1`, [member.userId]);
      await db.query(
        `insert into refresh_tokens (id, user_id, family_id, token_hash, tenant_id, expires_at, created_at) values ($1, $2, $3, $4, null, now(), now() - interval '9 days')`,
        [randomUUID(), owner.userId, randomUUID(), `old-${randomUUID()}`],
      );
    } finally {
      await db.end();
    }
    expect((await metrics(api, owner.accessToken)).body.activeUsers).toEqual({ last24h: 1, last7d: 2, members: 2 });
  });
});

describe('the API-call counter in Redis', () => {
  it('keeps one key per workspace and UTC day, with an expiry', async () => {
    const api = client(inject('backends').postgres.url);
    const owner = await register(api, 'Metrics keys');
    await api.get('/api/v1/clients', { token: owner.accessToken });
    const redis = new Redis(REDIS_URL);
    try {
      const key = `${inject('redisPrefix')}:api-calls:${owner.tenantId}:${new Date().toISOString().slice(0, 10)}`;
      expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(2);
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(31 * 86_400_000);
      expect(ttl).toBeLessThanOrEqual(32 * 86_400_000);
    } finally {
      redis.disconnect();
    }
  });

  it('reads as unavailable, not as zero, when Redis does not answer', async () => {
    const down = { mget: () => Promise.reject(new Error('connection refused')) } as unknown as Redis;
    expect(await new ApiUsage(down, '{x}').daily(randomUUID(), 30)).toBeNull();
  });
});
