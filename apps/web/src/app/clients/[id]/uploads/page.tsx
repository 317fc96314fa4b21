import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { can } from '@/lib/me';
import { moment } from '@/lib/format';
import { LiveRefresh } from '@/components/live-refresh';
import { uploadActuals } from './actions';
import { RUNNING } from './running';

export default async function UploadsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id } = await params;
  const { error } = await searchParams;
  const client = await api();
  const { data: c } = await client.GET('/api/v1/clients/{id}', { params: { path: { id } } });
  if (!c) notFound();
  const { data } = await client.GET('/api/v1/clients/{clientId}/actual-uploads', { params: { path: { clientId: id } } });
  const items = data?.items ?? [];
  const mayUpload = await can('actuals:upload');
  return (
    <>
      <nav aria-label={t('nav.breadcrumbs')}><ol className="crumbs"><li><a href="/clients">{t('clients.title')}</a></li><li><a href={`/clients/${id}`}>{c.name}</a></li><li>{t('uploads.link')}</li></ol></nav>
      <h1>{t('uploads.title')}</h1>
      <p className="muted">{t('uploads.intro')}</p>
      <LiveRefresh active={items.some((u) => RUNNING.includes(u.status))} />
      {error && <p className="error" role="alert">{error}</p>}
      {mayUpload && (
        <form action={uploadActuals} className="stack card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('uploads.new')}</h2>
          <input type="hidden" name="clientId" value={id} />
          <label>{t('uploads.file')}<input type="file" name="file" accept=".csv,.xlsx" required /></label>
          <label>{t('uploads.source')}<input name="source" maxLength={60} aria-describedby="source-hint" /></label>
          <p id="source-hint" className="muted small">{t('uploads.sourceHint')}</p>
          <div><button type="submit">{t('uploads.upload')}</button></div>
        </form>
      )}
      <h2>{t('uploads.history')}</h2>
      {items.length === 0 ? <p>{t('uploads.empty')}</p> : (
        <table data-testid="upload-history">
          <thead><tr><th>{t('uploads.fileName')}</th><th>{t('uploads.source')}</th><th>{t('uploads.uploadedAt')}</th><th>{t('uploads.status')}</th><th className="num">{t('uploads.rows')}</th></tr></thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.id}>
                <td><a href={`/clients/${id}/uploads/${u.id}`}>{u.fileName}</a></td>
                <td>{u.source}</td>
                <td>{moment(u.createdAt, locale)}</td>
                <td>{t(`uploads.statuses.${u.status}`)}{u.status === 'importing' ? ` · ${u.progress} %` : ''}</td>
                <td className="num">{u.rowsTotal}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
