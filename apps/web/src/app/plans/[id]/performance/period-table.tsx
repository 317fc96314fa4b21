'use client';
import { useTranslations } from 'next-intl';
import { day, money, month } from '@/lib/format';
import type { Grain } from './query';
import type { PeriodSpend } from './series';

/** Periods are named by their first day; a week reads "week of 2 Mar", a month by its name. */
export function usePeriodLabel(grain: Grain, locale: string) {
  const t = useTranslations('performance');
  return (period: string) => (grain === 'month' ? month(period.slice(0, 7), locale) : grain === 'week' ? t('weekOf', { date: day(period, locale) }) : day(period, locale));
}

/** The charts' numbers, period by period, with the running totals the cumulative line draws. */
export function PeriodTable({ periods, labels, currency, locale, caption }: { periods: PeriodSpend[]; labels: string[]; currency: string; locale: string; caption: string }) {
  const t = useTranslations('performance');
  const m = (v: string | null) => money(v, currency, locale);
  let planned = 0;
  let actual = 0;
  return (
    <details className="perf-periods">
      <summary>{t('asTable')}</summary>
      <table data-testid="performance-periods">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('period')}</th>
            <th scope="col" className="num">{t('chartPlanned')}</th>
            <th scope="col" className="num">{t('chartActual')}</th>
            <th scope="col" className="num">{t('plannedRunning')}</th>
            <th scope="col" className="num">{t('actualRunning')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => {
            // Running sums in kopecks: floats would drift by the end of a long flight.
            planned += Math.round(Number(p.planned) * 100);
            if (p.actual !== null) actual += Math.round(Number(p.actual) * 100);
            return (
              <tr key={p.period}>
                <th scope="row">{labels[i]}</th>
                <td className="num">{m(p.planned)}</td>
                <td className="num">{m(p.actual)}</td>
                <td className="num">{m((planned / 100).toFixed(2))}</td>
                <td className="num">{p.actual === null ? '—' : m((actual / 100).toFixed(2))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
