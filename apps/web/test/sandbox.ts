import { call, post } from './api.js';

/** Connects a client to the VK Ads sandbox account 900001 and waits until its first sync has finished. */
export async function syncVkSandbox(token: string, clientId: string): Promise<void> {
  const conn = await post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId, accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } }, token);
  const run = await post(`/api/v1/connections/${conn.id}/sync`, {}, token);
  for (let i = 0; i < 100; i++) {
    const runs = (await (await call('GET', `/api/v1/connections/${conn.id}/runs`, undefined, token)).json()).items;
    const status = runs.find((r: { id: string; status: string }) => r.id === run.id)?.status;
    if (status === 'succeeded') return;
    if (status === 'failed') throw new Error('the sandbox sync failed');
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the sandbox sync did not finish');
}

/** This month's flight around today: from the first day of last month to the last of next month. */
export function liveFlight(now = new Date()): { start: string; end: string } {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    start: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))),
    end: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0))),
  };
}
