import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { count, moment, money } from '@/lib/format';
import { removeConnection, setPaused, syncNow } from '../actions';
import { LiveRefresh } from '@/components/live-refresh';
import { TestButton } from '../test-button';

/** One connection: what it reads, what its syncs stored lately, and every recent run with its error. */
export default async function ConnectionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('connections');
  const tn = await getTranslations('nav');
  const locale = await getLocale();
  const { id } = await params;
  const { error } = await searchParams;
  const client = await api();
  const [{ data: c }, { data: runs }, { data: stats }] = await Promise.all([
    client.GET('/api/v1/connections/{id}', { params: { path: { id } } }),
    client.GET('/api/v1/connections/{id}/runs', { params: { path: { id } } }),
    client.GET('/api/v1/connections/{id}/stats', { params: { path: { id }, query: {} } }),
  ]);
  if (!c) notFound();
  const { data: owner } = await client.GET('/api/v1/clients/{id}', { params: { path: { id: c.clientId } } });
  const items = runs?.items ?? [];
  const active = items.some((r) => ['queued', 'running', 'retrying'].includes(r.status));
  return (
    <>
      <nav aria-label={tn('breadcrumbs')}>
        <ol className="crumbs"><li><a href="/connections">{tn('connections')}</a></li><li>{c.name}</li></ol>
      </nav>
      <h1>{c.name} <span className="badge" data-testid="connection-state">{t(`state.${c.status}`)}</span></h1>
      {error && <p className="error" role="alert">{error}</p>}
      <LiveRefresh active={active} />
      <dl className="facts">
        <dt>{t('platform')}</dt><dd>{t(`platforms.${c.platform}`)}</dd>
        <dt>{t('client')}</dt><dd>{owner?.name ?? ''}</dd>
        <dt>{t('accounts')}</dt><dd>{c.accounts.map((a) => (a.name ? `${a.id} (${a.name})` : a.id)).join(', ')}</dd>
        <dt>{t('schedule')}</dt><dd>{t('everyMinutes', { n: c.scheduleMinutes })}</dd>
        <dt>{t('lastRun')}</dt><dd>{c.lastSyncAt ? moment(c.lastSyncAt, locale) : t('never')}</dd>
        <dt>{t('credentials')}</dt><dd>{c.credentials.fields.map((f) => t(`fields.${f}` as 'fields.token')).join(', ')} · {t('sealed', { key: c.credentials.keyId, at: moment(c.credentials.updatedAt, locale) })}</dd>
      </dl>
      <div className="actions">
        <form action={syncNow}><input type="hidden" name="id" value={c.id} /><button type="submit">{t('syncNow')}</button></form>
        <TestButton id={c.id} label={t('test')} />
        <form action={setPaused}>
          <input type="hidden" name="id" value={c.id} />
          <input type="hidden" name="version" value={c.version} />
          <input type="hidden" name="status" value={c.status === 'active' ? 'paused' : 'active'} />
          <button type="submit" className="link">{c.status === 'active' ? t('pause') : t('resume')}</button>
        </form>
      </div>

      <section className="card" aria-labelledby="stored-title">
        <h2 id="stored-title">{t('storedTitle')}</h2>
        <p className="muted small">{t('storedNote', { from: stats?.from ?? '', to: stats?.to ?? '' })}</p>
        {(stats?.totals.length ?? 0) === 0 ? <p>{t('storedEmpty')}</p> : (
          <table data-testid="connection-stats">
            <thead><tr><th>{t('currency')}</th><th className="num">{t('impressions')}</th><th className="num">{t('clicks')}</th><th className="num">{t('cost')}</th><th className="num">{t('conversions')}</th></tr></thead>
            <tbody>
              {stats!.totals.map((s) => (
                <tr key={s.currency}><th scope="row">{s.currency}</th><td className="num">{count(s.impressions, locale)}</td><td className="num">{count(s.clicks, locale)}</td><td className="num">{money(s.cost, s.currency, locale)}</td><td className="num">{count(s.conversions, locale)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="runs-title">
        <h2 id="runs-title">{t('runsTitle')}</h2>
        {items.length === 0 ? <p>{t('never')}</p> : (
          <table data-testid="runs">
            <thead><tr><th>{t('started')}</th><th>{t('trigger')}</th><th>{t('statusTitle')}</th><th>{t('window')}</th><th className="num">{t('accountsDone')}</th><th className="num">{t('rows')}</th><th className="num">{t('attempts')}</th></tr></thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{moment(r.startedAt ?? r.createdAt, locale)}</td>
                  <td>{t(`triggers.${r.trigger}`)}</td>
                  <td>
                    {t(`status.${r.status}`)}{r.status === 'running' ? ` · ${r.progress} %` : ''}
                    {r.error && <div className="error small">{r.errorKind ? `${r.errorKind}: ` : ''}{r.error}</div>}
                  </td>
                  <td>{r.from && r.to ? `${r.from} — ${r.to}` : '—'}</td>
                  <td className="num">{r.accountsDone} / {r.accountsTotal}</td>
                  <td className="num">{count(r.rows, locale)}</td>
                  <td className="num">{r.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <details className="danger">
        <summary>{t('remove')}</summary>
        <p className="muted small">{t('removeNote')}</p>
        <form action={removeConnection}><input type="hidden" name="id" value={c.id} /><button type="submit" className="danger">{t('removeConfirm')}</button></form>
      </details>
    </>
  );
}
