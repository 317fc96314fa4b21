import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { api } from '@/api/client';
import { day, money } from '@/lib/format';
import { addLine, submitPlan } from '../../actions';
import { Review } from './review';
import { ImportFile } from './import-file';
import { STANDARD_COST_FIELDS, STANDARD_METRIC_FIELDS, STANDARD_TEXT_FIELDS } from '@mrm/contracts';

const IMPORT_FIELDS = ['name', 'code', 'channel', 'partner', 'startDate', 'endDate', 'pricingModel', 'rate', 'plannedUnits', 'costTotal', 'costCurrency', 'erid', ...STANDARD_TEXT_FIELDS, ...STANDARD_COST_FIELDS, ...STANDARD_METRIC_FIELDS];

export default async function PlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { id } = await params;
  const { error } = await searchParams;
  const client = await api();
  const { data: plan } = await client.GET('/api/v1/media-plans/{id}', { params: { path: { id } } });
  if (!plan) notFound();
  const { data: lines } = await client.GET('/api/v1/media-plans/{planId}/line-items', { params: { path: { planId: id } } });
  const { data: project } = await client.GET('/api/v1/projects/{id}', { params: { path: { id: plan.projectId } } });
  const cur = plan.currency;
  const m = (v: string) => money(v, cur, locale);
  const tt = plan.totals;
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
      <div className="grid2">
        <section className="card" aria-labelledby="totals">
          <h2 id="totals">{t('plans.totals')}</h2>
          <table>
            <tbody>
              <tr><th>{t('plans.net')}</th><td className="num" data-testid="total-net">{m(tt.net)}</td></tr>
              <tr><th>{t('plans.commission')}</th><td className="num">{m(tt.commission)}</td></tr>
              <tr><th>{t('plans.grossExVat')}</th><td className="num">{m(tt.grossExVat)}</td></tr>
              <tr><th>{t('plans.vat')}</th><td className="num">{m(tt.vat)}</td></tr>
              <tr><th>{t('plans.grossIncVat')}</th><td className="num" data-testid="total-gross">{m(tt.grossIncVat)}</td></tr>
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t('plans.byChannel')}</h2>
          <table><tbody>{Object.entries(tt.byChannel).map(([k, v]) => <tr key={k}><th>{k}</th><td className="num">{m(v)}</td></tr>)}</tbody></table>
          <h2>{t('plans.byMonth')}</h2>
          <table><tbody>{tt.byMonth.map((x) => <tr key={x.month}><th>{x.month}</th><td className="num">{m(x.amount)}</td></tr>)}</tbody></table>
        </section>
      </div>
      <h2>{t('plans.lines')}</h2>
      {(lines?.items.length ?? 0) === 0 ? <p>{t('lines.empty')}</p> : (
        <table>
          <thead>
            <tr><th>{t('lines.name')}</th><th>{t('lines.channel')}</th><th>{t('lines.partner')}</th><th>{t('lines.startDate')}</th><th>{t('lines.endDate')}</th><th className="num">{t('lines.cost')}</th></tr>
          </thead>
          <tbody>
            {lines!.items.map((l) => (
              <tr key={l.id}><td>{l.name}</td><td>{l.channel ?? ''}</td><td>{l.partner ?? ''}</td><td>{day(l.startDate, locale)}</td><td>{day(l.endDate, locale)}</td><td className="num">{m(l.costTotal)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {t('files.download')}: <a href={`/plans/${id}/export?format=xlsx&locale=${locale}`}>{t('files.excel')}</a> ·{' '}
        <a href={`/plans/${id}/export?format=json`}>{t('files.json')}</a>
      </p>
      <Review planId={id} status={plan.status} />
      {plan.status === 'draft' && (
        <>
          <section className="card">
            <h2>{t('lines.add')}</h2>
            <form className="row" action={addLine}>
              <input type="hidden" name="planId" value={id} />
              <label>{t('lines.name')}<input name="name" required /></label>
              <label>{t('lines.channel')}<input name="channel" /></label>
              <label>{t('lines.partner')}<input name="partner" /></label>
              <label>{t('lines.startDate')}<input name="startDate" type="date" required /></label>
              <label>{t('lines.endDate')}<input name="endDate" type="date" required /></label>
              <label>{t('lines.cost')}<input name="costTotal" inputMode="decimal" required /></label>
              <button type="submit">{t('lines.add')}</button>
            </form>
          </section>
          <section className="card">
            <ImportFile
              planId={id}
              fields={IMPORT_FIELDS}
              labels={{ title: t('files.title'), choose: t('files.choose'), check: t('files.check'), apply: t('files.apply'), replace: t('files.replace'), column: t('files.column'), field: t('files.field'), skip: t('files.skip'), rows: t('files.rows'), done: t('files.done'), problems: t('files.problems'), row: t('files.row') }}
            />
          </section>
          <form action={submitPlan}>
            <input type="hidden" name="planId" value={id} />
            <button type="submit">{t('plans.submit')}</button>
          </form>
        </>
      )}
    </>
  );
}
