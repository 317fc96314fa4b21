'use client';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compactMoney, dayMonth, money } from '@/lib/format';
import type { CumulativePoint, PeriodSpend } from './series';

const PLANNED = '#7c8a9c';
const PLANNED_BAR = '#a8c7fa';
const ACTUAL = '#0b57d0';

export interface ChartLabels {
  cumulative: string;
  perPeriod: string;
  planned: string;
  actual: string;
  forecast: string;
  asOf: string;
}

const shortDay = (at: number, locale: string) => dayMonth(new Date(at).toISOString().slice(0, 10), locale);

/** At most about eight labels under an axis, whatever the number of periods. */
function thin<T>(items: readonly T[]): T[] {
  const step = Math.max(1, Math.ceil(items.length / 8));
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

/**
 * The cumulative line (is the plan being spent at the planned pace?) and planned against actual
 * per period. Drawn for sighted readers only: the same numbers are in the table under them.
 */
export default function PerformanceCharts(props: {
  periods: PeriodSpend[];
  periodLabels: string[];
  /** Shorter names for under the bars: a day or a week's first day without the year. */
  axisLabels: string[];
  points: CumulativePoint[];
  asOf: string;
  locale: string;
  currency: string;
  labels: ChartLabels;
}) {
  const { periods, periodLabels, axisLabels, points, asOf, locale, currency, labels } = props;
  const tick = (v: number) => compactMoney(v, currency, locale);
  const exact = (v: unknown) => money(typeof v === 'number' ? v.toFixed(2) : String(v), currency, locale);
  const cut = Date.parse(`${asOf}T00:00:00Z`) + 86_400_000;
  const bars = periods.map((p, i) => ({ label: periodLabels[i], axis: axisLabels[i], planned: Number(p.planned), actual: p.actual === null ? null : Number(p.actual) }));
  const margin = { top: 8, right: 16, bottom: 8, left: 8 };
  return (
    <div className="perf-charts" aria-hidden="true">
      <div>
        <h4>{labels.cumulative}</h4>
        <div className="perf-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={margin} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} ticks={thin(points.map((p) => p.at))} tickFormatter={(v: number) => shortDay(v, locale)} />
              <YAxis tickFormatter={tick} width={88} />
              <Tooltip labelFormatter={(v) => shortDay(Number(v), locale)} formatter={(v) => exact(v)} />
              <Legend itemSorter={null} />
              <ReferenceLine x={cut} stroke="#5b6675" strokeDasharray="2 2" label={{ value: labels.asOf, position: 'insideTopLeft', fontSize: 12, fill: '#5b6675' }} />
              <Line dataKey="planned" name={labels.planned} stroke={PLANNED} strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line dataKey="actual" name={labels.actual} stroke={ACTUAL} strokeWidth={3} dot={false} isAnimationActive={false} />
              <Line dataKey="forecast" name={labels.forecast} stroke={ACTUAL} strokeWidth={2} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <h4>{labels.perPeriod}</h4>
        <div className="perf-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bars} margin={margin} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="axis" ticks={thin(bars.map((b) => b.axis))} />
              <YAxis tickFormatter={tick} width={88} />
              <Tooltip labelFormatter={(_, items) => (items?.[0]?.payload as { label?: string } | undefined)?.label ?? ''} formatter={(v) => exact(v)} cursor={{ fill: '#e8f0fe' }} />
              <Legend itemSorter={null} />
              <Bar dataKey="planned" name={labels.planned} fill={PLANNED_BAR} isAnimationActive={false} maxBarSize={32} />
              <Bar dataKey="actual" name={labels.actual} fill={ACTUAL} isAnimationActive={false} maxBarSize={32} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
