import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleAds, startMeta, startVkAds, startYandexDirect, type DailyRow } from '@mrm/simulators';
import type { GoogleAdsSimulator, MetaSimulator, VkAdsSimulator, YandexDirectSimulator } from '@mrm/simulators';
import {
  ConnectorError, GoogleAdsConnector, MetaConnector, VkAdsConnector, YandexDirectConnector, connectors, createConnectors,
  decimalToMicros, rereadRange, type Connector, type ConnectorCredentials, type DailyStat, type DateRange,
} from '../dist/connectors/index.js';

const TODAY = '2025-03-31';
const RANGE: DateRange = { from: '2025-03-20', to: '2025-03-31' };

// Waits the platforms ask for (minutes on Meta) are recorded, then slept for 2 ms at most.
const waits: number[] = [];
const fastSleep = (ms: number) => {
  waits.push(ms);
  return new Promise<void>((r) => setTimeout(r, Math.min(ms, 2)));
};
const fast = {
  retry: { attempts: 5, baseDelayMs: 2, maxDelayMs: 20, maxServerWaitMs: 2 * 3_600_000 },
  sleep: fastSleep,
  timeoutMs: 10_000,
  rateLimit: false as const,
};

let google: GoogleAdsSimulator;
let meta: MetaSimulator;
let yandex: YandexDirectSimulator;
let vk: VkAdsSimulator;

beforeAll(async () => {
  [google, meta, yandex, vk] = await Promise.all([
    startGoogleAds({ today: TODAY, batchSize: 40 }),
    startMeta({ today: TODAY, asyncPolls: 2 }),
    startYandexDirect({ today: TODAY }),
    startVkAds({ today: TODAY }),
  ]);
});
afterAll(async () => {
  await Promise.all([google?.close(), meta?.close(), yandex?.close(), vk?.close()]);
});
beforeEach(() => {
  for (const s of [google, meta, yandex, vk]) s.reset();
  waits.length = 0;
});

interface Sum {
  impressions: number;
  clicks: number;
  costMicros: bigint;
  conversions: number;
  videoViews: number;
  rows: number;
}

async function collect(c: Connector, creds: ConnectorCredentials, account: string, range: DateRange = RANGE, onToken?: (t: unknown) => void): Promise<DailyStat[]> {
  const out: DailyStat[] = [];
  for await (const batch of c.fetchDaily(creds, account, range, { onToken })) out.push(...batch);
  return out;
}

function sum(rows: { impressions: number; clicks: number; costMicros: bigint | number; conversions: number; videoViews: number }[]): Sum {
  const t: Sum = { impressions: 0, clicks: 0, costMicros: 0n, conversions: 0, videoViews: 0, rows: rows.length };
  for (const r of rows) {
    t.impressions += r.impressions;
    t.clicks += r.clicks;
    t.costMicros += BigInt(r.costMicros);
    t.conversions += r.conversions;
    t.videoViews += r.videoViews;
  }
  return t;
}

/** Every expected ad-group day once, with its numbers; nothing else. */
function expectExact(rows: DailyStat[], expected: DailyRow[], opts: { videoViews?: boolean; campaigns?: boolean } = {}): void {
  const key = (r: { date: string; adGroupId: string }) => `${r.date}|${r.adGroupId}`;
  const keys = rows.map(key);
  expect(new Set(keys).size).toBe(keys.length); // nothing doubled
  const got = new Map(rows.map((r) => [key(r), r]));
  expect(rows.length).toBe(expected.length); // nothing lost
  for (const e of expected) {
    const r = got.get(key(e));
    expect(r, key(e)).toBeDefined();
    expect({ i: r!.impressions, c: r!.clicks, cost: r!.costMicros, conv: r!.conversions }).toEqual({ i: e.impressions, c: e.clicks, cost: BigInt(e.costMicros), conv: e.conversions });
    if (opts.videoViews !== false) expect(r!.videoViews).toBe(e.videoViews);
    if (opts.campaigns !== false) expect(r!.campaignId).toBe(e.campaignId);
  }
  const t = sum(expected);
  const s = sum(rows);
  if (opts.videoViews === false) s.videoViews = t.videoViews;
  expect(s).toEqual(t);
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a ConnectorError');
}

function statuses(sim: { requests: { status: number }[] }): number[] {
  return sim.requests.map((r) => r.status);
}

// ---------------------------------------------------------------------------------------------

describe('shared parts', () => {
  it('converts decimal amounts to micros exactly', () => {
    expect(decimalToMicros('1234.56')).toBe(1_234_560_000n);
    expect(decimalToMicros('0.1')).toBe(100_000n);
    expect(decimalToMicros('12')).toBe(12_000_000n);
    expect(decimalToMicros('-0.5')).toBe(-500_000n);
    expect(decimalToMicros('0.0000015')).toBe(2n);
    expect(decimalToMicros('--')).toBe(0n);
    expect(decimalToMicros('90071992547409.93')).toBe(90_071_992_547_409_930_000n);
    expect(() => decimalToMicros('1,5')).toThrow();
  });

  it('turns "synced up to D" into the trailing re-read window', () => {
    expect(rereadRange('google_ads', '2025-03-31', { today: TODAY })).toEqual({ from: '2025-03-02', to: TODAY });
    expect(rereadRange('meta', '2025-03-31', { today: TODAY })).toEqual({ from: '2025-03-04', to: TODAY });
    expect(rereadRange('yandex_direct', '2025-03-31', { today: TODAY })).toEqual({ from: '2025-03-25', to: TODAY });
    expect(rereadRange('vk_ads', '2025-03-31', { today: TODAY, windowDays: 3 })).toEqual({ from: '2025-03-29', to: TODAY });
    // A long gap is read from the day after the last synced one.
    expect(rereadRange('yandex_direct', '2025-01-10', { today: TODAY })).toEqual({ from: '2025-01-11', to: TODAY });
    expect(rereadRange('vk_ads', null, { today: TODAY, initialFrom: '2025-01-01' })).toEqual({ from: '2025-01-01', to: TODAY });
    expect(rereadRange('meta', null, { today: TODAY })).toEqual({ from: '2025-03-04', to: TODAY });
  });

  it('has one connector per platform in the registry', () => {
    expect(Object.keys(connectors).sort()).toEqual(['google_ads', 'meta', 'vk_ads', 'yandex_direct']);
    for (const [p, c] of Object.entries(createConnectors())) expect(c.platform).toBe(p);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Google Ads', () => {
  const ACC = '1234567890';
  const creds = (): ConnectorCredentials => ({
    developerToken: 'sandbox-developer-token',
    refreshToken: 'sandbox-google-refresh-token',
    clientId: 'sandbox-client-id.apps.googleusercontent.com',
    clientSecret: 'sandbox-client-secret',
  });
  const make = (over: Partial<ConstructorParameters<typeof GoogleAdsConnector>[0]> = {}) =>
    new GoogleAdsConnector({ ...fast, baseUrl: google.url, tokenUrl: `${google.url}/token`, chunkDays: 7, ...over });

  it('reads a range exactly: every ad-group day once, over several batches and requests', async () => {
    const tokens: unknown[] = [];
    const rows = await collect(make(), creds(), ACC, RANGE, (t) => tokens.push(t));
    expectExact(rows, google.expectedDaily(ACC, RANGE.from, RANGE.to));
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
    expect(rows[0].campaignName).toBeTruthy();
    expect(tokens).toHaveLength(1); // refreshed once, then reused
  });

  it('reads the large account, whose days span several stream batches', async () => {
    const rows = await collect(make({ chunkDays: 31 }), creds(), '3456789012');
    expectExact(rows, google.expectedDaily('3456789012', RANGE.from, RANGE.to));
  });

  it('backs off on RESOURCE_EXHAUSTED, retries 500/503 and cut streams, and stays exact', async () => {
    google.inject({ kind: 'quota', count: 2 });
    google.inject({ kind: 'internal' });
    google.inject({ kind: 'unavailable' });
    google.inject({ kind: 'stream_interrupted' });
    const rows = await collect(make({ retry: { ...fast.retry, attempts: 8 } }), creds(), ACC);
    expectExact(rows, google.expectedDaily(ACC, RANGE.from, RANGE.to));
    expect(statuses(google).filter((s) => s === 429)).toHaveLength(2);
    expect(google.activeFaults()).toEqual([]);
    // Every failed try was followed by a backoff wait.
    expect(waits.length).toBeGreaterThanOrEqual(4);
  });

  it('gives a transient quota error once the tries run out', async () => {
    google.inject({ kind: 'quota', count: 10 });
    const e = await failure(collect(make({ retry: { ...fast.retry, attempts: 3 } }), creds(), ACC));
    expect(e).toMatchObject({ kind: 'quota', permanent: false, status: 429 });
  });

  it('refreshes an expired access token and carries on', async () => {
    const c = make();
    await collect(c, creds(), ACC, { from: '2025-03-30', to: '2025-03-31' });
    google.expireIssuedTokens();
    google.inject({ kind: 'auth_expired' });
    const tokens: unknown[] = [];
    const rows = await collect(c, creds(), ACC, RANGE, (t) => tokens.push(t));
    expectExact(rows, google.expectedDaily(ACC, RANGE.from, RANGE.to));
    expect(tokens.length).toBeGreaterThanOrEqual(1);
  });

  it('classifies credentials and accounts it cannot use as permanent', async () => {
    google.inject({ kind: 'auth_expired' });
    const noRefresh = await failure(collect(make(), { developerToken: 'sandbox-developer-token', accessToken: 'sandbox-google-access-token' }, ACC));
    expect(noRefresh).toMatchObject({ kind: 'auth', permanent: true, status: 401 });
    const revoked = await failure(collect(make(), { ...creds(), refreshToken: 'revoked' }, ACC));
    expect(revoked).toMatchObject({ kind: 'auth', permanent: true });
    const devToken = await failure(make().test({ ...creds(), developerToken: 'wrong' }, ACC));
    expect(devToken).toMatchObject({ kind: 'permission', permanent: true, status: 403 });
    const account = await failure(make().test(creds(), '9999999999'));
    expect(account).toMatchObject({ kind: 'permission', permanent: true });
    await make().test(creds(), ACC);
  });

  it('keeps to its per-account request budget', async () => {
    const c = make({ chunkDays: 1, rateLimit: { limit: 3, windowMs: 300 } });
    const range = { from: '2025-03-24', to: '2025-03-31' }; // 8 requests
    const rows = await collect(c, { developerToken: 'sandbox-developer-token', accessToken: 'sandbox-google-access-token' }, ACC, range);
    expectExact(rows, google.expectedDaily(ACC, range.from, range.to));
    expect(google.requestCount(ACC)).toBe(8);
    expect(google.peakRate(ACC, 300)).toBeLessThanOrEqual(3);
  });

  it('re-reading the trailing window after a revision returns the revised numbers', async () => {
    const c = make({ chunkDays: 31 });
    const window = rereadRange('google_ads', TODAY, { today: TODAY });
    const before = await collect(c, creds(), ACC, window);
    expectExact(before, google.expectedDaily(ACC, window.from, window.to));
    google.revise();
    const after = await collect(c, creds(), ACC, window);
    expectExact(after, google.expectedDaily(ACC, window.from, window.to));
    expect(sum(after)).not.toEqual(sum(before));
  });
});

// ---------------------------------------------------------------------------------------------

describe('Meta', () => {
  const ACC = 'act_100000000000001';
  const ID = '100000000000001';
  const creds: ConnectorCredentials = { accessToken: 'sandbox-meta-token' };
  const make = (over: Partial<ConstructorParameters<typeof MetaConnector>[0]> = {}) =>
    new MetaConnector({ ...fast, baseUrl: meta.url, pageLimit: 17, pollIntervalMs: 1, ...over });

  it('reads the synchronous edge with cursor paging exactly', async () => {
    const c = make({ mode: 'sync' });
    const rows = await collect(c, creds, ACC);
    expectExact(rows, meta.expectedDaily(ID, RANGE.from, RANGE.to));
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
    expect(meta.requests.every((r) => r.method === 'GET' && /\/act_\d+\/insights$/.test(r.path))).toBe(true);
    expect(meta.requestCount(ID)).toBeGreaterThan(2);
  });

  it('reads through an async report run exactly', async () => {
    const rows = await collect(make({ mode: 'async' }), creds, ACC);
    expectExact(rows, meta.expectedDaily(ID, RANGE.from, RANGE.to));
    expect(meta.requests.some((r) => r.method === 'POST')).toBe(true);
    expect(meta.requests.some((r) => /^\/v[\d.]+\/\d+$/.test(r.path))).toBe(true); // status polls
  });

  it('starts a new run when one fails, and reports a run that keeps failing as transient', async () => {
    meta.inject({ kind: 'job_failed' });
    const rows = await collect(make({ mode: 'async' }), creds, ACC);
    expectExact(rows, meta.expectedDaily(ID, RANGE.from, RANGE.to));
    expect(meta.requests.filter((r) => r.method === 'POST')).toHaveLength(2);

    meta.inject({ kind: 'job_failed', count: 3 });
    const e = await failure(collect(make({ mode: 'async', runAttempts: 3 }), creds, ACC));
    expect(e).toMatchObject({ kind: 'report_failed', permanent: false });
  });

  it('waits out throttling codes 17, 613, 4 and HTTP 429 for the time the usage header gives', async () => {
    for (const kind of ['user_limit', 'ad_account_limit', 'app_limit', 'rate_limit']) meta.inject({ kind });
    meta.inject({ kind: 'server_error' });
    const rows = await collect(make({ mode: 'async', retry: { ...fast.retry, attempts: 8 } }), creds, ACC);
    expectExact(rows, meta.expectedDaily(ID, RANGE.from, RANGE.to));
    // estimated_time_to_regain_access is in minutes; each throttled answer was waited out.
    expect(waits.filter((w) => w >= 60_000).length).toBeGreaterThanOrEqual(4);
  });

  it('does not hold a worker for a long throttle: a transient error with retryAfterMs instead', async () => {
    meta.inject({ kind: 'user_limit' });
    const e = await failure(collect(make({ retry: { ...fast.retry, maxServerWaitMs: 1_000 } }), creds, ACC));
    expect(e).toMatchObject({ kind: 'rate_limit', permanent: false, code: '17' });
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it('classifies an expired token and an unknown account as permanent', async () => {
    meta.inject({ kind: 'auth_expired' });
    expect(await failure(collect(make(), creds, ACC))).toMatchObject({ kind: 'auth', permanent: true, code: '190' });
    expect(await failure(make().test({ accessToken: 'bad' }, ACC))).toMatchObject({ kind: 'auth', permanent: true });
    expect(await failure(make().test(creds, 'act_1'))).toMatchObject({ permanent: true });
    await make().test(creds, ACC);
  });

  it('keeps to its per-account request budget', async () => {
    const c = make({ mode: 'sync', pageLimit: 5, rateLimit: { limit: 4, windowMs: 300 } });
    const rows = await collect(c, creds, ACC, { from: '2025-03-28', to: '2025-03-31' });
    expectExact(rows, meta.expectedDaily(ID, '2025-03-28', '2025-03-31'));
    expect(meta.requestCount(ID)).toBeGreaterThan(4);
    expect(meta.peakRate(ID, 300)).toBeLessThanOrEqual(4);
  });

  it('re-reading the trailing window after a revision returns the revised numbers', async () => {
    const c = make({ pageLimit: 500 });
    const window = rereadRange('meta', TODAY, { today: TODAY });
    const before = await collect(c, creds, ACC, window);
    expectExact(before, meta.expectedDaily(ID, window.from, window.to));
    meta.revise();
    const after = await collect(c, creds, ACC, window);
    expectExact(after, meta.expectedDaily(ID, window.from, window.to));
    expect(sum(after)).not.toEqual(sum(before));
  });
});

// ---------------------------------------------------------------------------------------------

describe('Yandex Direct', () => {
  const ACC = 'sandbox-client-1';
  const creds: ConnectorCredentials = { accessToken: 'sandbox-yandex-token' };
  const agency: ConnectorCredentials = { accessToken: 'sandbox-agency-token', agency: true };
  const make = (over: Partial<ConstructorParameters<typeof YandexDirectConnector>[0]> = {}) =>
    new YandexDirectConnector({ ...fast, baseUrl: yandex.url, ...over });

  it('reads a TSV report exactly, money in roubles or in micros', async () => {
    const expected = yandex.expectedDaily(ACC, RANGE.from, RANGE.to);
    const rows = await collect(make(), creds, ACC);
    expectExact(rows, expected);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['RUB']));
    expectExact(await collect(make({ moneyInMicros: true }), creds, ACC), expected);
  });

  it('sends Client-Login for agency accounts', async () => {
    const rows = await collect(make(), agency, 'sandbox-client-2');
    expectExact(rows, yandex.expectedDaily('sandbox-client-2', RANGE.from, RANGE.to));
    expect(await failure(collect(make(), { accessToken: 'sandbox-agency-token' }, 'sandbox-client-2'))).toMatchObject({ kind: 'bad_request', permanent: true });
  });

  it('resends the same request after retryIn while the report is queued or building', async () => {
    yandex.inject({ kind: 'queued', count: 3, retryIn: 7 });
    const rows = await collect(make(), creds, ACC);
    expectExact(rows, yandex.expectedDaily(ACC, RANGE.from, RANGE.to));
    expect(statuses(yandex)).toEqual([201, 202, 202, 200]);
    expect(waits).toEqual([7_000, 7_000, 7_000]);
  });

  it('retries 429, a full queue, 500 and 502, and stays exact', async () => {
    for (const kind of ['rate_limit', 'queue_limit', 'server_error', 'timeout']) yandex.inject({ kind });
    const rows = await collect(make(), creds, ACC);
    expectExact(rows, yandex.expectedDaily(ACC, RANGE.from, RANGE.to));
    expect(statuses(yandex)).toEqual([429, 400, 500, 502, 200]);
    expect(waits[0]).toBe(10_000); // the 429's retryIn
  });

  it('classifies an invalid token and a foreign login as permanent', async () => {
    yandex.inject({ kind: 'auth_expired' });
    expect(await failure(collect(make(), creds, ACC))).toMatchObject({ kind: 'auth', permanent: true, code: '53' });
    expect(await failure(make().test(agency, 'nobody'))).toMatchObject({ kind: 'permission', permanent: true, code: '513' });
    await make().test(creds, ACC);
  });

  it('keeps to 20 requests per 10 s (scaled down: 4 per 500 ms) without a single 429', async () => {
    yandex.setRateLimit({ limit: 4, windowMs: 500 });
    const c = make({ chunkDays: 1, rateLimit: { limit: 4, windowMs: 500 } });
    const range = { from: '2025-03-22', to: '2025-03-31' };
    const rows = await collect(c, creds, ACC, range);
    expectExact(rows, yandex.expectedDaily(ACC, range.from, range.to));
    expect(statuses(yandex).every((s) => s === 200)).toBe(true);
    expect(yandex.requestCount(ACC)).toBe(10);
    expect(yandex.peakRate(ACC, 500)).toBeLessThanOrEqual(4);
    yandex.setRateLimit({ limit: 20, windowMs: 10_000 });
  });

  it('re-reading the trailing window after a revision returns the revised numbers', async () => {
    const c = make();
    const window = rereadRange('yandex_direct', TODAY, { today: TODAY });
    const before = await collect(c, creds, ACC, window);
    expectExact(before, yandex.expectedDaily(ACC, window.from, window.to));
    yandex.revise();
    const after = await collect(c, creds, ACC, window);
    expectExact(after, yandex.expectedDaily(ACC, window.from, window.to));
    expect(sum(after)).not.toEqual(sum(before));
  });
});

// ---------------------------------------------------------------------------------------------

describe('VK Ads', () => {
  const ACC = '900001';
  const creds: ConnectorCredentials = { accessToken: 'sandbox-vk-token-1' };
  const refresh: ConnectorCredentials = { refreshToken: 'sandbox-vk-refresh-1', clientId: 'sandbox-vk-client', clientSecret: 'sandbox-vk-secret' };
  const make = (over: Partial<ConstructorParameters<typeof VkAdsConnector>[0]> = {}) =>
    new VkAdsConnector({ ...fast, baseUrl: vk.url, ...over });
  // metrics=base carries no video views, and the simulator has no campaigns list for ad plans.
  const vkOpts = { videoViews: false, campaigns: false };

  it('reads day.json exactly, spend converted from roubles to micros', async () => {
    const rows = await collect(make(), creds, ACC);
    expectExact(rows, vk.expectedDaily(ACC, RANGE.from, RANGE.to), vkOpts);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['RUB']));
  });

  it('retries 429 and 500 and stays exact', async () => {
    vk.inject({ kind: 'rate_limit', count: 2 });
    vk.inject({ kind: 'server_error' });
    const rows = await collect(make({ resolveAdPlans: false }), creds, ACC);
    expectExact(rows, vk.expectedDaily(ACC, RANGE.from, RANGE.to), vkOpts);
    expect(statuses(vk)).toEqual([429, 429, 500, 200]);
  });

  it('refreshes an expired token when a refresh token is stored, else reports it as permanent', async () => {
    const c = make({ resolveAdPlans: false });
    const tokens: unknown[] = [];
    await collect(c, refresh, ACC, { from: '2025-03-31', to: '2025-03-31' }, (t) => tokens.push(t));
    vk.expireIssuedTokens();
    const rows = await collect(c, refresh, ACC, RANGE, (t) => tokens.push(t));
    expectExact(rows, vk.expectedDaily(ACC, RANGE.from, RANGE.to), vkOpts);
    expect(tokens).toHaveLength(2);

    vk.inject({ kind: 'auth_expired' });
    expect(await failure(collect(c, creds, ACC))).toMatchObject({ kind: 'auth', permanent: true, status: 401 });
    expect(await failure(c.test({ accessToken: 'bad' }, ACC))).toMatchObject({ kind: 'auth', permanent: true });
    expect(await failure(collect(c, { ...refresh, refreshToken: 'revoked' }, ACC))).toMatchObject({ kind: 'auth', permanent: true });
    await c.test(creds, ACC);
  });

  it('keeps to its per-account request budget', async () => {
    const c = make({ chunkDays: 2, resolveAdPlans: false, rateLimit: { limit: 2, windowMs: 200 } });
    const rows = await collect(c, creds, ACC);
    expectExact(rows, vk.expectedDaily(ACC, RANGE.from, RANGE.to), vkOpts);
    expect(vk.requestCount(ACC)).toBe(6);
    expect(vk.peakRate(ACC, 200)).toBeLessThanOrEqual(2);
  });

  it('re-reading the trailing window after a revision returns the revised numbers', async () => {
    const c = make({ resolveAdPlans: false });
    const window = rereadRange('vk_ads', TODAY, { today: TODAY });
    const before = await collect(c, creds, ACC, window);
    expectExact(before, vk.expectedDaily(ACC, window.from, window.to), vkOpts);
    vk.revise();
    const after = await collect(c, creds, ACC, window);
    expectExact(after, vk.expectedDaily(ACC, window.from, window.to), vkOpts);
    expect(sum(after)).not.toEqual(sum(before));
  });
});
