import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { client, expectProblem } from './helpers.js';
import { until } from './setup/processes.js';
import { startServer } from './setup/servers.js';

// Google Ads (and VK Ads, when given an OAuth app's refresh token) connections hold a refresh token;
// the access token a sync obtains is stored with the connection, so a restarted (or another) worker
// starts from it instead of asking for a new one.
describe('an access token refreshed during a sync', () => {
  it('is kept with the connection across a restart, and refreshed again only once the platform says it expired', { timeout: 180_000 }, async () => {
    const { startGoogleAds, startVkAds } = await import('@mrm/simulators');
    const sim = await startGoogleAds({});
    const vk = await startVkAds({});
    const env = {
      MRM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'mrm-token-')), 'data'),
      REDIS_PREFIX: `{mrmtoken-${process.pid}-${Date.now()}}`,
      GOOGLE_ADS_API_URL: sim.url,
      GOOGLE_ADS_TOKEN_URL: `${sim.url}/token`,
      GOOGLE_ADS_RATE_LIMIT: 'off',
      VK_ADS_API_URL: vk.url,
      VK_ADS_RATE_LIMIT: 'off',
      OUTBOX_POLL_MS: '100',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    };
    const tokenRequests = () => sim.requests.filter((r: { path: string }) => r.path === '/token').length;
    const vkTokenRequests = () => vk.requests.filter((r: { path: string }) => r.path === '/api/v2/oauth2/token.json').length;
    let server = await startServer(env);
    try {
      let api = client(server.url);
      const reg = await api.post('/api/v1/auth/register', { tenantName: 'Агентство', name: 'Анна', email: `token-${Date.now()}@example.test`, password: 'a long passphrase' });
      const token = reg.body.accessToken;
      const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token });
      const credentials = { developerToken: 'sandbox-developer-token', clientId: 'sandbox-client-id.apps.googleusercontent.com', clientSecret: 'sandbox-client-secret', refreshToken: 'sandbox-google-refresh-token' };
      const conn = await api.post('/api/v1/connections', { platform: 'google_ads', name: 'Google', clientId: c.body.id, accounts: [{ id: '1234567890' }], credentials }, { token });
      expect(conn.status, JSON.stringify(conn.body)).toBe(201);
      const vkConn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId: c.body.id, accounts: [{ id: '900001' }], credentials: { refreshToken: 'sandbox-vk-refresh-1', clientId: 'sandbox-vk-client', clientSecret: 'sandbox-vk-secret' } }, { token });
      expect(vkConn.status, JSON.stringify(vkConn.body)).toBe(201);
      const syncOnce = async (id = conn.body.id) => {
        const run = await api.post(`/api/v1/connections/${id}/sync`, undefined, { token });
        let last: { status: string; error: string | null } | undefined;
        await until(async () => {
          last = (await api.get(`/api/v1/connections/${id}/runs`, { token })).body.items.find((r: { id: string }) => r.id === run.body.id);
          return last?.status === 'succeeded' || last?.status === 'failed';
        }, 60_000);
        expect(last!.status, JSON.stringify(last)).toBe('succeeded');
      };

      await syncOnce();
      expect(tokenRequests()).toBe(1);
      await syncOnce(vkConn.body.id);
      expect(vkTokenRequests()).toBe(1);
      const before = (await api.get(`/api/v1/connections/${conn.body.id}`, { token })).body;
      // The stored fields the API shows are still the ones the user gave; the token is kept beside them.
      expect(before.credentials.fields.sort()).toEqual(Object.keys(credentials).sort());
      // VK without an access token needs the whole OAuth app, and says which field is missing.
      expectProblem(await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId: c.body.id, accounts: [{ id: '900001' }], credentials: { refreshToken: 'sandbox-vk-refresh-1' } }, { token }), 400, 'credentials.accessToken');

      await server.stop();
      server = await startServer(env);
      api = client(server.url);
      await syncOnce();
      expect(tokenRequests()).toBe(1);
      await syncOnce(vkConn.body.id);
      expect(vkTokenRequests()).toBe(1);

      sim.expireIssuedTokens();
      await syncOnce();
      expect(tokenRequests()).toBe(2);
    } finally {
      await server.stop();
      await sim.close();
      await vk.close();
    }
  });
});
