import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { ChartFigure } from '@/components/chart-figure';
import { moment, money, month } from '@/lib/format';
import { can } from '@/lib/me';
import { PacingCard } from '@/components/pacing-card';

const STATUSES = ['draft', 'in_review', 'approved', 'active', 'completed', 'archived'] as const;

export default async function Dashboard() {
  const t = await getTranslations();
  const locale = await getLocale();
  const client = await api();
  const [{ data }, { data: all }, { data: budget }] = await Promise.all([
    client.GET('/api/v1/media-plans', { params: { query: { limit: 20, sort: '-updatedAt' } } }),
    client.GET('/api/v1/media-plans', { params: { query: { limit: 200, sort: '-updatedAt' } } }),
    client.GET('/api/v1/dashboard/budget'),
  ]);
  const plans = data?.items ?? [];
  const counts = Object.fromEntries(STATUSES.map((s) => [s, (all?.items ?? []).filter((p) => p.status === s).length]));
  // The audit trail is for those who may read it (owners, admins, analysts).
  const activity = (await can('audit:read')) ? ((await client.GET('/api/v1/audit-log', { params: { query: { limit: 10 } } })).data?.items ?? []) : null;
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <PacingCard />
      <div className="grid2">
        <section className="card">
          <h2>{t('dashboard.byStatus')}</h2>
          <table>
            <tbody>
              {STATUSES.map((s) => (
                <tr key={s}><th>{t(`plans.status.${s}`)}</th><td className="num" data-testid={`status-${s}`}>{counts[s]}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
        {activity && (
          <section className="card">
            <h2>{t('dashboard.activity')}</h2>
            {activity.length === 0 ? <p>{t('dashboard.noActivity')}</p> : (
              <ul>{activity.map((a) => <li key={a.id}>{moment(a.createdAt, locale)} · {a.action}</li>)}</ul>
            )}
          </section>
        )}
      </div>
      {budget && (
        <section className="card" aria-labelledby="budget-title">
          <h2 id="budget-title">{t('dashboard.budgetTitle')}</h2>
          <p>{t('dashboard.budgetNote', { statuses: budget.statuses.map((s) => t(`plans.status.${s}`)).join(', ') })}</p>
          {budget.currencies.every((c) => c.byChannel.length === 0) ? <p>{t('dashboard.budgetEmpty')}</p> : budget.currencies.filter((c) => c.byChannel.length > 0).map((c) => (
            <div key={c.currency}>
              <p data-testid={`budget-total-${c.currency}`}>{t('dashboard.budgetSummary', { currency: c.currency, plans: c.plans, total: money(c.total, c.currency, locale) })}</p>
              <div className="grid2">
                <ChartFigure
                  id={`by-channel-${c.currency}`}
                  testId={`by-channel-${c.currency}`}
                  title={t('dashboard.byChannel', { currency: c.currency })}
                  tableLabel={t('charts.asTable')}
                  columns={[t('dashboard.channel'), t('dashboard.amount')]}
                  rows={c.byChannel.map((x) => ({ datum: { label: x.channel ?? t('dashboard.noChannel'), value: Number(x.amount), text: money(x.amount, c.currency, locale) } }))}
                  locale={locale}
                  currency={c.currency}
                  horizontal
                />
                <ChartFigure
                  id={`by-month-${c.currency}`}
                  testId={`by-month-${c.currency}`}
                  title={t('dashboard.byMonth', { currency: c.currency })}
                  tableLabel={t('charts.asTable')}
                  columns={[t('dashboard.month'), t('dashboard.amount')]}
                  rows={c.byMonth.map((x) => ({ datum: { label: month(x.month, locale), value: Number(x.amount), text: money(x.amount, c.currency, locale) } }))}
                  locale={locale}
                  currency={c.currency}
                />
              </div>
            </div>
          ))}
        </section>
      )}
      <section className="card">
        <h2>{t('dashboard.recent')}</h2>
        <p>{t('dashboard.plans', { count: plans.length })}</p>
        {plans.length === 0 ? (
          <p>{t('dashboard.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr><th>{t('plans.name')}</th><th>{t('projects.budget')}</th><th>{t('plans.title')}</th></tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td><a href={`/plans/${p.id}`}>{p.name}</a></td>
                  <td className="num">{money(p.budget, p.currency, locale)}</td>
                  <td><span className="badge">{t(`plans.status.${p.status}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
