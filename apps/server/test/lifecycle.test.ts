import type { ChildProcess } from 'node:child_process';
import { startRedis, stopProcess, until } from './setup/processes.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startServer, type RunningServer } from './setup/servers.js';
import { client, expectProblem, PASSWORD, register } from './helpers.js';

describe('readiness, rate limits and shutdown with a Redis we can stop', () => {
  let redisPort: number;
  let redis: ChildProcess;
  let server: RunningServer;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    server = await startServer({
      DATABASE_URL: inject('pgAppUrl'),
      MRM_MIGRATE_ON_START: 'false',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      RATE_LIMIT_AUTH_PER_MINUTE: '3',
      RATE_LIMIT_PER_USER_PER_MINUTE: '20',
      RATE_LIMIT_PER_IP_PER_MINUTE: '120',
      SHUTDOWN_DELAY_MS: '1500',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await stopProcess(redis);
  });

  it('reports 503 while Redis is down and 200 once it is back; liveness never wavers', async () => {
    const api = client(server.url);
    expect((await api.get('/ready')).status).toBe(200);
    await stopProcess(redis);
    await until(async () => (await api.get('/ready')).status === 503);
    const down = await api.get('/ready');
    expect(down.body.checks.redis).toMatch(/^down/);
    expect(down.body.checks.postgres).toBe('ok');
    expect((await api.get('/health')).status).toBe(200);
    redis = await startRedis(redisPort);
    await until(async () => (await api.get('/ready')).status === 200);
  });

  // Windows are fixed minutes: a window may roll over mid-test, so each test sends until refused
  // and checks the refusal came no sooner than the limit allows.
  async function firstRefusal(send: () => Promise<{ status: number; headers: Headers }>, max: number) {
    for (let i = 1; i <= max; i++) {
      const res = await send();
      if (res.status === 429) return { attempt: i, res };
    }
    return { attempt: Infinity, res: null };
  }

  it('limits each account across all its requests', async () => {
    const api = client(server.url);
    const a = await register(api);
    const b = await register(api);
    const { attempt, res } = await firstRefusal(() => api.get('/api/v1/me', { token: a.accessToken }), 45);
    expect(attempt).toBeGreaterThan(1);
    expect(attempt).toBeLessThanOrEqual(41);
    expectProblem(res as never, 429);
    // Another account from the same address is not held back by the first one's limit.
    expect((await api.get('/api/v1/me', { token: b.accessToken })).status).toBe(200);
  });

  it('limits sign-in attempts per address with 429 and Retry-After', async () => {
    const api = client(server.url);
    const owner = await register(api);
    const { attempt, res } = await firstRefusal(() => api.post('/api/v1/auth/login', { email: owner.email, password: PASSWORD }), 8);
    expect(attempt).toBeLessThanOrEqual(7);
    expectProblem(res as never, 429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password does not get past the limit either.
    expect((await api.post('/api/v1/auth/login', { email: owner.email, password: PASSWORD })).status).toBe(429);
  });

  it('limits each address across the whole API', async () => {
    const api = client(server.url);
    const { attempt, res } = await firstRefusal(() => api.get('/api/v1/no-such-route'), 250);
    expect(attempt).toBeLessThanOrEqual(241);
    expectProblem(res as never, 429);
    // Probes are not rate limited, or a busy pod would be taken out of service.
    expect((await api.get('/ready')).status).toBe(200);
  });

  it('turns readiness off at SIGTERM, keeps serving during the grace delay, then exits 0', async () => {
    const api = client(server.url);
    server.child.kill('SIGTERM');
    await until(async () => (await api.get('/ready')).status === 503, 1400);
    expect((await api.get('/ready')).body.status).toBe('shutting-down');
    expect((await api.get('/health')).status).toBe(200);
    expect(await server.exited).toBe(0);
  });
});

describe('worker role', () => {
  it('starts, is ready, serves no API routes, and stops cleanly', async () => {
    const worker = await startServer({ MRM_ROLE: 'worker', DATABASE_URL: inject('pgAppUrl'), MRM_MIGRATE_ON_START: 'false', REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      const api = client(worker.url);
      expect((await api.get('/ready')).status).toBe(200);
      expectProblem(await api.get('/api/v1/clients'), 404);
      expect((await api.get('/metrics')).body).toMatch(/service="worker"/);
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  });
});
