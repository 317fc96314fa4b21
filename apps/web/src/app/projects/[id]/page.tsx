import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { money } from '@/lib/format';
import { createPlan } from '../../actions';
import { ListFilter, knownStatus, searchText } from '@/components/list-filter';
import { PLAN_STATUSES } from '@mrm/contracts';

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string; q?: string; status?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id } = await params;
  const { error, q: rawQ, status: rawStatus } = await searchParams;
  const q = searchText(rawQ);
  const status = knownStatus(rawStatus, PLAN_STATUSES);
  const client = await api();
  const { data: p } = await client.GET('/api/v1/projects/{id}', { params: { path: { id } } });
  if (!p) notFound();
  const { data: c } = await client.GET('/api/v1/clients/{id}', { params: { path: { id: p.clientId } } });
  const { data } = await client.GET('/api/v1/media-plans', { params: { query: { projectId: id, limit: 200, sort: '-updatedAt', ...(q ? { q } : {}), ...(status ? { status } : {}) } } });
  const plans = data?.items ?? [];
  return (
    <>
      <nav aria-label={t('nav.breadcrumbs')}>
        <ol className="crumbs"><li><a href="/clients">{t('clients.title')}</a></li><li><a href={`/clients/${p.clientId}`}>{c?.name}</a></li><li>{p.name}</li></ol>
      </nav>
      <h1>{p.name}</h1>
      <p>{t('projects.budget')}: {money(p.budget, p.currency, locale)}</p>
      <h2>{t('plans.title')}</h2>
      <ListFilter q={q} status={status} statuses={PLAN_STATUSES.map((x) => [x, t(`plans.status.${x}`)])} labels={{ search: t('filter.search'), status: t('filter.status'), any: t('filter.any'), apply: t('filter.apply') }} />
      {plans.length === 0 ? <p>{q || status ? t('filter.none') : t('plans.empty')}</p> : (
        <table>
          <thead><tr><th>{t('plans.name')}</th><th>{t('plans.title')}</th></tr></thead>
          <tbody>
            {plans.map((m) => (
              <tr key={m.id}><td><a href={`/plans/${m.id}`}>{m.name}</a></td><td><span className="badge">{t(`plans.status.${m.status}`)}</span></td></tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="card">
        <h2>{t('plans.new')}</h2>
        {error && <p className="error" role="alert">{error}</p>}
        <form className="row" action={createPlan}>
          <input type="hidden" name="projectId" value={id} />
          <label>{t('plans.name')}<input name="name" required /></label>
          <button type="submit">{t('plans.create')}</button>
        </form>
      </section>
    </>
  );
}
