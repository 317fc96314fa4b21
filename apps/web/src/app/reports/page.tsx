import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { can } from '@/lib/me';
import { moment } from '@/lib/format';
import { LiveRefresh } from '@/components/live-refresh';
import { ReportForm } from './report-form';
import { planChoices } from './plans';
import { RUNNING } from './options';
import { RunStatus, size } from './run-status';

const uuid = (v: string | undefined) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);

/** Reports: the form to ask for one, and every report made in the workspace, newest first, a page at a time. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ planId?: string; scheduleId?: string; cursor?: string }> }) {
  const t = await getTranslations('reports');
  const tn = await getTranslations('nav');
  const locale = await getLocale();
  const query = await searchParams;
  const planId = uuid(query.planId);
  const scheduleId = uuid(query.scheduleId);
  const cursor = query.cursor?.slice(0, 500) || undefined;
  const client = await api();
  const mayRequest = await can('reports:write');
  const [{ data }, plans, schedule] = await Promise.all([
    client.GET('/api/v1/reports', { params: { query: { limit: 20, ...(planId ? { planId } : {}), ...(scheduleId ? { scheduleId } : {}), ...(cursor ? { cursor } : {}) } } }),
    planChoices(planId),
    scheduleId ? client.GET('/api/v1/report-schedules/{id}', { params: { path: { id: scheduleId } } }).then((r) => r.data) : undefined,
  ]);
  const items = data?.items ?? [];
  const planName = new Map(plans.map((p) => [p.id, p.name]));
  const filter = new URLSearchParams({ ...(planId ? { planId } : {}), ...(scheduleId ? { scheduleId } : {}) });
  const messages = (await getMessages()) as { reports: Record<string, unknown> };
  return (
    <>
      <h1>{t('title')}</h1>
      <ul className="tabs">
        <li><a href="/reports" aria-current="page">{t('history')}</a></li>
        <li><a href="/reports/schedules">{t('schedules.title')}</a></li>
      </ul>
      <LiveRefresh active={items.some((r) => RUNNING.includes(r.status))} />
      {mayRequest && (
        <NextIntlClientProvider locale={locale} messages={{ reports: messages.reports }}>
          <ReportForm plans={plans} planId={planId} locale={locale} />
        </NextIntlClientProvider>
      )}
      <h2 id="history-title">
        {scheduleId ? t('historyOfSchedule', { name: schedule?.name ?? '—' }) : planId ? t('historyOfPlan', { name: planName.get(planId) ?? '—' }) : t('history')}
      </h2>
      {(planId || scheduleId) && <p><a href="/reports">{t('allReports')}</a></p>}
      {items.length === 0 ? <p>{cursor ? t('noMore') : t('empty')}</p> : (
        <div className="scroll">
          <table data-testid="report-history" aria-labelledby="history-title">
            <thead>
              <tr><th>{t('report')}</th><th>{t('format')}</th><th>{t('statusTitle')}</th><th>{t('requestedBy')}</th><th>{t('requestedAt')}</th><th className="num">{t('size')}</th><th><span className="sr-only">{t('file')}</span></th></tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <td>
                    <a href={`/reports/${r.id}`}>{r.title ?? t(`types.${r.type}`)}</a>
                    <div className="muted small">{t(`types.${r.type}`)}{typeof r.params.planId === 'string' && planName.has(r.params.planId) ? ` · ${planName.get(r.params.planId)}` : ''}</div>
                  </td>
                  <td>{t(`formats.${r.format}`)}</td>
                  <td><RunStatus run={r} /></td>
                  <td>{r.requestedBy?.name ?? (r.scheduleId ? t('bySchedule') : '—')}</td>
                  <td>{moment(r.createdAt, locale)}</td>
                  <td className="num">{size(r.sizeBytes, locale)}</td>
                  <td>{r.status === 'done' && <a className="button" href={`/reports/${r.id}/download`} aria-label={t('downloadOf', { title: r.title ?? r.fileName ?? '' })}>{t('download')}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={tn('pages')} className="pager">
        {cursor && <a href={`/reports${filter.size ? `?${filter}` : ''}`}>{t('firstPage')}</a>}
        {data?.nextCursor && <a href={`/reports?${new URLSearchParams({ ...Object.fromEntries(filter), cursor: data.nextCursor })}`} rel="next">{t('nextPage')}</a>}
      </nav>
    </>
  );
}
