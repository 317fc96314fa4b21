import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { money, percent } from '@/lib/format';

/**
 * Delivery against plan for each line matched to platform campaigns: planned to date, actual,
 * pacing and the forecast at the end of the flight (net amounts; the API states the rules).
 */
export async function Performance({ planId, currency }: { planId: string; currency: string }) {
  const t = await getTranslations('performance');
  const locale = await getLocale();
  const { data } = await (await api()).GET('/api/v1/media-plans/{id}/performance', { params: { path: { id: planId }, query: { by: 'line_item', grain: 'month' } } });
  if (!data || !data.groups.some((g) => g.matched)) return null;
  const m = (v: string | null | undefined) => (v == null ? '—' : money(v, currency, locale));
  const pct = (v: string | null) => percent(v, locale);
  const rows = [...data.groups.map((g) => ({ ...g, total: false })), { ...data.totals, key: 'total', label: t('total'), total: true }];
  return (
    <section className="card" aria-labelledby="performance-title">
      <h2 id="performance-title">{t('title')}</h2>
      <p className="muted small">{t('note', { asOf: data.asOf, threshold: data.alertThresholdPercent })}</p>
      <table data-testid="performance">
        <thead>
          <tr><th>{t('line')}</th><th className="num">{t('plannedToDate')}</th><th className="num">{t('actual')}</th><th>{t('pacing')}</th><th className="num">{t('forecast')}</th><th className="num">{t('planned')}</th><th className="num">CPM</th><th className="num">CPC</th></tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key} className={g.total ? 'total' : undefined}>
              <th scope="row">{g.label}{!g.total && !g.matched ? <div className="muted small">{t('noCampaigns')}</div> : null}</th>
              <td className="num">{m(g.plannedToDate)}</td>
              <td className="num">{m(g.actual.cost)}</td>
              <td><span className={`badge pace-${g.pacing.status}`}>{pct(g.pacing.percent)} · {t(`status.${g.pacing.status}`)}</span></td>
              <td className="num">{m(g.forecastAtEnd)}</td>
              <td className="num">{m(g.planned.cost)}</td>
              <td className="num">{g.actual.cpm == null ? '—' : m(g.actual.cpm)}</td>
              <td className="num">{g.actual.cpc == null ? '—' : m(g.actual.cpc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
