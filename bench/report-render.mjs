// The report renderers on their own, in this process: a plan-vs-actual of 500 lines (BENCH_REPORT_LINES)
// rendered BENCH_REPORT_RUNS times as PDF, XLSX and CSV, after one warm-up each. It shows the median
// time per report and what that means in reports per hour for one process rendering back to back.
// It reports; it does not gate. Needs apps/server built (tsc -b).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/stack.mjs';

import { planVsActualDoc } from './lib/report-doc.mjs';

const { renderReport } = await import(new URL('../apps/server/dist/reports/render/index.js', import.meta.url).href);

const LINES = Number(process.env.BENCH_REPORT_LINES ?? 500);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);
const RESULTS = fileURLToPath(new URL('./results/report-render-latest.json', import.meta.url));
const round = (v) => Math.round(v * 10) / 10;

async function measure(format, doc) {
  const first = await renderReport(doc, format);
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await renderReport(doc, format);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const result = { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), bytes: first.body.length, reportsPerHour: Math.floor(3_600_000 / median) };
  console.log(
    `  ${format.padEnd(5)} median ${String(result.median).padStart(7)} ms   (min ${result.min}, max ${result.max})   ${String(result.reportsPerHour).padStart(8)} reports/hour   ${(result.bytes / 1024).toFixed(0)} KiB`,
  );
  return result;
}

const host = machine();
console.log(`machine: ${host.cpu} · ${host.cores} cores · ${host.memoryGiB} GiB · Node ${host.node} · ${host.platform}`);
console.log(`a plan-vs-actual of ${LINES} lines; each format ${RUNS} times after a warm-up, median shown; one process, one report at a time`);
const doc = planVsActualDoc(LINES);
const results = {};
for (const format of ['pdf', 'xlsx', 'csv']) results[format] = await measure(format, doc);
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(RESULTS, JSON.stringify({ takenAt: new Date().toISOString(), machine: host, lines: LINES, runs: RUNS, results }, null, 2) + '\n');
console.log('written to bench/results/report-render-latest.json');
