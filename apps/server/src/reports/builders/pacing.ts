// Pacing of every line as of a day: planned to date against spent, how far off, and where each
// line will end at its current pace. Lines furthest off pace come first.
import type { performanceReport } from '../../performance/performance.maths.js';
import type { ReportDocument, ReportLocale } from '../document.js';
import type { LivePlan } from '../sources.js';
import { WORDS } from '../words.js';
import { heading, period, stem } from './common.js';
import { formatDate } from '../render/format.js';

type Perf = ReturnType<typeof performanceReport>;

export function pacingReport(src: LivePlan, perf: Perf, locale: ReportLocale, now: Date): ReportDocument {
  const w = WORDS[locale];
  const currency = src.plan.currency;
  const dates = new Map(src.lines.map((l) => [l.id, l]));
  const off = (p: string | null) => (p === null ? -1 : Math.abs(Number(p) - 100));
  const groups = [...perf.groups].sort((a, b) => off(b.pacing.percent) - off(a.pacing.percent));
  return {
    locale,
    title: `${w.types.pacing}: «${src.plan.name}»`,
    subtitle: src.names.client,
    generatedAt: now,
    fileStem: stem(w.types.pacing, src.plan.name, perf.asOf),
    orientation: 'landscape',
    sections: [
      heading(locale, [['client', src.names.client], ['period', period(src.lines, locale)], ['asOf', formatDate(perf.asOf, locale)], ['currency', currency]]),
      {
        kind: 'table',
        title: w.types.pacing,
        columns: [
          { key: 'line', label: w.line, kind: 'text', width: 3 },
          { key: 'start', label: w.start, kind: 'date' },
          { key: 'end', label: w.end, kind: 'date' },
          { key: 'budget', label: w.budget, kind: 'money', currency, width: 1.2 },
          { key: 'plannedToDate', label: w.plannedToDate, kind: 'money', currency, width: 1.2 },
          { key: 'actual', label: w.actual, kind: 'money', currency, width: 1.2 },
          { key: 'pacing', label: w.pacing, kind: 'percent', width: 0.8 },
          { key: 'status', label: w.status, kind: 'text', width: 1 },
          { key: 'forecast', label: w.forecast, kind: 'money', currency, width: 1.2 },
        ],
        rows: groups.map((g) => {
          const line = dates.get(g.key);
          return {
            line: g.label, start: line?.startDate ?? null, end: line?.endDate ?? null, budget: g.planned.cost, plannedToDate: g.plannedToDate,
            actual: g.matched ? g.actual.cost : null, pacing: g.pacing.percent === null ? null : Number(g.pacing.percent) / 100,
            status: w.statuses[g.pacing.status] ?? g.pacing.status, forecast: g.forecastAtEnd,
          };
        }),
        totals: {
          line: w.total, budget: perf.totals.planned.cost, plannedToDate: perf.totals.plannedToDate, actual: perf.totals.matched ? perf.totals.actual.cost : null,
          pacing: perf.totals.pacing.percent === null ? null : Number(perf.totals.pacing.percent) / 100, status: w.statuses[perf.totals.pacing.status], forecast: perf.totals.forecastAtEnd,
        },
      },
      { kind: 'text', paragraphs: [w.amountsNet + '.', ...(perf.groups.some((g) => !g.matched) ? [w.noActuals] : [])] },
    ],
  };
}
