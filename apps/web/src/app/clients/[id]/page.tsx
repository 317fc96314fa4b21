import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { day, money } from '@/lib/format';
import { createProject } from '../../actions';
import { ListFilter, knownStatus, searchText } from '@/components/list-filter';
import { PROJECT_STATUSES } from '@mrm/contracts';

export default async function ClientPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string; q?: string; status?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id } = await params;
  const { error, q: rawQ, status: rawStatus } = await searchParams;
  const q = searchText(rawQ);
  const status = knownStatus(rawStatus, PROJECT_STATUSES);
  const client = await api();
  const { data: c } = await client.GET('/api/v1/clients/{id}', { params: { path: { id } } });
  if (!c) notFound();
  const { data } = await client.GET('/api/v1/projects', { params: { query: { clientId: id, limit: 200, sort: '-createdAt', ...(q ? { q } : {}), ...(status ? { status } : {}) } } });
  const projects = data?.items ?? [];
  return (
    <>
      <nav aria-label={t('nav.breadcrumbs')}><ol className="crumbs"><li><a href="/clients">{t('clients.title')}</a></li><li>{c.name}</li></ol></nav>
      <h1>{c.name}</h1>
      <p><a href={`/clients/${id}/uploads`}>{t('uploads.link')}</a></p>
      <h2>{t('projects.title')}</h2>
      <ListFilter q={q} status={status} statuses={PROJECT_STATUSES.map((x) => [x, t(`projects.status.${x}`)])} labels={{ search: t('filter.search'), status: t('filter.status'), any: t('filter.any'), apply: t('filter.apply') }} />
      {projects.length === 0 ? <p>{q || status ? t('filter.none') : t('projects.empty')}</p> : (
        <table>
          <thead><tr><th>{t('projects.name')}</th><th className="num">{t('projects.budget')}</th><th>{t('projects.startDate')}</th><th>{t('projects.endDate')}</th></tr></thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td><a href={`/projects/${p.id}`}>{p.name}</a></td>
                <td className="num">{money(p.budget, p.currency, locale)}</td>
                <td>{day(p.startDate, locale)}</td>
                <td>{day(p.endDate, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="card">
        <h2>{t('projects.new')}</h2>
        {error && <p className="error" role="alert">{error}</p>}
        <form className="row" action={createProject}>
          <input type="hidden" name="clientId" value={id} />
          <label>{t('projects.name')}<input name="name" required /></label>
          <label>{t('projects.budget')}<input name="budget" inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></label>
          <label>{t('projects.currency')}<input name="currency" defaultValue="RUB" pattern="[A-Z]{3}" size={4} /></label>
          <label>{t('projects.startDate')}<input name="startDate" type="date" /></label>
          <label>{t('projects.endDate')}<input name="endDate" type="date" /></label>
          <button type="submit">{t('projects.create')}</button>
        </form>
      </section>
    </>
  );
}
