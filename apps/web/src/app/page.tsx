import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { money } from '@/lib/format';

export default async function Dashboard() {
  const t = await getTranslations();
  const locale = await getLocale();
  const { data } = await (await api()).GET('/api/v1/media-plans', { params: { query: { limit: 20, sort: '-updatedAt' } } });
  const plans = data?.items ?? [];
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
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
