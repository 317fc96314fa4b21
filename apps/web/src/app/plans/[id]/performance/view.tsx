'use client';
import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { dayMonth, money, percent } from '@/lib/format';
import { GRAINS, GROUPINGS, readView, withView, type View } from './query';
import { cumulative, type Slim } from './series';
import { Empty } from './empty';
import { PerformanceTable, useGroupLabel } from './table';
import { PeriodTable, usePeriodLabel } from './period-table';
import '@/components/charts.css';
import './performance.css';

// recharts is the bulk of this section's code: it loads in its own chunk after the page is up,
// and only for plans that have something to draw, so the editor above never waits for it.
const Charts = dynamic(() => import('./charts'), { ssr: false, loading: () => <div className="perf-charts-space" /> });

/**
 * Delivery against plan with its switches: grain and breakdown live in the page's query string
 * (a copied link opens the same view, back and forward step through views); switching fetches
 * the figures alone, not the whole plan page.
 */
export function PerformanceView({ planId, initial }: { planId: string; initial: Slim | null }) {
  const t = useTranslations('performance');
  const locale = useLocale();
  // The switches answer at once from local state; the address follows, and a change of address
  // (back, forward) is read back into the state.
  const params = useSearchParams();
  const address = params.toString();
  const [seen, setSeen] = useState(address);
  const [view, setView] = useState(() => readView((k) => params.get(k)));
  if (address !== seen) {
    setSeen(address);
    setView(readView((k) => params.get(k)));
  }
  const [data, setData] = useState(initial);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // The whole plan's periods always come along; a row's only when asked for.
  const current = data !== null && data.grain === view.grain && data.by === view.by && (view.row === null || data.row === view.row);

  useEffect(() => {
    if (current) return;
    const ctrl = new AbortController();
    setFailed(false);
    const query = new URLSearchParams({ grain: view.grain, by: view.by, ...(view.row === null ? {} : { row: view.row }) });
    fetch(`/plans/${encodeURIComponent(planId)}/performance?${query}`, { signal: ctrl.signal })
      .then((res) => (res.ok ? (res.json() as Promise<Slim>) : Promise.reject(new Error(String(res.status)))))
      .then(setData)
      .catch(() => {
        if (!ctrl.signal.aborted) setFailed(true);
      });
    return () => ctrl.abort();
  }, [current, planId, view.grain, view.by, view.row, attempt]);

  const go = (next: View) => {
    setView(next);
    window.history.pushState(null, '', `${window.location.pathname}${withView(window.location.search, next)}#performance`);
  };

  const heading = <h2 id="performance-title">{t('title')}</h2>;
  const problem = failed ? (
    <p role="alert" className="error">
      {t('failed')} <button type="button" className="link" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</button>
    </p>
  ) : null;
  if (data === null) {
    return (
      <section className="card perf" id="performance" aria-labelledby="performance-title" aria-busy={!failed}>
        {heading}
        {problem ?? <p role="status">{t('loading')}</p>}
      </section>
    );
  }
  if (!data.groups.some((g) => g.matched)) {
    return <Empty title={t('title')} text={t('empty')} hint={t('emptyHint')} />;
  }
  return <Loaded data={data} view={view} go={go} loading={!current && !failed} problem={problem} locale={locale} />;
}

function Loaded({ data, view, go, loading, problem, locale }: { data: Slim; view: View; go: (v: View) => void; loading: boolean; problem: ReactNode; locale: string }) {
  const t = useTranslations('performance');
  const groupLabel = useGroupLabel(data.by);
  const periodLabel = usePeriodLabel(data.grain, locale);
  const m = (v: string | null | undefined) => money(v, data.currency, locale);
  // Drawn from the figures at hand: while another row loads, the chart and its numbers stay together.
  const shown = view.row === null ? null : data.row;
  const selected = shown === null ? null : (data.groups.find((g) => g.key === shown) ?? null);
  const figures = selected ?? data.totals;
  const periods = selected ? (data.rowPeriods ?? []) : data.planPeriods;
  const points = cumulative(periods, data.grain, data.asOf, figures);
  const labels = periods.map((p) => periodLabel(p.period));
  const axisLabels = periods.map((p, i) => (data.grain === 'month' ? labels[i] : dayMonth(p.period, locale)));
  const title = selected ? t('chartOf', { name: groupLabel(selected) }) : t('chartOfPlan');
  const others = data.totals.otherCurrencies;
  const nothingYet = data.totals.actual.cost === '0.00' && data.totals.actual.impressions === 0;

  return (
    <section className="card perf" id="performance" aria-labelledby="performance-title" aria-busy={loading}>
      <h2 id="performance-title">{t('title')}</h2>
      <p className="muted small" data-testid="performance-basis">
        {t('basis', { commission: percent(data.agencyCommissionPercent, locale), vat: percent(data.vatPercent, locale) })}{' '}
        {t('asOf', { date: new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${data.asOf}T00:00:00Z`)) })}{' '}
        {t('threshold', { threshold: percent(data.alertThresholdPercent, locale) })}
      </p>
      {nothingYet ? <p className="muted small">{t('noDeliveryYet')}</p> : null}
      {others.length ? <p className="muted small">{t('otherCurrencies', { list: others.map((o) => money(o.cost, o.currency, locale)).join(', ') })}</p> : null}

      <div className="perf-switches">
        <fieldset>
          <legend>{t('grainLegend')}</legend>
          {GRAINS.map((g) => (
            <label key={g}>
              <input type="radio" name="perf-grain" value={g} checked={view.grain === g} onChange={() => go({ ...view, grain: g })} />
              <span>{t(`grain.${g}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('byLegend')}</legend>
          {GROUPINGS.map((b) => (
            <label key={b}>
              <input type="radio" name="perf-by" value={b} checked={view.by === b} onChange={() => go({ grain: view.grain, by: b, row: null })} />
              <span>{t(`by.${b}`)}</span>
            </label>
          ))}
        </fieldset>
        <p role="status" className="muted small">{loading ? t('updating') : ''}</p>
      </div>
      {problem}

      <div className={loading ? 'perf-body stale' : 'perf-body'}>
        <figure className="chart perf-figure" aria-labelledby="perf-chart-title" data-testid="performance-chart">
          <h3 id="perf-chart-title">
            {title}
            {selected ? <> <button type="button" className="link small" onClick={() => go({ ...view, row: null })}>{t('wholePlan')}</button></> : null}
          </h3>
          <dl className="figures perf-figures">
            <div><dt>{t('planned')}</dt><dd data-testid="fig-planned">{m(figures.planned.cost)}<small>{t('gross', { amount: m(figures.gross.planned.grossIncVat) })}</small></dd></div>
            <div><dt>{t('plannedToDate')}</dt><dd data-testid="fig-planned-to-date">{m(figures.plannedToDate)}</dd></div>
            <div><dt>{t('actual')}</dt><dd data-testid="fig-actual">{m(figures.actual.cost)}<small>{t('gross', { amount: m(figures.gross.actual.grossIncVat) })}</small></dd></div>
            <div><dt>{t('pacing')}</dt><dd><span className={`badge pace-${figures.pacing.status}`} data-testid="fig-pacing">{percent(figures.pacing.percent, locale)} · {t(`status.${figures.pacing.status}`)}</span></dd></div>
            <div><dt>{t('forecast')}</dt><dd data-testid="fig-forecast">{m(figures.forecastAtEnd)}</dd></div>
          </dl>
          {periods.length ? (
            <Charts
              periods={periods}
              periodLabels={labels}
              axisLabels={axisLabels}
              points={points}
              asOf={data.asOf}
              locale={locale}
              currency={data.currency}
              labels={{ cumulative: t('cumulativeTitle'), perPeriod: t('perPeriodTitle'), planned: t('chartPlanned'), actual: t('chartActual'), forecast: t('chartForecast'), asOf: t('today') }}
            />
          ) : null}
          <figcaption className="muted small">{t('howToRead')}</figcaption>
          <PeriodTable periods={periods} labels={labels} currency={data.currency} locale={locale} caption={title} />
        </figure>

        <PerformanceTable data={data} selected={selected?.key ?? null} select={(key) => go({ ...view, row: key === selected?.key ? null : key })} locale={locale} />
      </div>
    </section>
  );
}
