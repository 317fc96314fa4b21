// API throughput and latency against two yardsticks on the same machine. It reports; it does not
// gate: missed targets still exit 0, and only a broken setup or a crashed server exits non-zero.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/proc.mjs';
import { measure } from './lib/load.mjs';
import { call, cleanup, cleanupOnSignals, machine, mustSurvive, POOL_SIZE, ROOT, startStack } from './lib/stack.mjs';

const LIB = fileURLToPath(new URL('./lib/', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/api-latest.json', import.meta.url));

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
// This machine's speed drifts from minute to minute (shared host), so the targets run in alternating
// rounds and each ratio is taken within a round, where the drift hits both sides alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const PROJECTS = 50;

const TARGET_READ_VS_BARE = 0.6;
const TARGET_READ_P95_MS = 25;

async function bench(label, handle, request, warm = true) {
  process.stdout.write(`  ${label} … `);
  const result = await measure({ connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: warm ? WARMUP_S : 0, ...request });
  mustSurvive(handle);
  if (result.ok === 0) throw new Error(`${label}: not one 2xx response (status codes: ${JSON.stringify(result.statusCodes)}); see ${handle.logFile}`);
  console.log(`${result.requestsPerSecond} req/s`);
  return result;
}

function table(rows) {
  const header = ['', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'];
  const body = rows.map(([label, r]) => [
    label,
    r.requestsPerSecond.toFixed(1),
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p95.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    String(r.non2xx),
    String(r.errors + r.timeouts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  const host = machine();
  console.log(`machine: ${host.cpu} · ${host.cores} cores · ${host.memoryGiB} GiB · Node ${host.node} · ${host.platform}`);
  console.log(`load average (1 min) before the run: ${host.loadAverage1m}; the load generator shares these cores with the servers`);
  console.log(`settings: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, then ${ROUNDS} alternating rounds of ${DURATION_S} s per target, pool size ${POOL_SIZE}`);
  console.log('');

  const { api, ownerUrl } = await startStack();

  const tokens = await call(api.url, 'POST', '/api/v1/auth/register', {
    body: { tenantName: 'Bench Agency', name: 'Bench Owner', email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: randomBytes(12).toString('hex') },
  });
  const token = tokens.accessToken;
  const me = await call(api.url, 'GET', '/api/v1/me', { token });
  const client = await call(api.url, 'POST', '/api/v1/clients', { token, body: { name: 'Bench Client' } });
  for (let i = 0; i < PROJECTS; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, PROJECTS - i) }, (_, j) =>
        call(api.url, 'POST', '/api/v1/projects', { token, body: { clientId: client.id, name: `Bench project ${i + j + 1}`, budget: '100000.00', currency: 'RUB' } }),
      ),
    );
  }
  const readPath = `/api/v1/projects?limit=${PROJECTS}`;
  const page = await call(api.url, 'GET', readPath, { token });
  if (page.items.length !== PROJECTS) throw new Error(`GET ${readPath} returned ${page.items.length} rows, expected ${PROJECTS}`);

  const auth = { authorization: `Bearer ${token}` };
  const bare = await startChild('bare-sql', join(LIB, 'bare-sql.mjs'), {
    readyPath: '/projects',
    env: { DATABASE_URL: ownerUrl, TENANT_ID: me.tenantId, POOL_SIZE: String(POOL_SIZE) },
  });
  const barePage = await call(bare.url, 'GET', '/projects');
  if (barePage.items.length !== PROJECTS) throw new Error(`bare SQL returned ${barePage.items.length} rows, expected ${PROJECTS}`);
  const hello = await startChild('hello', join(LIB, 'hello.mjs'), { readyPath: '/' });

  const plan = {
    read: [`read   GET ${readPath}`, api, { url: api.url + readPath, headers: auth }],
    bareSql: ['bare SQL GET /projects', bare, { url: `${bare.url}/projects` }],
    hello: ['hello  GET /', hello, { url: `${hello.url}/` }],
    write: ['write  POST /api/v1/clients', api, { url: `${api.url}/api/v1/clients`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench Load Client', industry: 'retail' }) }],
  };
  const rounds = Object.fromEntries(Object.keys(plan).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    console.log(`round ${r + 1} of ${ROUNDS}:`);
    for (const [key, [label, handle, request]] of Object.entries(plan)) rounds[key].push(await bench(label, handle, request, r === 0));
  }
  await bare.stop();
  await hello.stop();
  await api.stop();

  // Each target is shown by its median round; ratios are medians of the per-round ratios.
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const results = Object.fromEntries(
    Object.entries(rounds).map(([k, rs]) => {
      const m = median(rs.map((x) => x.requestsPerSecond));
      return [k, { ...rs.find((x) => x.requestsPerSecond === m), rounds: rs.map((x) => x.requestsPerSecond) }];
    }),
  );
  const perRound = (a, b) => rounds[a].map((x, i) => x.requestsPerSecond / rounds[b][i].requestsPerSecond);

  const readVsBare = median(perRound('read', 'bareSql'));
  const readVsHello = median(perRound('read', 'hello'));
  const targets = {
    readAtLeast60PercentOfBareSql: { target: `read req/s ≥ ${TARGET_READ_VS_BARE} × bare SQL`, actual: round(readVsBare, 3), holds: readVsBare >= TARGET_READ_VS_BARE },
    readP95Under25ms: { target: `read p95 < ${TARGET_READ_P95_MS} ms at ${CONNECTIONS} connections`, actual: results.read.latencyMs.p95, holds: results.read.latencyMs.p95 < TARGET_READ_P95_MS },
  };

  console.log('');
  console.log(
    table([
      [`read   GET ${readPath}`, results.read],
      ['write  POST /api/v1/clients', results.write],
      ['bare SQL (pg Pool + Fastify)', results.bareSql],
      ['hello (Fastify)', results.hello],
    ]),
  );
  console.log('');
  console.log(`read / bare SQL: ${readVsBare.toFixed(3)}  (per round: ${perRound('read', 'bareSql').map((x) => x.toFixed(3)).join(', ')})`);
  console.log(`read / hello:    ${readVsHello.toFixed(3)}`);
  for (const t of Object.values(targets)) console.log(`${t.holds ? 'HOLDS ' : 'MISSED'}  ${t.target} (actual ${t.actual})`);

  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  const report = {
    takenAt: new Date().toISOString(),
    machine: host,
    settings: { connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S, rounds: ROUNDS, poolSize: POOL_SIZE, projects: PROJECTS },
    results,
    ratios: { readVsBareSql: round(readVsBare, 3), readVsHello: round(readVsHello, 3) },
    targets,
  };
  writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n');
  console.log('');
  console.log(`written to ${RESULTS.slice(ROOT.length)}`);
}

function round(v, digits) {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

cleanupOnSignals();
try {
  await main();
} catch (err) {
  console.error('');
  console.error(`bench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
