import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { client } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer } from './setup/servers.js';

// The embedded mode's worker is the `all` process: kill it with SIGKILL in the middle of a sync,
// start it again on the same data, and the sync must still end with the platform's exact totals.
describe('a worker killed in the middle of a sync', () => {
  it('finishes the sync after a restart, with every row once', { timeout: 180_000 }, async () => {
    const { startYandexDirect, sumRows } = await import('@mrm/simulators');
    // Reports "building" for a few seconds: long enough to kill the worker while it waits.
    const sim = await startYandexDirect({ faults: [{ kind: 'queued', count: 8, retryIn: 1 }] });
    const env = {
      MRM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'mrm-crash-')), 'data'),
      REDIS_PREFIX: `{mrmcrash-${process.pid}-${Date.now()}}`,
      YANDEX_DIRECT_API_URL: sim.url,
      YANDEX_DIRECT_RATE_LIMIT: 'off',
      OUTBOX_POLL_MS: '100',
      WORKER_LOCK_MS: '2000',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    };
    let server = await startServer(env);
    try {
      let api = client(server.url);
      const reg = await api.post('/api/v1/auth/register', { tenantName: 'Агентство', name: 'Анна', email: `crash-${Date.now()}@example.test`, password: 'a long passphrase' });
      const token = reg.body.accessToken;
      const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token });
      const conn = await api.post('/api/v1/connections', { platform: 'yandex_direct', name: 'Директ', clientId: c.body.id, accounts: [{ id: 'sandbox-client-1' }], credentials: { token: 'sandbox-yandex-token' } }, { token });
      const run = await api.post(`/api/v1/connections/${conn.body.id}/sync`, undefined, { token });
      const status = async () => (await api.get(`/api/v1/connections/${conn.body.id}/runs`, { token })).body.items.find((r: { id: string }) => r.id === run.body.id);
      await until(async () => (await status())?.status === 'running', 30_000);

      expect(await server.stop('SIGKILL')).toBeNull();
      server = await startServer(env);
      api = client(server.url);
      let last: { status: string; rows: number; from: string; to: string } | undefined;
      await until(async () => {
        last = await status();
        return last?.status === 'succeeded' || last?.status === 'failed';
      }, 120_000);
      expect(last!.status).toBe('succeeded');
      const want = sumRows(sim.expectedDaily('sandbox-client-1', last!.from, last!.to));
      const stats = (await api.get(`/api/v1/connections/${conn.body.id}/stats?from=${last!.from}&to=${last!.to}`, { token })).body;
      expect(stats.totals).toEqual([expect.objectContaining({ impressions: want.impressions, clicks: want.clicks, cost: (want.costMicros / 1e6).toFixed(2) })]);
    } finally {
      await server.stop();
      await sim.close();
    }
  });
});
