import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { can } from '@/lib/me';
import { AdminNav, allowed } from '../admin-nav';

const ENTITY_TYPES = ['tenant', 'user', 'member', 'invitation', 'oauth_client', 'client', 'project', 'media_plan', 'line_item', 'plan_version', 'share_link', 'plan_comment', 'actual_upload'] as const;
// Suggestions for the action filter; any code the log holds can be typed.
const ACTIONS = [
  'tenant.register', 'user.update', 'member.update', 'member.remove', 'invitation.create', 'invitation.accept', 'invitation.revoke', 'oauth_client.create', 'oauth_client.revoke',
  'client.create', 'client.update', 'client.archive', 'client.restore', 'project.create', 'project.update', 'project.archive', 'project.restore',
  'plan.create', 'plan.update', 'plan.import', 'plan.submit', 'plan.approve', 'plan.reject', 'plan.reopen', 'plan.activate', 'plan.complete', 'plan.archive', 'plan.restore',
  'plan.share', 'plan.share_revoke', 'plan_version.submit', 'line_item.create', 'line_item.update', 'line_item.delete', 'line_item.bulk_upsert', 'comment.create',
  'actuals.upload', 'actuals.import',
];
// Longer records (a bulk import, a whole plan) open on demand so the table stays readable.
const SHORT = 160;

type Query = { entityType?: string; action?: string; cursor?: string; limit?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const compact = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

function Json({ value, more }: { value: unknown; more: string }) {
  const text = compact(value);
  if (text.length <= SHORT) return <>{text}</>;
  return (
    <details>
      <summary>{text.slice(0, SHORT)}… <span className="badge">{more}</span></summary>
      {text}
    </details>
  );
}

/** Before → after; when both are records, the fields that changed first, the whole records on demand. */
function Change({ before, after, more }: { before: unknown; after: unknown; more: string }) {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
    return (
      <details>
        <summary>{compact(pick(before))} → {compact(pick(after))} <span className="badge">{more}</span></summary>
        {compact(before)} → {compact(after)}
      </details>
    );
  }
  return <><Json value={before} more={more} /> → <Json value={after} more={more} /></>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Query> }) {
  const t = await getTranslations('admin');
  const locale = await getLocale();
  const { entityType, action, cursor, limit } = await searchParams;
  if (!(await allowed('audit'))) return <p className="error" role="alert">{t('forbidden')}</p>;
  const client = await api();
  const pageSize = Math.min(200, Math.max(1, Number(limit) || 50));
  const filters = { ...(entityType ? { entityType } : {}), ...(action ? { action } : {}) };
  const [{ data, error }, { data: members }, clients] = await Promise.all([
    client.GET('/api/v1/audit-log', { params: { query: { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) } } }),
    client.GET('/api/v1/members'),
    // Machine clients are named only for those who may list them.
    can('oauth-clients:manage').then((yes) => (yes ? client.GET('/api/v1/oauth-clients').then((r) => r.data?.items ?? []) : [])),
  ]);
  const names = new Map<string, string>([...(members?.items ?? []).map((m) => [m.userId, m.name] as const), ...clients.map((c) => [c.id, c.name] as const)]);
  const items = data?.items ?? [];
  const nextCursor = data?.nextCursor ?? null;
  const link = (extra: Record<string, string>) => `/admin/audit?${new URLSearchParams({ ...filters, ...(limit ? { limit } : {}), ...extra })}`;
  const entityLabel = (type: string) => ((ENTITY_TYPES as readonly string[]).includes(type) ? t(`audit.entities.${type}`) : type);
  const problem = error as { detail?: string; errors?: Array<{ field: string; message: string }> } | undefined;
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <AdminNav current="audit" />
      <form className="row card" role="search">
        <label>{t('audit.entityType')}
          <select name="entityType" defaultValue={entityType ?? ''}>
            <option value="">{t('audit.allTypes')}</option>
            {ENTITY_TYPES.map((e) => <option key={e} value={e}>{t(`audit.entities.${e}`)}</option>)}
          </select>
        </label>
        <label>{t('audit.action')}
          <input name="action" list="audit-actions" defaultValue={action ?? ''} autoComplete="off" />
        </label>
        <datalist id="audit-actions">{ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
        {limit && <input type="hidden" name="limit" value={limit} />}
        <button type="submit">{t('audit.filter')}</button>
        {(entityType || action) && <a href="/admin/audit">{t('audit.reset')}</a>}
      </form>
      {problem && <p className="error" role="alert">{problem.errors?.[0] ? `${problem.errors[0].field}: ${problem.errors[0].message}` : (problem.detail ?? 'error')}</p>}
      {items.length === 0 ? <p>{t('audit.empty')}</p> : (
        <table>
          <thead>
            <tr><th>{t('audit.time')}</th><th>{t('audit.actor')}</th><th>{t('audit.action')}</th><th>{t('audit.entity')}</th><th>{t('audit.change')}</th></tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{moment(e.createdAt, locale)}</td>
                <td>
                  {t(`audit.actorTypes.${e.actorType}`)}
                  {e.actorId && <><br />{names.get(e.actorId) ?? <code>{e.actorId}</code>}</>}
                </td>
                <td><code>{e.action}</code></td>
                <td>
                  {entityLabel(e.entityType)}
                  {e.entityId && <><br /><code>{e.entityId}</code></>}
                </td>
                <td className="json">
                  <Change before={e.before} after={e.after} more={t('audit.more')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="row">
        {cursor && <a href={link({})}>{t('audit.first')}</a>}
        {nextCursor && <a href={link({ cursor: nextCursor })} rel="next">{t('audit.next')}</a>}
      </p>
    </>
  );
}
