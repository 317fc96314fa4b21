import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../dist/analytics/chdb.store.js';
import { arrowHooks } from '../dist/analytics/arrow-columns.js';
import { compactClosedMonths } from '../dist/analytics/compaction.js';
import { DailyStatsColumns, type DailyStatRow } from '../dist/analytics/daily-stats.js';
import { loadMigrations, migrateAnalytics } from '../dist/analytics/migrate.js';
import { InvalidStatRowError, StatsWriter, WriterUnavailableError } from '../dist/analytics/stats-writer.js';
import { DailyStatsRepository, TenantRequiredError } from '../dist/analytics/stats.repository.js';
import { batchRows, type AnalyticsStore } from '../dist/analytics/store.js';

// chDB opens one data folder per process; this file's process owns this one.
const dir = mkdtempSync(join(tmpdir(), 'mrm-analytics-'));
let store: ChdbStore;
let repo: DailyStatsRepository;

beforeAll(async () => {
  store = ChdbStore.open(join(dir, 'analytics'));
  repo = new DailyStatsRepository(store);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function row(tenantId: string, over: Partial<DailyStatRow> = {}): DailyStatRow {
  return {
    tenantId,
    clientId: over.clientId ?? '00000000-0000-4000-8000-000000000001',
    connectionId: '00000000-0000-4000-8000-0000000000c1',
    platform: 'google_ads',
    accountId: '123-456-7890',
    campaignId: 'c1',
    adGroupId: 'g1',
    date: '2026-03-01',
    impressions: 1000,
    clicks: 10,
    costMicros: 2_500_000,
    conversions: 1.25,
    currency: 'RUB',
    ...over,
  };
}

const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10));
const until = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const countRowsIn = async (table: string, tenantId: string) =>
  Number((await store.query<{ n: number }>(`SELECT count() AS n FROM ${table} WHERE tenant_id = {t:UUID}`, { t: tenantId }))[0].n);
const countRows = async (tenantId: string) => Number((await store.query<{ n: number }>('SELECT count() AS n FROM daily_stats WHERE tenant_id = {t:UUID}', { t: tenantId }))[0].n);

/** Fails the next `failures` inserts, then passes through. */
class FlakyStore implements AnalyticsStore {
  readonly kind = 'chdb' as const;
  inserts = 0;
  constructor(
    private readonly inner: AnalyticsStore,
    public failures: number,
  ) {}
  query: AnalyticsStore['query'] = (sql, params) => this.inner.query(sql, params);
  command: AnalyticsStore['command'] = (sql, params) => this.inner.command(sql, params);
  ping = () => this.inner.ping();
  close = async () => undefined;
  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
    this.inserts++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('connection reset (injected)');
    }
    return this.inner.insert(table, rows);
  }
}

describe('analytics migrations on chDB', () => {
  it('apply once, record themselves, and a second run changes nothing', async () => {
    const first = await migrateAnalytics(store);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.name));
    const second = await migrateAnalytics(store);
    expect(second).toEqual({ applied: [], skipped: first.applied.length });
    const ledger = await store.query<{ version: number; name: string }>('SELECT version, name FROM analytics_migrations ORDER BY version');
    expect(ledger.map((m) => m.name)).toEqual(first.applied);
    const [table] = await store.query<{ engine: string; sorting_key: string; partition_key: string }>(
      "SELECT engine, sorting_key, partition_key FROM system.tables WHERE database = currentDatabase() AND name = 'daily_stats'",
    );
    expect(table.engine).toBe('ReplacingMergeTree');
    expect(table.sorting_key.split(', ')[0]).toBe('tenant_id');
    expect(table.sorting_key.split(', ').at(-1)).toBe('date');
    expect(table.partition_key).toBe('toYYYYMM(date)');
  });

  it('the clustered variant is the same tables, replicated and distributed, and parses', async () => {
    const clustered = loadMigrations({ cluster: 'mrm_prod' });
    expect(clustered.map((m) => m.version)).toEqual(loadMigrations().map((m) => m.version));
    const sql = clustered.flatMap((m) => m.statements);
    expect(sql.join('\n')).toMatch(/ON CLUSTER `mrm_prod`/);
    expect(sql.join('\n')).toMatch(/ReplicatedReplacingMergeTree\(ingested_at\)/);
    expect(sql.join('\n')).toMatch(/ENGINE = Distributed\(`mrm_prod`/);
    expect(sql.join('\n')).not.toContain('{{cluster}}');
    for (const statement of sql) {
      const [{ f }] = await store.query<{ f: string }>('SELECT formatQuery({q:String}) AS f', { q: statement });
      expect(f).toMatch(/^CREATE TABLE/);
    }
  });
});

describe('StatsWriter', () => {
  it('flushes when a batch is full, without waiting for the timer', async () => {
    const tenant = randomUUID();
    const writer = new StatsWriter(store, { flushRows: 10, flushMs: 60_000 });
    await writer.write(days('2026-01-01', 9).map((date) => row(tenant, { date })));
    expect(writer.stats.rowsWritten).toBe(0);
    await writer.write([row(tenant, { date: '2026-01-10' })]);
    await until(() => writer.stats.rowsWritten === 10);
    expect(await countRows(tenant)).toBe(10);
    await writer.close();
  });

  it('flushes a partial batch after flushMs', async () => {
    const tenant = randomUUID();
    const writer = new StatsWriter(store, { flushRows: 1000, flushMs: 100 });
    await writer.write([row(tenant), row(tenant, { campaignId: 'c2' })]);
    expect(writer.stats.rowsWaiting).toBe(2);
    await until(() => writer.stats.rowsWritten === 2, 3000);
    expect(await countRows(tenant)).toBe(2);
    await writer.close();
  });

  it('close() writes what waits and then refuses new rows', async () => {
    const tenant = randomUUID();
    const writer = new StatsWriter(store, { flushRows: 1000, flushMs: 60_000 });
    await writer.write(days('2026-02-01', 5).map((date) => row(tenant, { date })));
    await writer.close();
    expect(writer.stats).toMatchObject({ rowsWritten: 5, rowsWaiting: 0 });
    expect(await countRows(tenant)).toBe(5);
    await expect(writer.write([row(tenant)])).rejects.toBeInstanceOf(WriterUnavailableError);
  });

  it('keeps a failed batch and retries it until it is stored, once', async () => {
    const tenant = randomUUID();
    const flaky = new FlakyStore(store, 3);
    const errors: string[] = [];
    const writer = new StatsWriter(flaky, { flushRows: 4, flushMs: 20, retryMinMs: 20, retryMaxMs: 50, onError: (e) => errors.push(e.message) });
    await writer.write(days('2026-04-01', 10).map((date) => row(tenant, { date })));
    await expect(writer.flush()).rejects.toThrow('injected');
    expect(writer.stats.rowsWaiting).toBeGreaterThan(0);
    await until(() => writer.stats.rowsWritten === 10);
    expect(errors.length).toBe(3);
    expect(writer.stats).toMatchObject({ rowsWritten: 10, rowsWaiting: 0, failedFlushes: 3 });
    expect(await countRows(tenant)).toBe(10);
    const totals = await repo.dailyTotals(tenant, { from: '2026-04-01', to: '2026-04-30', grain: 'total' });
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ rows: 10, impressions: 10_000, costMicros: 25_000_000 });
    await writer.close();
  });

  it('close() retries a store that fails for a moment', async () => {
    const tenant = randomUUID();
    const flaky = new FlakyStore(store, 2);
    const writer = new StatsWriter(flaky, { flushRows: 100, flushMs: 60_000, retryMinMs: 10, closeTimeoutMs: 5000 });
    await writer.write([row(tenant), row(tenant, { date: '2026-03-02' })]);
    await writer.close();
    expect(flaky.inserts).toBe(3);
    expect(await countRows(tenant)).toBe(2);
  });

  it('refuses new rows, keeping the old ones, when too many wait for a failing store', async () => {
    const flaky = new FlakyStore(store, Number.POSITIVE_INFINITY);
    const tenant = randomUUID();
    const writer = new StatsWriter(flaky, { flushRows: 5, maxBufferedRows: 8, flushMs: 10, retryMinMs: 10_000 });
    await writer.write(days('2026-05-01', 6).map((date) => row(tenant, { date })));
    await until(() => writer.stats.failedFlushes >= 1);
    await expect(writer.write(days('2026-06-01', 3).map((date) => row(tenant, { date })))).rejects.toBeInstanceOf(WriterUnavailableError);
    expect(writer.stats.rowsWaiting).toBe(6);
    flaky.failures = 0;
    await writer.flush();
    expect(await countRows(tenant)).toBe(6);
    await writer.close();
  });

  it('refuses a bad row at write time, accepting none of the call', async () => {
    const writer = new StatsWriter(store, { flushRows: 10 });
    const tenant = randomUUID();
    const bad = [row(tenant), { ...row(tenant), costMicros: 1.5 }];
    await expect(writer.write(bad)).rejects.toThrow(InvalidStatRowError);
    await expect(writer.write([{ ...row(tenant), tenantId: 'acme' }])).rejects.toThrow(/tenantId/);
    await expect(writer.write([{ ...row(tenant), date: '01.03.2026' }])).rejects.toThrow(/date/);
    // Decimal(18, 4) cannot hold it: refused here rather than failing its whole batch at every retry.
    await expect(writer.write([{ ...row(tenant), conversions: 1e14 }])).rejects.toThrow(/conversions/);
    await expect(writer.write([{ ...row(tenant), conversions: Number.NaN }])).rejects.toThrow(/conversions/);
    expect(writer.stats.rowsWaiting).toBe(0);
    await writer.close();
  });
});

describe('re-reading a window', () => {
  it('replaces the rows of the window: totals are exact and no row is doubled, before and after merges', async () => {
    const tenant = randomUUID();
    const writer = new StatsWriter(store, { flushRows: 10_000, flushMs: 60_000 });
    const window = days('2026-03-01', 30);
    const campaigns = ['c1', 'c2', 'c3'];
    // First read: provisional numbers for 30 days × 3 campaigns.
    await writer.write(window.flatMap((date) => campaigns.map((campaignId) => row(tenant, { date, campaignId, impressions: 100, clicks: 1, costMicros: 1_000_000, conversions: 0.5 }))));
    await writer.flush();
    // Two re-reads of the trailing 10 days with revised numbers; the last one wins.
    for (const impressions of [150, 200]) {
      await writer.write(window.slice(20).flatMap((date) => campaigns.map((campaignId) => row(tenant, { date, campaignId, impressions, clicks: 2, costMicros: 3_000_000, conversions: 1.25 }))));
      await writer.flush();
    }
    await writer.close();
    const expected = { rows: 90, impressions: 60 * 100 + 30 * 200, clicks: 60 * 1 + 30 * 2, costMicros: 60 * 1_000_000 + 30 * 3_000_000, conversions: 60 * 0.5 + 30 * 1.25 };
    const before = await repo.dailyTotals(tenant, { from: '2026-03-01', to: '2026-03-31', grain: 'total' });
    expect(before).toEqual([expect.objectContaining({ ...expected, currency: 'RUB', period: '2026-03-01' })]);
    expect(await countRows(tenant)).toBe(150); // all versions are stored until merges drop the old ones
    const byDay = await repo.dailyTotals(tenant, { from: '2026-03-01', to: '2026-03-31' });
    expect(byDay).toHaveLength(30);
    expect(byDay.at(-1)).toMatchObject({ period: '2026-03-30', impressions: 600, rows: 3 });
    expect(byDay[0]).toMatchObject({ period: '2026-03-01', impressions: 300, rows: 3 });
    await store.command('OPTIMIZE TABLE daily_stats FINAL');
    expect(await countRows(tenant)).toBe(90);
    expect(await repo.dailyTotals(tenant, { from: '2026-03-01', to: '2026-03-31', grain: 'total' })).toEqual(before);
  });

  it('a later read that moves an account to another client moves all of its rows', async () => {
    const tenant = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const writer = new StatsWriter(store, { flushRows: 100, flushMs: 60_000 });
    await writer.write(days('2026-03-01', 3).map((date) => row(tenant, { date, clientId: a })));
    await writer.flush();
    await writer.write(days('2026-03-01', 3).map((date) => row(tenant, { date, clientId: b })));
    await writer.close();
    expect(await repo.dailyTotals(tenant, { from: '2026-03-01', to: '2026-03-31', grain: 'total', clientId: a })).toEqual([]);
    expect((await repo.dailyTotals(tenant, { from: '2026-03-01', to: '2026-03-31', grain: 'total', clientId: b }))[0]).toMatchObject({ rows: 3 });
  });
});

describe('DailyStatsRepository', () => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const clientA1 = randomUUID();
  const clientA2 = randomUUID();

  beforeAll(async () => {
    const writer = new StatsWriter(store, { flushRows: 1000 });
    const dates = days('2026-01-26', 14); // crosses a month and two ISO weeks
    await writer.write([
      ...dates.map((date) => row(tenantA, { date, clientId: clientA1, platform: 'google_ads', campaignId: 'g-1', impressions: 100, costMicros: 1_000_000 })),
      ...dates.map((date) => row(tenantA, { date, clientId: clientA2, platform: 'vk_ads', accountId: 'vk-9', campaignId: 'vk-1', impressions: 50, costMicros: 500_000 })),
      ...dates.map((date) => row(tenantA, { date, clientId: clientA2, platform: 'meta', accountId: 'act_1', campaignId: 'm-1', impressions: 7, costMicros: 1_000, currency: 'USD' })),
      // Tenant B uses the very same platform ids: only the tenant tells them apart.
      ...dates.map((date) => row(tenantB, { date, clientId: clientA1, platform: 'google_ads', campaignId: 'g-1', impressions: 999_999, costMicros: 9_999_999 })),
    ]);
    await writer.close();
  });

  it("a tenant sees only its own rows, even with another tenant's ids", async () => {
    const a = await repo.dailyTotals(tenantA, { from: '2026-01-01', to: '2026-12-31', grain: 'total', groupBy: ['platform'] });
    expect(a.map((r) => [r.platform, r.currency, r.impressions])).toEqual([
      ['google_ads', 'RUB', 1400],
      ['vk_ads', 'RUB', 700],
      ['meta', 'USD', 98],
    ].sort((x, y) => String(x[1]).localeCompare(String(y[1])) || String(x[0]).localeCompare(String(y[0]))));
    const b = await repo.dailyTotals(tenantB, { from: '2026-01-01', to: '2026-12-31', grain: 'total' });
    expect(b).toEqual([expect.objectContaining({ impressions: 14 * 999_999, rows: 14 })]);
    const someoneElse = await repo.dailyTotals(randomUUID(), { from: '2026-01-01', to: '2026-12-31', grain: 'total' });
    expect(someoneElse).toEqual([]);
  });

  it('refuses a read without a tenant', async () => {
    await expect(repo.dailyTotals('', { from: '2026-01-01', to: '2026-12-31' })).rejects.toBeInstanceOf(TenantRequiredError);
    await expect(repo.dailyTotals("x' OR 1=1 --", { from: '2026-01-01', to: '2026-12-31' })).rejects.toBeInstanceOf(TenantRequiredError);
    // @ts-expect-error the tenant is a required argument: a read without one does not compile
    await expect(repo.dailyTotals({ from: '2026-01-01', to: '2026-12-31' })).rejects.toBeInstanceOf(TenantRequiredError);
  });

  it('filters by client and groups by week, month and campaign; currencies never add up', async () => {
    const weeks = await repo.dailyTotals(tenantA, { from: '2026-01-26', to: '2026-02-08', grain: 'week', clientId: clientA1 });
    expect(weeks.map((w) => [w.period, w.impressions, w.rows])).toEqual([
      ['2026-01-26', 700, 7],
      ['2026-02-02', 700, 7],
    ]);
    const months = await repo.dailyTotals(tenantA, { from: '2026-01-01', to: '2026-02-28', grain: 'month', clientId: clientA2, groupBy: ['campaign'] });
    expect(months.map((m) => [m.period, m.currency, m.campaignId, m.impressions])).toEqual([
      ['2026-01-01', 'RUB', 'vk-1', 300],
      ['2026-01-01', 'USD', 'm-1', 42],
      ['2026-02-01', 'RUB', 'vk-1', 400],
      ['2026-02-01', 'USD', 'm-1', 56],
    ]);
    const oneCampaign = await repo.dailyTotals(tenantA, { from: '2026-01-26', to: '2026-01-27', campaignIds: ['g-1'], groupBy: ['client', 'account'] });
    expect(oneCampaign).toEqual([
      expect.objectContaining({ period: '2026-01-26', clientId: clientA1, accountId: '123-456-7890', impressions: 100, costMicros: 1_000_000 }),
      expect.objectContaining({ period: '2026-01-27', clientId: clientA1, accountId: '123-456-7890', impressions: 100, costMicros: 1_000_000 }),
    ]);
  });
});

describe('column batches', () => {
  it('store exactly what the same rows store as JSONEachRow objects', async () => {
    await store.command('CREATE TABLE IF NOT EXISTS daily_stats_json AS daily_stats');
    const tenant = randomUUID();
    const rows: DailyStatRow[] = [
      row(tenant, { campaignId: 'tab\there, newline\nthere, back\\slash', adGroupId: 'Кампания «весна» ₽', conversions: 1.23456 }),
      row(tenant, { date: '2026-03-02', impressions: Number.MAX_SAFE_INTEGER, costMicros: -5, conversions: 0.29, videoViews: 7, revenueMicros: 12_345_678 }),
      row(tenant, { date: '2026-03-03', adGroupId: undefined, conversions: 99_999_999_999_999.98, ingestedAt: new Date('2026-03-04T05:06:07.089Z') }),
    ];
    // The columnar path is taken, not its text fallback: a chDB upgrade that drops it should show here.
    expect(arrowHooks()).not.toBeNull();
    const batch = DailyStatsColumns.empty();
    batch.append(rows, '2026-03-05 00:00:00.001');
    expect(await store.insertColumns('daily_stats', batch)).toBe(3);
    await store.insert('daily_stats_json', batchRows(batch));
    const read = (table: string) =>
      store.query(`SELECT * EXCEPT tenant_id FROM ${table} WHERE tenant_id = {t:UUID} ORDER BY date`, { t: tenant });
    const columnar = await read('daily_stats');
    expect(columnar).toEqual(await read('daily_stats_json'));
    expect(columnar[0]).toMatchObject({ campaign_id: 'tab\there, newline\nthere, back\\slash', ad_group_id: 'Кампания «весна» ₽', conversions: 1.2345 });
    expect(columnar[1]).toMatchObject({ impressions: Number.MAX_SAFE_INTEGER, cost_micros: -5, conversions: 0.29, video_views: 7, revenue_micros: 12_345_678 });
    expect(columnar[2]).toMatchObject({ ad_group_id: '', ingested_at: '2026-03-04 05:06:07.089' });
  });

  it('hand a failed batch back in front of newer rows, in order', () => {
    const tenant = randomUUID();
    const queue = DailyStatsColumns.empty();
    queue.append(days('2026-01-01', 5).map((date) => row(tenant, { date })), 'a');
    const head = queue.takeHead(3);
    queue.append([row(tenant, { date: '2026-02-01' })], 'b');
    queue.putBack(head);
    expect(queue.rows).toBe(3 + 2 + 1);
    expect(batchRows(queue).map((r) => `${r.date}/${r.ingested_at}`)).toEqual(['2026-01-01/a', '2026-01-02/a', '2026-01-03/a', '2026-01-04/a', '2026-01-05/a', '2026-02-01/b']);
  });
});

describe('re-reads across compacted and fresh parts', () => {
  /** The answer by argMax over every stored version: slow, but independent of parts and merges. */
  async function reference(tenantId: string, groupBy: string, clientId?: string) {
    return store.query<{ k: string; impressions: number; cost: number; conversions: number; rows: number }>(
      `SELECT ${groupBy} AS k, sum(i) AS impressions, sum(c) AS cost, toFloat64(sum(cv)) AS conversions, count() AS rows FROM (
         SELECT date, campaign_id, argMax(impressions, ingested_at) AS i, argMax(cost_micros, ingested_at) AS c,
                argMax(conversions, ingested_at) AS cv, argMax(client_id, ingested_at) AS cl
         FROM daily_stats WHERE tenant_id = {t:UUID} GROUP BY platform, account_id, campaign_id, ad_group_id, date)
       ${clientId ? 'WHERE cl = {c:UUID}' : ''}
       GROUP BY k ORDER BY k`,
      clientId ? { t: tenantId, c: clientId } : { t: tenantId },
    );
  }

  it('a re-read straddling a month boundary, over a month already merged to one part, counts each key once', async () => {
    const tenant = randomUUID();
    const [first, moved] = [randomUUID(), randomUUID()];
    const writer = new StatsWriter(store, { flushRows: 100_000, flushMs: 60_000 });
    const campaigns = ['c1', 'c2'];
    const version = (dates: string[], impressions: number, clientId = first) =>
      dates.flatMap((date) => campaigns.map((campaignId) => row(tenant, { date, campaignId, clientId: campaignId === 'c2' ? clientId : first, impressions, costMicros: impressions * 1000, conversions: impressions / 8 })));
    await writer.write(version(days('2026-01-01', 59), 100));
    await writer.flush();
    // January is compacted to a single part holding only the first version.
    await store.command('OPTIMIZE TABLE daily_stats PARTITION 202601 FINAL');
    await writer.write(version(days('2026-01-20', 22), 200));
    await writer.flush();
    // The last read moves c2 to another client, for days on both sides of the month boundary.
    await writer.write(version(days('2026-01-25', 12), 300, moved));
    await writer.close();

    const check = async () => {
      const byMonth = await repo.dailyTotals(tenant, { from: '2026-01-01', to: '2026-02-28', grain: 'month' });
      const refMonth = await reference(tenant, 'toStartOfMonth(date)');
      expect(byMonth.map((r) => [r.period, r.impressions, r.costMicros, r.conversions, r.rows])).toEqual(refMonth.map((r) => [r.k, r.impressions, r.cost, r.conversions, r.rows]));
      // Jan: 19 days × 100 + 5 × 200 + 7 × 300, Feb: 5 × 300 + 5 × 200 + 18 × 100 (per campaign).
      expect(byMonth.map((r) => [r.period, r.impressions, r.rows])).toEqual([
        ['2026-01-01', 2 * (19 * 100 + 5 * 200 + 7 * 300), 62],
        ['2026-02-01', 2 * (5 * 300 + 5 * 200 + 18 * 100), 56],
      ]);
      const byWeek = await repo.dailyTotals(tenant, { from: '2026-01-01', to: '2026-02-28', grain: 'week', groupBy: ['campaign'] });
      expect(byWeek.reduce((n, r) => n + r.rows, 0)).toBe(118);
      const straddling = byWeek.filter((r) => r.period === '2026-01-26');
      expect(straddling.map((r) => [r.campaignId, r.impressions, r.rows])).toEqual([
        ['c1', 7 * 300, 7],
        ['c2', 7 * 300, 7],
      ]);
      const movedTotals = await repo.dailyTotals(tenant, { from: '2026-01-01', to: '2026-02-28', grain: 'total', clientId: moved });
      const refMoved = await reference(tenant, "'all'", moved);
      expect(movedTotals).toEqual([expect.objectContaining({ impressions: 12 * 300, rows: 12 })]);
      expect(movedTotals[0]).toMatchObject({ impressions: refMoved[0].impressions, rows: refMoved[0].rows });
      const firstTotals = await repo.dailyTotals(tenant, { from: '2026-01-01', to: '2026-02-28', grain: 'total', clientId: first });
      expect(firstTotals[0].rows).toBe(118 - 12);
      return { byMonth, byWeek, movedTotals, firstTotals };
    };
    const before = await check();
    expect(await countRows(tenant)).toBe(118 + 44 + 24);
    await store.command('OPTIMIZE TABLE daily_stats FINAL');
    expect(await countRows(tenant)).toBe(118);
    expect(await check()).toEqual(before);
  });
});

describe('compactClosedMonths', () => {
  it('merges closed months to one part each, leaves open ones, and reads give the same answers', async () => {
    await store.command('CREATE TABLE IF NOT EXISTS daily_stats_compact AS daily_stats');
    const tenant = randomUUID();
    const compactRepo = new DailyStatsRepository(store, 'daily_stats_compact');
    const writer = new StatsWriter(store, { table: 'daily_stats_compact', flushRows: 100_000, flushMs: 60_000 });
    for (const impressions of [100, 200, 300]) {
      await writer.write(days('2026-01-15', 40).map((date) => row(tenant, { date, impressions })));
      await writer.flush();
    }
    await writer.close();
    const parts = async () =>
      Object.fromEntries(
        (await store.query<{ p: string; n: number }>("SELECT partition AS p, count() AS n FROM system.parts WHERE database = currentDatabase() AND table = 'daily_stats_compact' AND active GROUP BY p ORDER BY p")).map((r) => [r.p, Number(r.n)]),
      );
    const q = { from: '2026-01-01', to: '2026-02-28', grain: 'month' } as const;
    const before = await compactRepo.dailyTotals(tenant, q);
    expect(before.map((r) => [r.period, r.impressions, r.rows])).toEqual([
      ['2026-01-01', 17 * 300, 17],
      ['2026-02-01', 23 * 300, 23],
    ]);
    expect(await parts()).toEqual({ '202601': 3, '202602': 3 });
    // February has not ended by 2026-02-20: only January is merged.
    expect(await compactClosedMonths(store, '2026-02-20', 'daily_stats_compact')).toEqual(['202601']);
    expect(await parts()).toEqual({ '202601': 1, '202602': 3 });
    expect(await compactRepo.dailyTotals(tenant, q)).toEqual(before);
    expect(await compactClosedMonths(store, '2026-03-01', 'daily_stats_compact')).toEqual(['202602']);
    expect(await compactRepo.dailyTotals(tenant, q)).toEqual(before);
    expect(await countRowsIn('daily_stats_compact', tenant)).toBe(40);
    await expect(compactClosedMonths(store, '01.03.2026')).rejects.toBeInstanceOf(RangeError);
  });
});
