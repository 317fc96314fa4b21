import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { submitPlan } from '../../actions';
import { linesKey } from './editor/lines-key';
import { forEditor } from './editor/rows';
import { PlanEditor } from './editor/plan-editor';
import { Review } from './review';
import { Performance } from './performance/section';
import { readView } from './performance/query';
import { ImportFile } from './import-file';
import { STANDARD_COST_FIELDS, STANDARD_METRIC_FIELDS, STANDARD_TEXT_FIELDS } from '@mrm/contracts';

const IMPORT_FIELDS = ['name', 'code', 'channel', 'partner', 'startDate', 'endDate', 'pricingModel', 'rate', 'plannedUnits', 'costTotal', 'costCurrency', 'erid', ...STANDARD_TEXT_FIELDS, ...STANDARD_COST_FIELDS, ...STANDARD_METRIC_FIELDS];

export default async function PlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id } = await params;
  const query = await searchParams;
  const error = typeof query.error === 'string' ? query.error : undefined;
  const client = await api();
  // The plan and its lines in parallel: with 2,000 lines each round trip shows in time to first byte.
  const [{ data: plan }, { data: lines }] = await Promise.all([
    client.GET('/api/v1/media-plans/{id}', { params: { path: { id } } }),
    client.GET('/api/v1/media-plans/{planId}/line-items', { params: { path: { planId: id } } }),
  ]);
  if (!plan) notFound();
  const { data: project } = await client.GET('/api/v1/projects/{id}', { params: { path: { id: plan.projectId } } });
  const cur = plan.currency;
  const messages = (await getMessages()) as { editor: Record<string, unknown> };
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <nav aria-label={t('nav.breadcrumbs')}>
        <ol className="crumbs"><li><a href="/clients">{t('clients.title')}</a></li><li><a href={`/projects/${plan.projectId}`}>{project?.name}</a></li><li>{plan.name}</li></ol>
      </nav>
      <h1>
        {plan.name} <span className="badge" data-testid="plan-status">{t(`plans.status.${plan.status}`)}</span>
        {plan.latestVersion ? <span className="badge">{t('plans.version', { n: plan.latestVersion })}</span> : null}
      </h1>
      {error && <p className="error" role="alert">{error}</p>}
      <NextIntlClientProvider locale={locale} messages={{ editor: messages.editor }} timeZone="Europe/Moscow">
        <PlanEditor
          key={linesKey(plan.status, lines?.items ?? [])}
          planId={id}
          lines={(lines?.items ?? []).map(forEditor)}
          editable={plan.status === 'draft'}
          submit={submitPlan}
          currency={cur}
          commission={plan.agencyCommission}
          vat={plan.vatRate}
          start={plan.startDate ?? project?.startDate ?? today}
          end={plan.endDate ?? project?.endDate ?? plan.startDate ?? project?.startDate ?? today}
        />
      </NextIntlClientProvider>
      <p>
        {t('files.download')}: <a href={`/plans/${id}/export?format=xlsx&locale=${locale}`}>{t('files.excel')}</a> ·{' '}
        <a href={`/plans/${id}/export?format=json`}>{t('files.json')}</a>
      </p>
      <p>
        <a href={`/plans/${id}/matching`} data-testid="open-matching">{t('matching.open')}</a> ·{' '}
        <a href={`/reports/new?planId=${id}`} data-testid="plan-report">{t('reports.fromPlan')}</a> ·{' '}
        <a href={`/reports?planId=${id}`}>{t('reports.planReports')}</a>
      </p>
      <Performance planId={id} view={readView((k) => { const v = query[k]; return typeof v === 'string' ? v : undefined; })} />
      <Review planId={id} status={plan.status} />
      {plan.status === 'draft' && (
        <>
          <section className="card">
            <ImportFile
              planId={id}
              fields={IMPORT_FIELDS}
              labels={{ title: t('files.title'), choose: t('files.choose'), check: t('files.check'), apply: t('files.apply'), replace: t('files.replace'), column: t('files.column'), field: t('files.field'), skip: t('files.skip'), rows: t('files.rows'), done: t('files.done'), problems: t('files.problems'), row: t('files.row') }}
            />
          </section>
        </>
      )}
    </>
  );
}
