import { getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { createClient } from '../actions';

export default async function ClientsPage({ searchParams }: { searchParams: Promise<{ error?: string; q?: string }> }) {
  const t = await getTranslations('clients');
  const { error, q } = await searchParams;
  const { data } = await (await api()).GET('/api/v1/clients', { params: { query: { limit: 200, sort: 'name', ...(q ? { q } : {}) } } });
  const clients = data?.items ?? [];
  return (
    <>
      <h1>{t('title')}</h1>
      <form className="row card" role="search">
        <label>{t('name')}<input name="q" defaultValue={q ?? ''} type="search" /></label>
        <button type="submit">🔍</button>
      </form>
      {clients.length === 0 ? <p>{t('empty')}</p> : (
        <table>
          <thead><tr><th>{t('name')}</th><th>{t('industry')}</th><th>{t('taxId')}</th></tr></thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id}><td><a href={`/clients/${c.id}`}>{c.name}</a></td><td>{c.industry ?? ''}</td><td>{c.taxId ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="card">
        <h2>{t('new')}</h2>
        {error && <p className="error" role="alert">{error}</p>}
        <form className="row" action={createClient}>
          <label>{t('name')}<input name="name" required /></label>
          <label>{t('industry')}<input name="industry" /></label>
          <label>{t('taxId')}<input name="taxId" /></label>
          <button type="submit">{t('create')}</button>
        </form>
      </section>
    </>
  );
}
