'use client';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { amount, count, currencySign, percent } from '@/lib/format';
import type { By } from './query';
import type { Group, Slim } from './series';

/** The API names groups without a channel or partner "(none)", and lines with no platform rows yet "(no actuals)". */
export function useGroupLabel(by: By) {
  const t = useTranslations('performance');
  const platforms = useTranslations('connections.platforms');
  return (g: Pick<Group, 'key' | 'label'>) => {
    if (g.key === '(none)') return t('none');
    if (g.key === '(no actuals)') return t('noPlatform');
    if (by === 'platform') return g.key.split(', ').map((p) => (platforms.has(p) ? platforms(p) : p)).join(', ');
    return g.label;
  };
}

/**
 * One row per group and the plan's total (amounts in the plan's currency, named once in the
 * headers: twelve columns with a currency in every cell do not fit a laptop): planned, delivered, pacing, forecast, delivery counts
 * (planned under the actual when the plan has them) and the rates paid. A group's name is a
 * button that shows its own chart above.
 */
export function PerformanceTable({ data, selected, select, locale }: { data: Slim; selected: string | null; select: (key: string) => void; locale: string }) {
  const t = useTranslations('performance');
  const label = useGroupLabel(data.by);
  const m = (v: string | null | undefined) => amount(v, locale);
  const sign = currencySign(data.currency, locale);
  const n = (actual: number, planned: number) => (
    <>
      {count(actual, locale)}
      {planned > 0 ? <div className="muted small">{t('ofPlanned', { n: count(Math.round(planned), locale) })}</div> : null}
    </>
  );
  const row = (g: Omit<Group, 'key' | 'label' | 'periods'>, head: ReactNode, key: string, extra?: string) => (
    <tr key={key} className={extra} data-key={key}>
      {head}
      <td className="num">{m(g.plannedToDate)}</td>
      <td className="num">{m(g.actual.cost)}</td>
      <td><span className={`badge pace-${g.pacing.status}`}>{percent(g.pacing.percent, locale)} · {t(`status.${g.pacing.status}`)}</span></td>
      <td className="num">{m(g.forecastAtEnd)}</td>
      <td className="num">{m(g.planned.cost)}</td>
      <td className="num">{n(g.actual.impressions, g.planned.impressions)}</td>
      <td className="num">{n(g.actual.clicks, g.planned.clicks)}</td>
      <td className="num">{n(g.actual.conversions, g.planned.conversions)}</td>
      <td className="num">{g.actual.cpm == null ? '—' : m(g.actual.cpm)}</td>
      <td className="num">{g.actual.cpc == null ? '—' : m(g.actual.cpc)}</td>
      <td className="num">{g.actual.cpa == null ? '—' : m(g.actual.cpa)}</td>
    </tr>
  );
  return (
    <table data-testid="performance" className="perf-table">
      <caption className="sr-only">{t('tableCaption', { by: t(`by.${data.by}`) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`byColumn.${data.by}`)}</th>
          <th scope="col" className="num">{t('plannedToDate')}, {sign}</th>
          <th scope="col" className="num">{t('actual')}, {sign}</th>
          <th scope="col">{t('pacing')}</th>
          <th scope="col" className="num">{t('forecast')}, {sign}</th>
          <th scope="col" className="num">{t('planned')}, {sign}</th>
          <th scope="col" className="num">{t('impressions')}</th>
          <th scope="col" className="num">{t('clicks')}</th>
          <th scope="col" className="num">{t('conversions')}</th>
          <th scope="col" className="num">CPM{', '}{sign}</th>
          <th scope="col" className="num">CPC{', '}{sign}</th>
          <th scope="col" className="num">{t('cpa')}, {sign}</th>
        </tr>
      </thead>
      <tbody>
        {data.groups.map((g) =>
          row(
            g,
            <th scope="row">
              <button type="button" className="link" aria-pressed={g.key === selected} onClick={() => select(g.key)}>{label(g)}</button>
              {!g.matched ? <div className="muted small">{t('noCampaigns')}</div> : g.note ? <div className="muted small">{t('partlyMatched')}</div> : null}
            </th>,
            g.key,
            g.key === selected ? 'selected' : undefined,
          ),
        )}
        {row(data.totals, <th scope="row">{t('total')}</th>, '(total)', 'total')}
      </tbody>
    </table>
  );
}
