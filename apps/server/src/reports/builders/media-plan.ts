// An approved version of a plan as the client agreed it: every line with its dates, model, rate,
// volume and budget, then the net → commission → VAT → gross totals.
import { feeBreakdown, sumAmounts } from '@mrm/planning';
import type { ReportDocument, ReportLocale } from '../document.js';
import type { FrozenPlan } from '../sources.js';
import { WORDS } from '../words.js';
import { heading, percentText, period, pricingLabel, stem, unitsCell } from './common.js';
import { formatDate } from '../render/format.js';

export function mediaPlanReport(src: FrozenPlan, locale: ReportLocale, now: Date): ReportDocument {
  const w = WORDS[locale];
  const { plan, lineItems } = src.snapshot;
  const currency = plan.currency;
  const net = sumAmounts(lineItems.map((l) => l.costTotal));
  const fees = feeBreakdown({ net, agencyCommissionPercent: plan.agencyCommission, vatPercent: plan.vatRate });
  const version = `${src.number}${src.status === 'approved' ? ` (${w.approved}${src.decidedAt ? ` ${formatDate(src.decidedAt.slice(0, 10), locale)}` : ''})` : ''}`;
  return {
    locale,
    title: `${w.types['media-plan']}: «${plan.name}»`,
    subtitle: src.names.client,
    generatedAt: now,
    fileStem: stem(w.types['media-plan'], plan.name, `v${src.number}`),
    orientation: 'landscape',
    sections: [
      heading(locale, [['client', src.names.client], ['agency', src.names.agency], ['version', version], ['period', period(lineItems, locale)], ['currency', currency]]),
      {
        kind: 'table',
        title: w.lines,
        columns: [
          { key: 'n', label: '№', kind: 'integer', width: 0.5 },
          { key: 'name', label: w.line, kind: 'text', width: 3 },
          { key: 'channel', label: w.channel, kind: 'text', width: 1.3 },
          { key: 'partner', label: w.partner, kind: 'text', width: 1.3 },
          { key: 'start', label: w.start, kind: 'date' },
          { key: 'end', label: w.end, kind: 'date' },
          { key: 'pricing', label: w.pricing, kind: 'text', width: 0.7 },
          { key: 'rate', label: w.rate, kind: 'money', currency },
          { key: 'units', label: w.units, kind: 'integer' },
          { key: 'budget', label: w.budget, kind: 'money', currency, width: 1.3 },
        ],
        rows: lineItems.map((l, i) => ({
          n: i + 1, name: l.name, channel: l.channel ?? null, partner: l.partner ?? null, start: l.startDate, end: l.endDate,
          pricing: pricingLabel(l.pricingModel, locale), rate: l.rate ?? null, units: unitsCell(l.plannedUnits), budget: l.costTotal,
        })),
        totals: { n: w.total, budget: net },
      },
      {
        kind: 'table',
        title: w.fees,
        columns: [{ key: 'what', label: '', kind: 'text', width: 3 }, { key: 'amount', label: w.budget, kind: 'money', currency, width: 1.5 }],
        rows: [
          { what: w.net, amount: fees.net },
          { what: `${w.commission}, ${percentText(plan.agencyCommission, locale)} %`, amount: fees.commission },
          { what: w.grossExVat, amount: fees.grossExVat },
          { what: `${w.vat}, ${percentText(plan.vatRate, locale)} %`, amount: fees.vat },
          { what: w.grossIncVat, amount: fees.grossIncVat },
        ],
      },
    ],
  };
}
