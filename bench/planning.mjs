// A media plan of 2,000 line items through the real API: bulk upsert, read with totals, export and
// import. Each step runs several times and is shown by its median; a bare multi-row INSERT of the
// same rows through pg, in the same run, is the yardstick for the write. It reports; it does not gate.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { call, cleanup, cleanupOnSignals, machine, mustSurvive, startStack } from './lib/stack.mjs';

const LINES = Number(process.env.BENCH_LINES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RESULTS = fileURLToPath(new URL('./results/planning-latest.json', import.meta.url));
const TARGETS_MS = { bulkCreate: 1000, bulkUpdate: 1000, getPlan: 150, exportXlsx: 1500, importXlsx: 2000 };

const CHANNELS = [['TV', 'Первый канал'], ['Digital', 'Яндекс'], ['Digital', 'VK Реклама'], ['OOH', 'Gallery'], ['Radio', 'Европа Плюс'], ['Digital', 'Ozon']];

function lineItem(i) {
  const [channel, partner] = CHANNELS[i % CHANNELS.length];
  const month = String((i % 9) + 1).padStart(2, '0');
  return {
    name: `${partner} — размещение ${i + 1}`,
    startDate: `2027-${month}-01`,
    endDate: `2027-${month}-28`,
    channel,
    partner,
    mediaProduct: 'Баннер 240×400',
    adformat: 'Display',
    buyType: 'Programmatic',
    pricingModel: 'cpm',
    rate: '245.5000',
    plannedUnits: String(1_000_000 + i * 1000),
    costTotal: ((245.5 * (1_000_000 + i * 1000)) / 1000).toFixed(2),
    costMedia: ((245.5 * (1_000_000 + i * 1000)) / 1000 * 0.9).toFixed(2),
    metricImpressions: 1_000_000 + i * 1000,
    metricClicks: 2000 + i,
    erid: `Kra${String(i).padStart(6, '0')}`,
  };
}

async function timed(label, runs, fn) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const result = { median: round(sorted[Math.floor((sorted.length - 1) / 2)]), min: round(sorted[0]), max: round(sorted.at(-1)), runs: ms.map(round) };
  console.log(`  ${label.padEnd(44)} median ${String(result.median).padStart(8)} ms   (min ${result.min}, max ${result.max})`);
  return result;
}

const round = (v) => Math.round(v * 10) / 10;

async function raw(base, path, { token, body, type, accept } = {}) {
  const headers = { authorization: `Bearer ${token}` };
  if (type) headers['content-type'] = type;
  if (accept) headers.accept = accept;
  const res = await fetch(base + path, { method: body ? 'POST' : 'GET', headers, body });
  const buf = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${buf.toString('utf8').slice(0, 300)}`);
  return buf;
}

async function main() {
  const host = machine();
  console.log(`machine: ${host.cpu} · ${host.cores} cores · ${host.memoryGiB} GiB · Node ${host.node} · ${host.platform}`);
  console.log(`a plan of ${LINES} line items; each step ${RUNS} times, median shown`);
  console.log('');
  const { api, ownerUrl } = await startStack();
  const base = api.url;
  const reg = await call(base, 'POST', '/api/v1/auth/register', { body: { tenantName: 'Bench Agency', name: 'Planner', email: `bench-${randomUUID()}@example.com`, password: 'bench-password-1' } });
  const token = reg.accessToken;
  const c = await call(base, 'POST', '/api/v1/clients', { token, body: { name: 'ООО «Бенчмарк»' } });
  const p = await call(base, 'POST', '/api/v1/projects', { token, body: { clientId: c.id, name: 'Год 2027', currency: 'RUB' } });
  const plan = await call(base, 'POST', '/api/v1/media-plans', { token, body: { projectId: p.id, name: 'Медиаплан 2027', agencyCommission: '10' } });
  const lines = Array.from({ length: LINES }, (_, i) => lineItem(i));
  const results = {};

  console.log('steps:');
  let current = [];
  results.bulkCreate = await timed(`bulk upsert: create ${LINES} (replacing all)`, RUNS, async () => {
    current = (await call(base, 'POST', `/api/v1/media-plans/${plan.id}/line-items/bulk`, { token, body: { deleteMissing: true, items: lines } })).items;
  });
  results.bulkUpdate = await timed(`bulk upsert: update ${LINES}`, RUNS, async (r) => {
    const items = current.map((l, i) => ({ ...lines[i], id: l.id, version: l.version, costTotal: (Number(lines[i].costTotal) + r + 1).toFixed(2) }));
    current = (await call(base, 'POST', `/api/v1/media-plans/${plan.id}/line-items/bulk`, { token, body: { items } })).items;
  });
  mustSurvive(api);
  results.getPlan = await timed('GET plan with totals', RUNS, () => call(base, 'GET', `/api/v1/media-plans/${plan.id}`, { token }));
  results.getLines = await timed(`GET ${LINES} line items`, RUNS, () => call(base, 'GET', `/api/v1/media-plans/${plan.id}/line-items`, { token }));

  const io = await fetch(`${base}/api/v1/media-plans/${plan.id}/export?format=json`, { headers: { authorization: `Bearer ${token}` } });
  if (io.status !== 404) {
    let xlsx;
    results.exportXlsx = await timed('XLSX export', RUNS, async () => {
      xlsx = await raw(base, `/api/v1/media-plans/${plan.id}/export?format=xlsx`, { token });
    });
    results.exportJson = await timed('JSON export (open standard v3.0)', RUNS, () => raw(base, `/api/v1/media-plans/${plan.id}/export?format=json`, { token }));
    results.importXlsx = await timed('XLSX import (replacing all lines)', RUNS, () =>
      raw(base, `/api/v1/media-plans/${plan.id}/import?mode=replace`, { token, body: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    );
  } else {
    console.log('  (export/import endpoints not present: skipped)');
  }
  mustSurvive(api);

  // Yardstick: the same rows as one multi-row INSERT per 1,000 through pg, no API, no RLS.
  const yard = new pg.Client({ connectionString: ownerUrl });
  await yard.connect();
  await yard.query('create temporary table bench_lines (id uuid, plan_id uuid, position int, name text, start_date date, end_date date, cost_total numeric(18,2), channel text, partner text, rate numeric(18,4), planned_units numeric(20,2), fields jsonb)');
  results.yardstickInsert = await timed(`yardstick: bare INSERT of ${LINES} rows`, RUNS, async () => {
    await yard.query('begin');
    await yard.query('delete from bench_lines');
    for (let i = 0; i < LINES; i += 1000) {
      const chunk = lines.slice(i, i + 1000);
      const values = [];
      const params = [];
      chunk.forEach((l, j) => {
        const o = params.length;
        values.push(`(gen_random_uuid(), $${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, $${o + 9}, $${o + 10}, $${o + 11})`);
        params.push(plan.id, i + j, l.name, l.startDate, l.endDate, l.costTotal, l.channel, l.partner, l.rate, l.plannedUnits, JSON.stringify(l));
      });
      await yard.query(`insert into bench_lines values ${values.join(',')}`, params);
    }
    await yard.query('commit');
  });
  await yard.end();

  console.log('');
  const verdicts = Object.entries(TARGETS_MS)
    .filter(([k]) => results[k])
    .map(([k, target]) => ({ step: k, target, median: results[k].median, holds: results[k].median < target }));
  for (const v of verdicts) console.log(`${v.holds ? 'HOLDS ' : 'MISSED'}  ${v.step} < ${v.target} ms (median ${v.median} ms)`);
  console.log(`bulk create / bare INSERT: ${(results.bulkCreate.median / results.yardstickInsert.median).toFixed(1)}×`);
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({ takenAt: new Date().toISOString(), machine: host, lines: LINES, runs: RUNS, results, verdicts }, null, 2) + '\n');
  console.log(`written to bench/results/planning-latest.json`);
}

cleanupOnSignals();
try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
