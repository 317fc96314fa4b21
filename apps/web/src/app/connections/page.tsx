import { getLocale, getTranslations } from 'next-intl/server';
import { PLATFORMS, PLATFORM_CREDENTIALS } from '@mrm/contracts';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { syncNow } from './actions';
import { AddConnection } from './add-form';
import { LiveRefresh } from '@/components/live-refresh';
import { TestButton } from './test-button';

// What each platform's credentials are, read from the contract the API checks them against.
const FIELDS = Object.fromEntries(
  PLATFORMS.map((p) => [p, Object.entries(PLATFORM_CREDENTIALS[p].shape).map(([name, schema]) => ({ name, required: !(schema as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success }))]),
);
const FIELD_NAMES = [...new Set(Object.values(FIELDS).flatMap((list) => list.map((f) => f.name)))];

export default async function ConnectionsPage() {
  const t = await getTranslations('connections');
  const locale = await getLocale();
  const client = await api();
  const [{ data }, { data: clients }] = await Promise.all([client.GET('/api/v1/connections'), client.GET('/api/v1/clients', { params: { query: { limit: 200 } } })]);
  const items = data?.items ?? [];
  const runs = await Promise.all(items.map(async (c) => (await client.GET('/api/v1/connections/{id}/runs', { params: { path: { id: c.id } } })).data?.items[0] ?? null));
  const names = new Map((clients?.items ?? []).map((c) => [c.id, c.name]));
  const active = runs.some((r) => r && ['queued', 'running', 'retrying'].includes(r.status));
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LiveRefresh active={active} />
      {items.length === 0 ? <p>{t('empty')}</p> : (
        <table>
          <thead><tr><th>{t('name')}</th><th>{t('platform')}</th><th>{t('client')}</th><th>{t('lastRun')}</th><th className="num">{t('rows')}</th><th>{t('actions')}</th></tr></thead>
          <tbody>
            {items.map((c, i) => {
              const r = runs[i];
              return (
                <tr key={c.id} data-testid={`connection-${c.name}`}>
                  <td><a href={`/connections/${c.id}`}>{c.name}</a>{c.status === 'paused' ? <> <span className="badge">{t('state.paused')}</span></> : null}<div className="muted small">{c.accounts.map((a) => a.id).join(', ')}</div></td>
                  <td>{t(`platforms.${c.platform}`)}</td>
                  <td>{names.get(c.clientId) ?? ''}</td>
                  <td data-testid="run-status">
                    {r ? <>{t(`status.${r.status}`)}{r.status === 'running' ? ` · ${r.progress} %` : ''} <span className="muted small">{moment(r.finishedAt ?? r.startedAt ?? r.createdAt, locale)}</span></> : t('never')}
                    {r?.error && <div className="error small">{r.error}</div>}
                  </td>
                  <td className="num" data-testid="run-rows">{r?.rows ?? 0}</td>
                  <td>
                    <div className="actions">
                      <form action={syncNow}><input type="hidden" name="id" value={c.id} /><button type="submit">{t('syncNow')}</button></form>
                      <TestButton id={c.id} label={t('test')} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(clients?.items ?? []).length > 0 && (
        <p className="muted">
          {t('files')}{' '}
          {(clients?.items ?? []).map((c, i) => <span key={c.id}>{i ? ', ' : ''}<a href={`/clients/${c.id}/uploads`}>{c.name}</a></span>)}
        </p>
      )}
      <AddConnection
        clients={(clients?.items ?? []).map((c) => ({ id: c.id, name: c.name }))}
        fields={FIELDS}
        labels={{
          title: t('add'), platform: t('platform'), name: t('name'), client: t('client'), accounts: t('accounts'), accountsHint: t('accountsHint'), add: t('addButton'), added: t('added'),
          platforms: Object.fromEntries(PLATFORMS.map((p) => [p, t(`platforms.${p}`)])),
          fields: Object.fromEntries(FIELD_NAMES.map((f) => [f, t(`fields.${f}`)])),
        }}
      />
    </>
  );
}
