import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { day, money } from '@/lib/format';
import { publicDecision } from '../../actions';

/** The client's sign-off page: no account, the link is the credential; read-only plus a decision. */
export default async function ApprovePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string; error?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const { token } = await params;
  const { done, error } = await searchParams;
  const { data } = await (await api()).GET('/api/v1/public/approvals/{token}', { params: { path: { token } } });
  if (!data) {
    return (
      <section className="card auth">
        <h1>{t('public.title')}</h1>
        <p className="error">{t('public.notFound')}</p>
      </section>
    );
  }
  const m = (v: string) => money(v, data.plan.currency, locale);
  const open = data.versionStatus === 'in_review' && !data.decision;
  return (
    <>
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro', { agency: data.agencyName, plan: data.planName, client: data.clientName, n: data.versionNumber })}</p>
      {done && <p role="status" className="card" data-testid="decision">{t('public.done', { decision: t(done === 'reject' ? 'public.rejected' : 'public.approved') })}</p>}
      {error && <p className="error">{error}</p>}
      <div className="grid2">
        <section className="card">
          <h2>{t('plans.totals')}</h2>
          <table>
            <tbody>
              <tr><th>{t('plans.net')}</th><td className="num">{m(data.totals.net)}</td></tr>
              <tr><th>{t('plans.commission')}</th><td className="num">{m(data.totals.commission)}</td></tr>
              <tr><th>{t('plans.vat')}</th><td className="num">{m(data.totals.vat)}</td></tr>
              <tr><th>{t('plans.grossIncVat')}</th><td className="num">{m(data.totals.grossIncVat)}</td></tr>
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t('plans.byMonth')}</h2>
          <table><tbody>{data.totals.byMonth.map((x) => <tr key={x.month}><th>{x.month}</th><td className="num">{m(x.amount)}</td></tr>)}</tbody></table>
        </section>
      </div>
      <h2>{t('plans.lines')}</h2>
      <table>
        <thead><tr><th>{t('lines.name')}</th><th>{t('lines.channel')}</th><th>{t('lines.partner')}</th><th>{t('lines.startDate')}</th><th>{t('lines.endDate')}</th><th className="num">{t('lines.cost')}</th></tr></thead>
        <tbody>
          {data.lineItems.map((l) => (
            <tr key={l.id}><td>{l.name}</td><td>{l.channel ?? ''}</td><td>{l.partner ?? ''}</td><td>{day(l.startDate, locale)}</td><td>{day(l.endDate, locale)}</td><td className="num">{m(l.costTotal)}</td></tr>
          ))}
        </tbody>
      </table>
      {open ? (
        <section className="card grid2">
          <form className="stack" action={publicDecision}>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="decision" value="approve" />
            <label>{t('public.yourName')}<input name="name" required autoComplete="name" /></label>
            <label>{t('public.comment')}<input name="comment" /></label>
            <button type="submit">{t('public.approve')}</button>
          </form>
          <form className="stack" action={publicDecision}>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="decision" value="reject" />
            <label>{t('public.yourName')}<input name="name" required autoComplete="name" /></label>
            <label>{t('review.commentRequired')}<input name="comment" required /></label>
            <button type="submit">{t('public.reject')}</button>
          </form>
        </section>
      ) : (
        !done && <p className="card">{t('public.closed')}</p>
      )}
    </>
  );
}
