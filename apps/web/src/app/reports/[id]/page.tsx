import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { moment } from '@/lib/format';
import { LiveRefresh } from '@/components/live-refresh';
import { RUNNING } from '../options';
import { RunStatus, size } from '../run-status';

/** One report: its progress while it is made, then the Download button. The "report ready" email links here. */
export default async function ReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ file?: string }> }) {
  const t = await getTranslations('reports');
  const tn = await getTranslations('nav');
  const locale = await getLocale();
  const { id } = await params;
  const { file } = await searchParams;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const client = await api();
  const { data: r } = await client.GET('/api/v1/reports/{id}', { params: { path: { id } } });
  if (!r) notFound();
  const planId = typeof r.params.planId === 'string' ? r.params.planId : undefined;
  const [{ data: plan }, { data: schedule }] = await Promise.all([
    planId ? client.GET('/api/v1/media-plans/{id}', { params: { path: { id: planId } } }) : Promise.resolve({ data: undefined }),
    r.scheduleId ? client.GET('/api/v1/report-schedules/{id}', { params: { path: { id: r.scheduleId } } }) : Promise.resolve({ data: undefined }),
  ]);
  const title = r.title ?? t(`types.${r.type}`);
  const option = (k: string) => (r.params[k] === undefined || r.params[k] === null ? undefined : String(r.params[k]));
  return (
    <>
      <nav aria-label={tn('breadcrumbs')}>
        <ol className="crumbs"><li><a href="/reports">{t('title')}</a></li><li>{title}</li></ol>
      </nav>
      <h1>{title}</h1>
      <LiveRefresh active={RUNNING.includes(r.status)} />
      {file && r.status !== 'expired' && <p className="error" role="alert">{t(`fileProblem.${file === 'not-ready' ? 'not-ready' : 'error'}`)}</p>}
      <section className="card" aria-labelledby="state-title">
        <h2 id="state-title">{t('statusTitle')}</h2>
        <div role="status" aria-live="polite"><RunStatus run={r} big /></div>
        {r.status === 'done' && (
          <p>
            <a className="button" href={`/reports/${r.id}/download`} data-testid="download">{t('download')}</a>{' '}
            <span className="muted small">{r.fileName} · {size(r.sizeBytes, locale)}{r.expiresAt ? ` · ${t('keptUntil', { when: moment(r.expiresAt, locale) })}` : ''}</span>
          </p>
        )}
        {RUNNING.includes(r.status) && <p className="muted small">{t('waitNote')}</p>}
      </section>
      <dl className="facts">
        <dt>{t('type')}</dt><dd>{t(`types.${r.type}`)}</dd>
        <dt>{t('plan')}</dt><dd>{planId ? <a href={`/plans/${planId}`}>{plan?.name ?? planId}</a> : '—'}</dd>
        <dt>{t('format')}</dt><dd>{t(`formats.${r.format}`)}</dd>
        <dt>{t('language')}</dt><dd>{t(`languages.${r.locale}`)}</dd>
        {option('asOf') && <><dt>{t('asOf')}</dt><dd>{option('asOf')}</dd></>}
        {option('groupBy') && <><dt>{t('groupBy')}</dt><dd>{t(`groupings.${option('groupBy') as 'channel'}`)}</dd></>}
        {option('version') && <><dt>{t('version')}</dt><dd>{option('version')}</dd></>}
        {option('partner') && <><dt>{t('partner')}</dt><dd>{option('partner')}</dd></>}
        {option('vatRate') && <><dt>{t('vatRate')}</dt><dd>{option('vatRate')}</dd></>}
        {option('paymentDays') && <><dt>{t('paymentDays')}</dt><dd>{option('paymentDays')}</dd></>}
        <dt>{t('requestedBy')}</dt><dd>{r.requestedBy?.name ?? '—'}</dd>
        {r.scheduleId && <><dt>{t('schedule')}</dt><dd><a href={`/reports?scheduleId=${r.scheduleId}`}>{schedule?.name ?? t('schedules.deleted')}</a></dd></>}
        <dt>{t('requestedAt')}</dt><dd>{moment(r.createdAt, locale)}</dd>
        {r.finishedAt && <><dt>{t('finishedAt')}</dt><dd>{moment(r.finishedAt, locale)}</dd></>}
      </dl>
      <p>
        <a href="/reports">{t('allReports')}</a>
        {planId && <> · <a href={`/reports/new?planId=${planId}`}>{t('again')}</a></>}
      </p>
    </>
  );
}
