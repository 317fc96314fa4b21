import { getLocale, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import { money, percent } from '@/lib/format';

/** Spend against plan over the approved and live plans, and the lines furthest off pace either way. */
export async function PacingCard() {
  const t = await getTranslations('pacingCard');
  const locale = await getLocale();
  const { data } = await (await api()).GET('/api/v1/dashboard/pacing');
  if (!data || data.currencies.length === 0) return null;
  const pct = (v: string | null) => percent(v, locale);
  const lines = (list: typeof data.overPacing, id: string, title: string) =>
    list.length === 0 ? null : (
      <>
        <h3 id={id}>{title}</h3>
        <table aria-labelledby={id}>
          <tbody>
            {list.map((l) => (
              <tr key={l.lineItemId}>
                <th scope="row"><a href={`/plans/${l.planId}`}>{l.lineName}</a><div className="muted small">{l.planName}</div></th>
                <td className="num">{money(l.actualToDate, l.currency, locale)} / {money(l.plannedToDate, l.currency, locale)}</td>
                <td className="num">{pct(l.pacingPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  return (
    <section className="card" aria-labelledby="pacing-card" data-testid="pacing-card">
      <h2 id="pacing-card">{t('title')}</h2>
      <p className="muted small">{t('note', { asOf: data.asOf })}</p>
      <table>
        <thead><tr><th>{t('currency')}</th><th className="num">{t('plans')}</th><th className="num">{t('plannedToDate')}</th><th className="num">{t('actual')}</th><th className="num">{t('pacing')}</th></tr></thead>
        <tbody>
          {data.currencies.map((c) => (
            <tr key={c.currency}><th scope="row">{c.currency}</th><td className="num">{c.plans}</td><td className="num">{money(c.plannedToDate, c.currency, locale)}</td><td className="num">{money(c.actualToDate, c.currency, locale)}</td><td className="num">{pct(c.pacingPercent)}</td></tr>
          ))}
        </tbody>
      </table>
      {lines(data.overPacing, 'over-pacing', t('over'))}
      {lines(data.underPacing, 'under-pacing', t('under'))}
    </section>
  );
}
