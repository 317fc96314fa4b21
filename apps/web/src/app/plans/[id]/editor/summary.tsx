'use client';
// The plan's totals as the grid stands, unsaved edits included: the same arithmetic the server
// uses (shared package), so the figures match the exports and the approved version to the kopeck.
import { useMemo } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { feeBreakdown, planTotals, type FlightingPattern } from '@mrm/planning';
import { money } from '@/lib/format';
import { costOf, problemsOf, type Row } from './rows';
import { monthTitle } from './format';

export function Summary({ rows, currency, commission, vat }: { rows: Row[]; currency: string; commission: string; vat: string }) {
  const t = useTranslations('editor');
  const locale = useLocale();
  const totals = useMemo(() => {
    const lines = rows
      .filter((r) => Object.keys(problemsOf(r.v)).length === 0)
      .map((r) => ({ channel: r.v.channel, partner: r.v.partner, costTotal: costOf(r.v), startDate: r.v.startDate, endDate: r.v.endDate, flighting: r.base?.flighting as FlightingPattern | undefined }));
    const plan = planTotals(lines);
    return { ...plan, ...feeBreakdown({ net: plan.total, agencyCommissionPercent: commission, vatPercent: vat }) };
  }, [rows, commission, vat]);
  const m = (v: string) => money(v, currency, locale);
  return (
    <div className="grid2">
      <section className="card" aria-labelledby="totals">
        <h2 id="totals">{t('totals')}</h2>
        <table>
          <tbody>
            <tr><th>{t('net')}</th><td className="num" data-testid="total-net">{m(totals.net)}</td></tr>
            <tr><th>{t('commission', { percent: commission })}</th><td className="num">{m(totals.commission)}</td></tr>
            <tr><th>{t('grossExVat')}</th><td className="num">{m(totals.grossExVat)}</td></tr>
            <tr><th>{t('vat', { percent: vat })}</th><td className="num">{m(totals.vat)}</td></tr>
            <tr><th>{t('grossIncVat')}</th><td className="num" data-testid="total-gross">{m(totals.grossIncVat)}</td></tr>
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="breakdown">
        <h2 id="breakdown">{t('byChannel')}</h2>
        <table><tbody>{Object.entries(totals.byChannel).map(([k, v]) => <tr key={k}><th>{k === '(none)' ? t('noGroup') : k}</th><td className="num">{m(v)}</td></tr>)}</tbody></table>
        <h2>{t('byMonth')}</h2>
        <table><tbody>{totals.byMonth.map((x) => <tr key={x.month}><th>{monthTitle(x.month, locale)}</th><td className="num">{m(x.amount)}</td></tr>)}</tbody></table>
      </section>
    </div>
  );
}
