// The report renderers on their own, in this process: a plan-vs-actual of 500 lines (BENCH_REPORT_LINES)
// rendered BENCH_REPORT_RUNS times as PDF, XLSX and CSV, after one warm-up each. It shows the median
// time per report and what that means in reports per hour for one process rendering back to back.
// It reports; it does not gate. Needs apps/server built (tsc -b).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/stack.mjs';

const { renderReport } = await import(new URL('../apps/server/dist/reports/render/index.js', import.meta.url).href);

const LINES = Number(process.env.BENCH_REPORT_LINES ?? 500);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);
const RESULTS = fileURLToPath(new URL('./results/report-render-latest.json', import.meta.url));
const PARTNERS = ['Яндекс Директ', 'VK Реклама', 'Первый канал', 'Европа Плюс', 'Ozon', 'Gallery', 'Ёлка «Медиа»'];
const CHANNELS = ['Digital', 'TV', 'Radio', 'OOH'];

const kopecks = (k) => `${k / 100n}.${String(k % 100n).padStart(2, '0')}`;
const signed = (k) => (k < 0n ? `-${kopecks(-k)}` : kopecks(k));

function planVsActual(lines) {
  let plan = 0n;
  let fact = 0n;
  let imps = 0;
  const rows = Array.from({ length: lines }, (_, i) => {
    const p = 150_000_00n + BigInt((i * 7_919_37) % 900_000_000) + BigInt(i % 100);
    const f = (p * BigInt(80 + ((i * 13) % 35))) / 100n;
    const month = String((i % 9) + 1).padStart(2, '0');
    plan += p;
    fact += f;
    imps += 1_000_000 + i * 12_345;
    return {
      n: i + 1,
      channel: CHANNELS[i % CHANNELS.length],
      partner: `${PARTNERS[i % PARTNERS.length]} — размещение ${i + 1}`,
      start: `2026-${month}-01`,
      end: `2026-${month}-28`,
      plan: kopecks(p),
      fact: kopecks(f),
      delta: signed(f - p),
      rate: Number(f) / Number(p),
      imps: 1_000_000 + i * 12_345,
    };
  });
  const money = (key, label) => ({ key, label, kind: 'money', currency: 'RUB', width: 1.4 });
  return {
    locale: 'ru',
    title: 'План-факт — «Весна 2026»',
    subtitle: 'Клиент: АО «Ёлка и Ко»',
    generatedAt: new Date(),
    fileStem: 'План-факт — Весна 2026',
    orientation: 'landscape',
    sections: [
      { kind: 'facts', items: [{ label: 'Клиент', value: 'АО «Ёлка и Ко»' }, { label: 'Период', value: '01.01.2026–30.09.2026' }] },
      {
        kind: 'table',
        title: 'План-факт по размещениям',
        columns: [
          { key: 'n', label: '№', kind: 'integer', width: 0.5 },
          { key: 'channel', label: 'Канал', kind: 'text', width: 1 },
          { key: 'partner', label: 'Площадка', kind: 'text', width: 2.2 },
          { key: 'start', label: 'Начало', kind: 'date', width: 1 },
          { key: 'end', label: 'Окончание', kind: 'date', width: 1 },
          money('plan', 'План'),
          money('fact', 'Факт'),
          money('delta', 'Отклонение'),
          { key: 'rate', label: 'Исполнение', kind: 'percent', width: 0.9 },
          { key: 'imps', label: 'Показы', kind: 'integer', width: 1.2 },
        ],
        rows,
        totals: { channel: 'Итого', plan: kopecks(plan), fact: kopecks(fact), delta: signed(fact - plan), rate: Number(fact) / Number(plan), imps },
      },
    ],
  };
}

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
const doc = planVsActual(LINES);
const results = {};
for (const format of ['pdf', 'xlsx', 'csv']) results[format] = await measure(format, doc);
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(RESULTS, JSON.stringify({ takenAt: new Date().toISOString(), machine: host, lines: LINES, runs: RUNS, results }, null, 2) + '\n');
console.log('written to bench/results/report-render-latest.json');
