// An insertion order for one partner, for signature: the parties, the partner's lines of an agreed
// version with dates, model, rate, volume and net cost, VAT on top, the terms, and signature blocks.
import { feeBreakdown, sumAmounts } from '@mrm/planning';
import type { ReportDocument, ReportLocale } from '../document.js';
import type { FrozenPlan } from '../sources.js';
import { WORDS } from '../words.js';
import { heading, percentText, period, pricingLabel, stem, unitsCell } from './common.js';
import { formatDate } from '../render/format.js';

export const samePartner = (a: string | null | undefined, b: string) => (a ?? '').trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru');

export interface OrderParams {
  partner: string;
  vatRate?: number;
  paymentDays: number;
}

export function insertionOrderReport(src: FrozenPlan, p: OrderParams, number: string, locale: ReportLocale, now: Date): ReportDocument {
  const w = WORDS[locale];
  const { plan } = src.snapshot;
  const lines = src.snapshot.lineItems.filter((l) => samePartner(l.partner, p.partner));
  const partner = lines[0]?.partner ?? p.partner;
  const currency = plan.currency;
  const vatRate = p.vatRate === undefined ? plan.vatRate : String(p.vatRate);
  const vatText = percentText(vatRate, locale);
  const net = sumAmounts(lines.map((l) => l.costTotal));
  // An order between agency and partner carries no agency commission.
  const fees = feeBreakdown({ net, agencyCommissionPercent: '0', vatPercent: vatRate });
  const today = now.toISOString().slice(0, 10);
  return {
    locale,
    title: `${w.ioNumber} ${number}`,
    subtitle: `${partner} · «${plan.name}»`,
    generatedAt: now,
    fileStem: stem(w.types['insertion-order'], number, partner),
    orientation: 'portrait',
    sections: [
      heading(locale, [['customer', src.names.client], ['agency', src.names.agency], ['contractor', partner], ['plan', `«${plan.name}», ${w.version.toLowerCase()} ${src.number}`], ['period', period(lines, locale)], [locale === 'ru' ? 'Дата' : 'Date', formatDate(today, locale)]]),
      {
        kind: 'table',
        title: w.lines,
        columns: [
          { key: 'n', label: '№', kind: 'integer', width: 0.4 },
          { key: 'name', label: w.line, kind: 'text', width: 2.6 },
          { key: 'start', label: w.start, kind: 'date', width: 0.9 },
          { key: 'end', label: w.end, kind: 'date', width: 0.9 },
          { key: 'pricing', label: w.pricing, kind: 'text', width: 0.6 },
          { key: 'rate', label: w.rate, kind: 'money', currency, width: 1 },
          { key: 'units', label: w.units, kind: 'integer', width: 1 },
          { key: 'net', label: w.budget, kind: 'money', currency, width: 1.3 },
        ],
        rows: lines.map((l, i) => ({
          n: i + 1, name: l.name, start: l.startDate, end: l.endDate, pricing: pricingLabel(l.pricingModel, locale),
          rate: l.rate ?? null, units: unitsCell(l.plannedUnits), net: l.costTotal,
        })),
        totals: { n: w.total, net },
      },
      {
        kind: 'table',
        title: w.fees,
        columns: [{ key: 'what', label: '', kind: 'text', width: 3 }, { key: 'amount', label: w.budget, kind: 'money', currency, width: 1.5 }],
        rows: [
          { what: w.grossExVat, amount: fees.grossExVat },
          { what: `${w.vat}, ${vatText} %`, amount: fees.vat },
          { what: w.grossIncVat, amount: fees.grossIncVat },
        ],
      },
      { kind: 'text', title: w.terms, paragraphs: w.term(vatText, p.paymentDays) },
      { kind: 'signatures', parties: [{ role: w.signAgency, name: src.names.agency }, { role: w.signContractor, name: partner }] },
    ],
  };
}
