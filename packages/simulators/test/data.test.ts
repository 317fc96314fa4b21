import { describe, expect, it } from 'vitest';
import { accountsOf, expectedDaily, startAll, weekday, type Platform } from '../src/index.js';
import { TODAY } from './helpers.js';

describe('sandbox data', () => {
  it('is the same across restarts', async () => {
    const query = async () => {
      const sims = await startAll({ common: { today: TODAY } });
      try {
        const tr = encodeURIComponent(JSON.stringify({ since: '2025-01-01', until: '2025-01-31' }));
        const meta = await (await fetch(`${sims.meta.url}/v21.0/act_100000000000001/insights?level=adset&time_range=${tr}&time_increment=1&fields=adset_id,impressions,spend&limit=1000&access_token=sandbox-meta-token`)).json();
        const vk = await (await fetch(`${sims.vk.url}/api/v2/statistics/banners/day.json?date_from=2025-01-01&date_to=2025-01-31&metrics=base`, { headers: { authorization: 'Bearer sandbox-vk-token-1' } })).json();
        return JSON.stringify([meta, vk]);
      } finally {
        await sims.close();
      }
    };
    expect(await query()).toBe(await query());
  });

  it('differs with the seed', () => {
    const a = expectedDaily('google', '1234567890', '2025-01-01', '2025-01-01', { today: TODAY });
    const b = expectedDaily('google', '1234567890', '2025-01-01', '2025-01-01', { today: TODAY, seed: 'other' });
    expect(a).not.toEqual(b);
  });

  it.each(['google', 'meta', 'yandex', 'vk'] as Platform[])('%s: plausible CTR, CPC and weekday seasonality', (platform) => {
    const accounts = accountsOf(platform);
    expect(accounts.length).toBeGreaterThanOrEqual(2);
    for (const a of accounts) {
      expect(a.campaigns.length).toBeGreaterThanOrEqual(2);
      const rows = expectedDaily(platform, a.id, '2024-06-01', '2024-11-30', { today: TODAY });
      for (const r of rows) {
        expect(r.impressions).toBeGreaterThan(0);
        const ctr = r.clicks / r.impressions;
        expect(ctr).toBeGreaterThanOrEqual(0.004);
        expect(ctr).toBeLessThanOrEqual(0.031);
        expect(r.costMicros % 10_000).toBe(0);
        if (r.clicks > 20) {
          const cpc = r.costMicros / 1e6 / r.clicks;
          if (a.currency === 'RUB') expect(cpc).toBeGreaterThan(8);
          else expect(cpc).toBeLessThan(3);
        }
      }
      const byDay = [0, 0, 0, 0, 0, 0, 0];
      for (const r of rows) byDay[weekday(r.date)] += r.impressions;
      expect(Math.min(byDay[5], byDay[6])).toBeLessThan(Math.min(...byDay.slice(0, 5)));
    }
  });

  it('has no data after today or before the data start', () => {
    expect(expectedDaily('meta', '100000000000001', '2025-04-01', '2025-04-10', { today: TODAY })).toHaveLength(0);
    expect(expectedDaily('meta', '100000000000001', '2023-01-01', '2023-12-31', { today: TODAY })).toHaveLength(0);
  });
});
