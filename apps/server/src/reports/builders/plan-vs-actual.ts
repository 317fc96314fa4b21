// Plan vs actual, as the performance screen shows it: per group (line, channel, partner or
// platform) the budget, what was planned to date, what was spent, pace, forecast and delivery;
// then the same totals per month.
import { fromMinor, toMinor } from '@mrm/planning';
import type { performanceReport } from '../../performance/performance.maths.js';
import type { ReportCell, ReportColumn, ReportDocument, ReportLocale, ReportTable } from '../document.js';
import type { LivePlan } from '../sources.js';
import { WORDS } from '../words.js';
import { heading, period, stem } from './common.js';
import { formatDate } from '../render/format.js';

type Perf = ReturnType<typeof performanceReport>;
type Summary = Perf['totals'];

/** "2026-10-01" → "Октябрь 2026" / "October 2026". */
function monthName(first: string, locale: ReportLocale): string {
  const name = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${first}T00:00:00Z`));
  const bare = name.replace(/\s*г\.$/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

const pct = (p: string | null) => (p === null ? null : Number(p) / 100);

function figures(s: Summary, locale: ReportLocale): Record<string, ReportCell> {
  return {
    budget: s.planned.cost,
    plannedToDate: s.plannedToDate,
    actual: s.matched ? s.actual.cost : null,
    pacing: pct(s.pacing.percent),
    status: WORDS[locale].statuses[s.pacing.status] ?? s.pacing.status,
    forecast: s.forecastAtEnd,
    impressions: s.matched ? s.actual.impressions : null,
    clicks: s.matched ? s.actual.clicks : null,
    cpm: s.matched ? s.actual.cpm : null,
    cpc: s.matched ? s.actual.cpc : null,
  };
}

export function planVsActualReport(src: LivePlan, perf: Perf, locale: ReportLocale, now: Date): ReportDocument {
  const w = WORDS[locale];
  const currency = src.plan.currency;
  const groupLabel = { line_item: w.line, channel: w.channel, partner: w.partner, platform: w.platform }[perf.by];
  const money = (key: string, label: string, width = 1.2): ReportColumn => ({ key, label, kind: 'money', currency, width });
  const columns: ReportColumn[] = [
    { key: 'group', label: groupLabel, kind: 'text', width: 3 },
    money('budget', w.budget),
    money('plannedToDate', w.plannedToDate),
    money('actual', w.actual),
    { key: 'pacing', label: w.pacing, kind: 'percent', width: 0.8 },
    { key: 'status', label: w.status, kind: 'text', width: 1 },
    money('forecast', w.forecast),
    { key: 'impressions', label: w.impressions, kind: 'integer' },
    { key: 'clicks', label: w.clicks, kind: 'integer', width: 0.8 },
    money('cpm', w.cpm, 0.9),
    money('cpc', w.cpc, 0.9),
  ];
  const groups: ReportTable = {
    kind: 'table',
    title: `${w.types['plan-vs-actual']} — ${groupLabel.toLowerCase()}`,
    columns,
    rows: perf.groups.map((g) => ({ group: g.label, ...figures(g, locale) })),
    totals: { ...figures(perf.totals, locale), group: w.total },
  };
  const months = new Map<string, { planned: bigint; actual: bigint | null }>();
  for (const g of perf.groups) {
    for (const p of g.periods) {
      const m = months.get(p.period) ?? { planned: 0n, actual: null };
      m.planned += toMinor(p.planned.cost);
      if (p.actual) m.actual = (m.actual ?? 0n) + toMinor(p.actual.cost);
      months.set(p.period, m);
    }
  }
  const byMonth: ReportTable = {
    kind: 'table',
    title: locale === 'ru' ? 'По месяцам' : 'By month',
    columns: [{ key: 'month', label: locale === 'ru' ? 'Месяц' : 'Month', kind: 'text', width: 1.2 }, money('planned', w.planned), money('actual', w.actual)],
    rows: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month: monthName(month, locale), planned: fromMinor(m.planned), actual: m.actual === null ? null : fromMinor(m.actual) })),
  };
  const notes = [w.amountsNet + '.', ...(perf.groups.some((g) => !g.matched) ? [w.noActuals] : [])];
  return {
    locale,
    title: `${w.types['plan-vs-actual']}: «${src.plan.name}»`,
    subtitle: src.names.client,
    generatedAt: now,
    fileStem: stem(w.types['plan-vs-actual'], src.plan.name, perf.asOf),
    orientation: 'landscape',
    sections: [
      heading(locale, [['client', src.names.client], ['agency', src.names.agency], ['period', period(src.lines, locale)], ['asOf', formatDate(perf.asOf, locale)], ['currency', currency]]),
      groups,
      byMonth,
      { kind: 'text', paragraphs: notes },
    ],
  };
}
