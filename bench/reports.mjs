// Reports per hour from one worker: the real server (api and worker in one process, as the embedded
// mode runs) on a fresh PostgreSQL database makes a 500-line plan-vs-actual report over and over, in
// PDF and in XLSX, with actuals for every line (30 days × 500 campaigns imported through an upload).
// Throughput is measured from the first request to the last report done, queue and storage included.
// The yardstick, measured in the same run, is the renderer alone in this process on the same plan
// size: what the worker would do if reading the plan and the actuals and storing the file were free.
// It reports; it does not gate.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planVsActualDoc } from './lib/report-doc.mjs';
import { call, cleanup, cleanupOnSignals, machine, mustSurvive, startStack } from './lib/stack.mjs';

const LINES = Number(process.env.BENCH_REPORT_LINES ?? 500);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 40);
const DAYS = 30;
const TARGETS = { xlsxPerHour: 3600, pdfPerHour: 1200 };
const RESULTS = fileURLToPath(new URL('./results/reports-latest.json', import.meta.url));
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

cleanupOnSignals();
try {
  // Migrating at start creates the embedded analytics tables too. Production mode wants real keys
  // for sealed credentials; any will do for a run that stores none.
  const { api } = await startStack({ MRM_ROLE: 'all', MRM_MIGRATE_ON_START: 'true', OUTBOX_POLL_MS: '50', IMPORT_LIMIT_BYTES: String(50 * 1024 * 1024), CREDENTIALS_KEYS: `bench:${randomBytes(32).toString('base64')}` });
  const base = api.url;
  const stamp = Date.now();
  const { accessToken: token } = await call(base, 'POST', '/api/v1/auth/register', { body: { tenantName: 'Агентство', name: 'Bench', email: `bench-${stamp}@example.test`, password: 'a long bench passphrase' } });
  const client = await call(base, 'POST', '/api/v1/clients', { token, body: { name: 'ООО «Ромашка»' } });
  const project = await call(base, 'POST', '/api/v1/projects', { token, body: { clientId: client.id, name: 'Весна', currency: 'RUB' } });
  const plan = await call(base, 'POST', '/api/v1/media-plans', { token, body: { projectId: project.id, name: 'План-факт на 500 строк', vatRate: '20', agencyCommission: '10' } });
  const items = Array.from({ length: LINES }, (_, i) => ({
    name: `Строка ${i + 1}: охват и частота`, channel: ['Digital', 'TV', 'Radio', 'OOH'][i % 4], partner: ['Яндекс', 'VK', 'Первый канал', 'Gallery'][i % 4],
    startDate: day(-DAYS), endDate: day(30), costTotal: `${100000 + i * 37}.50`, externalIds: [`cmp-${i}`],
  }));
  await call(base, 'POST', `/api/v1/media-plans/${plan.id}/line-items/bulk`, { token, body: { items } });

  // Actuals for every line: one row per campaign and day, uploaded as a CSV and imported by the worker.
  const rows = ['date,campaign_id,cost,impressions,clicks'];
  for (let i = 0; i < LINES; i++) for (let d = 1; d <= DAYS; d++) rows.push(`${day(-d)},cmp-${i},${(3000 + ((i * d) % 900)).toFixed(2)},${100000 + i * d},${200 + d}`);
  const up = await fetch(`${base}/api/v1/clients/${client.id}/actual-uploads?fileName=actuals.csv&source=bench`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: rows.join('\n') });
  if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${await up.text()}`);
  const upload = await up.json();
  await call(base, 'POST', `/api/v1/clients/${client.id}/actual-uploads/${upload.id}/import`, { token, body: { mapping: { date: 'date', campaign_id: 'campaignId', cost: 'cost', impressions: 'impressions', clicks: 'clicks' }, currency: 'RUB' } });
  for (;;) {
    const u = await call(base, 'GET', `/api/v1/clients/${client.id}/actual-uploads/${upload.id}`, { token });
    if (u.status === 'imported') break;
    if (u.status === 'failed' || u.status === 'invalid') throw new Error(`import ${u.status}: ${JSON.stringify(u.errors).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  async function throughput(format) {
    // One warm-up report, then REPORTS queued at once: the worker takes them at its own pace.
    const warm = await call(base, 'POST', '/api/v1/reports', { token, body: { type: 'plan-vs-actual', format, params: { planId: plan.id } } });
    await waitDone([warm.id]);
    const t0 = performance.now();
    const ids = [];
    for (let i = 0; i < REPORTS; i++) ids.push((await call(base, 'POST', '/api/v1/reports', { token, body: { type: 'plan-vs-actual', format, params: { planId: plan.id } } })).id);
    const sizes = await waitDone(ids);
    const seconds = (performance.now() - t0) / 1000;
    mustSurvive(api);
    return { reports: REPORTS, seconds: round(seconds, 2), perHour: Math.round((REPORTS / seconds) * 3600), medianBytes: sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)] };
  }

  async function waitDone(ids) {
    const sizes = new Map();
    while (sizes.size < ids.length) {
      for (const id of ids) {
        if (sizes.has(id)) continue;
        const r = await call(base, 'GET', `/api/v1/reports/${id}`, { token });
        if (r.status === 'failed') throw new Error(`report ${id} failed: ${r.error}`);
        if (r.status === 'done') sizes.set(id, r.sizeBytes);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return [...sizes.values()];
  }

  const xlsx = await throughput('xlsx');
  const pdf = await throughput('pdf');

  // Yardstick: the renderer alone on a document of the same size, built by the same builder code.
  const { renderReport } = await import(new URL('../apps/server/dist/reports/render/index.js', import.meta.url).href);
  const doc = planVsActualDoc(LINES);
  const renderMs = {};
  for (const format of ['xlsx', 'pdf']) {
    await renderReport(doc, format);
    const t = performance.now();
    for (let i = 0; i < 5; i++) await renderReport(doc, format);
    renderMs[format] = round((performance.now() - t) / 5, 1);
  }

  const result = {
    machine: machine(),
    lines: LINES,
    actualRows: LINES * DAYS,
    targets: TARGETS,
    worker: { xlsx, pdf },
    yardstick: { renderOnlyMsPerReport: renderMs, renderOnlyPerHour: { xlsx: Math.round(3_600_000 / renderMs.xlsx), pdf: Math.round(3_600_000 / renderMs.pdf) } },
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(result, null, 2) + '\n');
  console.log(`machine: ${result.machine.cpu}, ${result.machine.cores} cores, load ${result.machine.loadAverage1m}`);
  console.log(`plan-vs-actual, ${LINES} lines, ${LINES * DAYS} actual rows; ${REPORTS} reports per format from one worker`);
  console.log(`  XLSX  ${xlsx.perHour.toLocaleString('en')} reports/h (${xlsx.seconds} s)   target ≥ ${TARGETS.xlsxPerHour.toLocaleString('en')}   render alone ${renderMs.xlsx} ms = ${result.yardstick.renderOnlyPerHour.xlsx.toLocaleString('en')}/h`);
  console.log(`  PDF   ${pdf.perHour.toLocaleString('en')} reports/h (${pdf.seconds} s)   target ≥ ${TARGETS.pdfPerHour.toLocaleString('en')}   render alone ${renderMs.pdf} ms = ${result.yardstick.renderOnlyPerHour.pdf.toLocaleString('en')}/h`);
  console.log(`written to ${RESULTS}`);
} finally {
  await cleanup();
}
