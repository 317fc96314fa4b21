import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ACTUAL_FIELDS } from '@mrm/contracts';
import { api } from '@/api/client';
import { can } from '@/lib/me';
import { moment } from '@/lib/format';
import { LiveRefresh } from '@/components/live-refresh';
import { importActuals } from '../actions';
import { RUNNING } from '../running';

/** One uploaded file: its first rows, the column mapping to check and fix, the import's progress and problems. */
export default async function UploadPage({ params, searchParams }: { params: Promise<{ id: string; uploadId: string }>; searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id, uploadId } = await params;
  const { error } = await searchParams;
  const client = await api();
  const [{ data: c }, { data: u }] = await Promise.all([
    client.GET('/api/v1/clients/{id}', { params: { path: { id } } }),
    client.GET('/api/v1/clients/{clientId}/actual-uploads/{id}', { params: { path: { clientId: id, id: uploadId } } }),
  ]);
  if (!c || !u) notFound();
  const running = RUNNING.includes(u.status);
  const mapping: Record<string, string> = { ...u.suggestedMapping, ...(u.mapping ?? {}) };
  const mayImport = (await can('actuals:upload')) && !running;
  return (
    <>
      <nav aria-label={t('nav.breadcrumbs')}>
        <ol className="crumbs">
          <li><a href="/clients">{t('clients.title')}</a></li>
          <li><a href={`/clients/${id}`}>{c.name}</a></li>
          <li><a href={`/clients/${id}/uploads`}>{t('uploads.link')}</a></li>
          <li>{u.fileName}</li>
        </ol>
      </nav>
      <h1>{u.fileName}</h1>
      <LiveRefresh active={running} />
      {error && <p className="error" role="alert">{error}</p>}
      <p role="status" data-testid="upload-status">
        {t(`uploads.statuses.${u.status}`)}
        {u.status === 'importing' ? ` · ${t('uploads.progress', { done: u.rowsDone, total: u.rowsTotal })}` : ''}
        {u.status === 'imported' && u.importedAt ? ` · ${t('uploads.importedRows', { rows: u.rowsDone, when: moment(u.importedAt, locale) })}` : ''}
      </p>
      {u.errors.length > 0 && (
        <div className="error" role="alert">
          <p>{u.status === 'failed' ? t('uploads.failed') : t('uploads.problems')}</p>
          <ul data-testid="upload-errors">
            {u.errors.map((e, i) => <li key={i}>{e.row ? `${t('uploads.row', { row: e.row })}, ` : ''}{e.field}: {e.message}</li>)}
          </ul>
        </div>
      )}

      <form action={importActuals} className="stack card" aria-labelledby="mapping-title">
        <h2 id="mapping-title">{t('uploads.mappingTitle')}</h2>
        <p className="muted small">{t('uploads.headerRow', { row: u.headerRow, rows: u.rowsTotal })}</p>
        <input type="hidden" name="clientId" value={id} />
        <input type="hidden" name="uploadId" value={uploadId} />
        <div className="scroll">
          <table data-testid="upload-preview">
            <thead>
              <tr>{u.columns.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
              <tr>
                {u.columns.map((h) => (
                  <td key={h}>
                    <input type="hidden" name="header" value={h} />
                    <select name="field" aria-label={`${t('uploads.field')}: ${h}`} defaultValue={mapping[h] ?? ''} disabled={!mayImport}>
                      <option value="">{t('uploads.skip')}</option>
                      {ACTUAL_FIELDS.map((f) => <option key={f} value={f}>{t(`uploads.fields.${f}`)}</option>)}
                    </select>
                  </td>
                ))}
              </tr>
            </thead>
            <tbody>
              {u.preview.map((cells, r) => <tr key={r}>{cells.map((v, i) => <td key={i}>{v}</td>)}</tr>)}
            </tbody>
          </table>
        </div>
        <div className="row">
          <label>{t('uploads.currency')}<input name="currency" defaultValue={u.currency ?? u.suggestedCurrency ?? ''} pattern="[A-Za-z]{3}" size={4} disabled={!mayImport} aria-describedby="currency-hint" /></label>
          <label>{t('uploads.account')}<input name="accountId" defaultValue={u.accountId ?? ''} maxLength={100} placeholder={u.platform} disabled={!mayImport} aria-describedby="account-hint" /></label>
        </div>
        <p id="currency-hint" className="muted small">{t('uploads.currencyHint')}</p>
        <p id="account-hint" className="muted small">{t('uploads.accountHint', { source: u.platform })}</p>
        {mayImport && <div><button type="submit">{t('uploads.import')}</button></div>}
      </form>
    </>
  );
}
