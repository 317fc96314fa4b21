// The analytics store in embedded mode (chDB in this process): daily stats rows ingested through the
// batched StatsWriter, with chDB's own bulk INSERT … SELECT of the same rows as the yardstick, then a
// plan-vs-actual style read for one tenant (5,000 line items over a year) by p50/p95. It reports; it
// does not gate. BENCH_ANALYTICS_ROWS raises the ingest size (the figure is 10,000,000). Reads are measured
// as loaded (nothing merged) and again after compactClosedMonths, the steady state of a scheduled compaction.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/stack.mjs';

const server = (p) => new URL(`../apps/server/dist/analytics/${p}`, import.meta.url).href;
const { ChdbStore } = await import(server('chdb.store.js'));
const { migrateAnalytics } = await import(server('migrate.js'));
const { StatsWriter } = await import(server('stats-writer.js'));
const { DailyStatsRepository } = await import(server('stats.repository.js'));
const { compactClosedMonths } = await import(server('compaction.js'));

const ROWS = Number(process.env.BENCH_ANALYTICS_ROWS ?? 500_000);
const WRITE_CALL = Number(process.env.BENCH_ANALYTICS_CALL ?? 10_000); // rows a connector hands over per write()
const FLUSH_ROWS = Number(process.env.BENCH_ANALYTICS_FLUSH ?? 100_000);
const LINES = Number(process.env.BENCH_ANALYTICS_LINES ?? 5000);
const DAYS = 365;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGETS = { ingestRowsPerSecond: 500_000, planVsActualP95Ms: 200 };
const RESULTS = fileURLToPath(new URL('./results/analytics-latest.json', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'mrm-bench-analytics-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => (cleanup(), process.exit(130)));

const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const secs = (t) => Number(process.hrtime.bigint() - t) / 1e9;
// CPU time of the whole process (JS and the engine's threads): steadier than wall time on a shared machine.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const TENANTS = Array.from({ length: 50 }, () => randomUUID());
const CLIENTS = Array.from({ length: 5 }, () => randomUUID());
const CONNECTION = randomUUID();
const PLATFORMS = ['google_ads', 'meta', 'yandex_direct', 'vk_ads'];
const day0 = Date.parse('2025-01-01');
const isoDay = (i) => new Date(day0 + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);

/** Row i of the ingest set: 50 tenants, campaigns and ad groups cycling over a year of days. */
function statRow(i) {
  const line = Math.floor(i / DAYS);
  return {
    tenantId: TENANTS[line % TENANTS.length],
    clientId: CLIENTS[line % CLIENTS.length],
    connectionId: CONNECTION,
    platform: PLATFORMS[line % 4],
    accountId: `acc-${line % 97}`,
    campaignId: `cmp-${line % 1000}`,
    adGroupId: `ag-${line}`,
    date: isoDay(i),
    impressions: 1000 + (i % 5000),
    clicks: i % 97,
    costMicros: 1_000_000 + (i % 10_000) * 1000,
    conversions: (i % 7) / 4,
    videoViews: i % 13,
    revenueMicros: 0,
    currency: 'RUB',
  };
}

const store = ChdbStore.open(join(dir, 'analytics'));
await migrateAnalytics(store);
console.log(`analytics benchmark — chDB in-process, ${ROWS.toLocaleString('en')} daily rows; ${machine().cores} cores, ${machine().cpu}`);

// 1. Ingest through the batched writer: the producer builds rows and hands them over WRITE_CALL at a time.
const writer = new StatsWriter(store, { flushRows: FLUSH_ROWS, flushMs: 1000 });
let t = process.hrtime.bigint();
let cpu = cpuNow();
for (let start = 0; start < ROWS; start += WRITE_CALL) {
  const chunk = [];
  for (let i = start; i < Math.min(ROWS, start + WRITE_CALL); i++) chunk.push(statRow(i));
  await writer.write(chunk);
}
await writer.close();
const writerSeconds = secs(t);
const writerCpu = cpuNow() - cpu;
const stored = Number((await store.query('SELECT count() AS n FROM daily_stats'))[0].n);
if (stored !== ROWS) throw new Error(`writer stored ${stored} rows of ${ROWS}`);

// The producer's own share: building the same row objects without writing them.
t = process.hrtime.bigint();
cpu = cpuNow();
let sink = 0;
for (let i = 0; i < ROWS; i++) sink += statRow(i).clicks;
const buildSeconds = secs(t);
const buildCpu = cpuNow() - cpu;

// 2. Yardstick: the same rows generated and inserted by the engine itself.
await store.command('CREATE TABLE daily_stats_bulk AS daily_stats');
t = process.hrtime.bigint();
cpu = cpuNow();
await store.command(`
  INSERT INTO daily_stats_bulk
  SELECT generateUUIDv4(), generateUUIDv4(), generateUUIDv4(), ['google_ads','meta','yandex_direct','vk_ads'][intDiv(number, ${DAYS}) % 4 + 1],
         concat('acc-', toString(intDiv(number, ${DAYS}) % 97)), concat('cmp-', toString(intDiv(number, ${DAYS}) % 1000)), concat('ag-', toString(intDiv(number, ${DAYS}))),
         toDate('2025-01-01') + number % ${DAYS}, 1000 + number % 5000, number % 97, 1000000 + (number % 10000) * 1000, (number % 7) / 4, number % 13, 0, 'RUB', now64(3)
  FROM numbers(${ROWS})`);
const bulkSeconds = secs(t);
const bulkCpu = cpuNow() - cpu;

const ingest = {
  rows: ROWS,
  writer: { seconds: round(writerSeconds, 2), cpuSeconds: round(writerCpu, 2), rowsPerSecond: Math.round(ROWS / writerSeconds), flushRows: FLUSH_ROWS, rowsPerWriteCall: WRITE_CALL },
  producerOnly: { seconds: round(buildSeconds, 2), cpuSeconds: round(buildCpu, 2), rowsPerSecond: Math.round(ROWS / buildSeconds) },
  bulkInsertSelect: { seconds: round(bulkSeconds, 2), cpuSeconds: round(bulkCpu, 2), rowsPerSecond: Math.round(ROWS / bulkSeconds) },
};
console.log(`  ingest through StatsWriter        ${ingest.writer.rowsPerSecond.toLocaleString('en').padStart(11)} rows/s   (${ingest.writer.seconds} s, CPU ${ingest.writer.cpuSeconds} s; batches of ${FLUSH_ROWS.toLocaleString('en')})`);
console.log(`    of which building the rows in JS ${ingest.producerOnly.seconds} s (CPU ${ingest.producerOnly.cpuSeconds} s)`);
console.log(`  yardstick: INSERT … SELECT        ${ingest.bulkInsertSelect.rowsPerSecond.toLocaleString('en').padStart(11)} rows/s   (${ingest.bulkInsertSelect.seconds} s, CPU ${ingest.bulkInsertSelect.cpuSeconds} s)`);
console.log(`  load average during the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// 3. Plan vs actual for one tenant: LINES line items (ad groups) × 365 days, amid the other tenants' rows,
// with the last 30 days re-read twice (so de-duplication has work to do).
const tenant = randomUUID();
t = process.hrtime.bigint();
const tenantRows = (filter, version) => `
  INSERT INTO daily_stats
  SELECT '${tenant}', '${CLIENTS[0]}', '${CONNECTION}', 'google_ads', 'acc-1', concat('cmp-', toString(intDiv(number, ${DAYS}) % 250)),
         concat('ag-', toString(intDiv(number, ${DAYS}))), toDate('2025-01-01') + number % ${DAYS},
         1000 + number % 5000 + ${version}, number % 97, 1000000 + (number % 10000) * 1000, (number % 7) / 4, 0, 0, 'RUB', now64(3) + ${version}
  FROM numbers(${LINES * DAYS}) WHERE ${filter}`;
await store.command(tenantRows('1', 0));
await store.command(tenantRows(`number % ${DAYS} >= ${DAYS - 30}`, 1));
await store.command(tenantRows(`number % ${DAYS} >= ${DAYS - 30}`, 2));
const loadSeconds = secs(t);
const tenantStored = Number((await store.query('SELECT count() AS n FROM daily_stats WHERE tenant_id = {t:UUID}', { t: tenant }))[0].n);

const repo = new DailyStatsRepository(store);
const queries = {
  byLineItem: { from: '2025-01-01', to: '2025-12-31', grain: 'total', groupBy: ['campaign', 'ad_group'] },
  byDay: { from: '2025-01-01', to: '2025-12-31', grain: 'day' },
  byMonthAndClient: { from: '2025-01-01', to: '2025-12-31', grain: 'month', clientId: CLIENTS[0], groupBy: ['platform'] },
  lastQuarterByWeekAndCampaign: { from: '2025-10-01', to: '2025-12-31', grain: 'week', groupBy: ['campaign'] },
};
async function measureReads(label) {
  const reads = {};
  console.log(`  plan vs actual, one tenant: ${LINES.toLocaleString('en')} line items × ${DAYS} days (${tenantStored.toLocaleString('en')} stored rows with re-reads), ${RUNS} runs each — ${label}`);
  for (const [name, q] of Object.entries(queries)) {
    await repo.dailyTotals(tenant, q); // warm
    const ms = [];
    let out = 0;
    for (let r = 0; r < RUNS; r++) {
      const s = process.hrtime.bigint();
      out = (await repo.dailyTotals(tenant, q)).length;
      ms.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    ms.sort((a, b) => a - b);
    reads[name] = { p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), resultRows: out };
    console.log(`    ${name.padEnd(30)} p50 ${String(reads[name].p50).padStart(7)} ms   p95 ${String(reads[name].p95).padStart(7)} ms   (${out} result rows)`);
  }
  return reads;
}
const partsPerMonth = async () => (await store.query("SELECT count() AS n FROM system.parts WHERE database = currentDatabase() AND table = 'daily_stats' AND active GROUP BY partition ORDER BY partition")).map((r) => Number(r.n)).join(' ');
const beforeTotals = await repo.dailyTotals(tenant, queries.byMonthAndClient);
const reads = await measureReads(`as loaded, nothing merged (parts per month: ${await partsPerMonth()})`);
// The steady state: months that ended before the re-read window (the last 30 days) merged to one part each.
t = process.hrtime.bigint();
const compacted = await compactClosedMonths(store, '2025-12-01');
const compactSeconds = secs(t);
const readsCompacted = await measureReads(`after compactClosedMonths of ${compacted.length} closed months in ${round(compactSeconds, 1)} s (parts per month: ${await partsPerMonth()})`);
if (JSON.stringify(await repo.dailyTotals(tenant, queries.byMonthAndClient)) !== JSON.stringify(beforeTotals)) throw new Error('compaction changed an answer');
const expectedLines = await repo.dailyTotals(tenant, queries.byLineItem);
if (expectedLines.length !== LINES || expectedLines.reduce((s, r) => s + r.rows, 0) !== LINES * DAYS) throw new Error('de-duplicated read returned the wrong number of rows');

await store.close();
cleanup();
const result = { at: new Date().toISOString(), machine: machine(), targets: TARGETS, ingest, planVsActual: { lines: LINES, days: DAYS, storedRows: tenantStored, loadSeconds: round(loadSeconds, 2), runs: RUNS, reads, compactedMonths: compacted.length, compactSeconds: round(compactSeconds, 2), readsAfterCompaction: readsCompacted } };
mkdirSync(fileURLToPath(new URL('./results', import.meta.url)), { recursive: true });
writeFileSync(RESULTS, JSON.stringify(result, null, 2) + '\n');
console.log(`  results in bench/results/analytics-latest.json${sink < 0 ? '' : ''}`);
