import { feeBreakdown, planTotals, type FlightingPattern } from '@mrm/planning';

interface TotalsLine {
  channel: string | null;
  partner: string | null;
  costTotal: string;
  startDate: string;
  endDate: string;
  flighting: unknown;
}

/** Plan totals with commission and VAT stated separately (the usual cause of numbers that don't match). */
export function computeTotals(lines: TotalsLine[], plan: { agencyCommission: string; vatRate: string }) {
  const t = planTotals(
    lines.map((l) => ({ channel: l.channel, partner: l.partner, costTotal: l.costTotal, startDate: l.startDate, endDate: l.endDate, flighting: l.flighting as FlightingPattern })),
  );
  const fees = feeBreakdown({ net: t.total, agencyCommissionPercent: plan.agencyCommission, vatPercent: plan.vatRate });
  return { lines: lines.length, ...fees, byChannel: t.byChannel, byPartner: t.byPartner, byMonth: t.byMonth };
}
export type PlanTotals = ReturnType<typeof computeTotals>;
