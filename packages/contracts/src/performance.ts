import { z } from 'zod';
import { CurrencyCode, IsoDate, Money, Uuid } from './common.js';

export const PERFORMANCE_GRAINS = ['day', 'week', 'month'] as const;
export const PERFORMANCE_GROUPINGS = ['line_item', 'channel', 'partner', 'platform'] as const;

export const PerformanceQuery = z.strictObject({
  grain: z.enum(PERFORMANCE_GRAINS).default('month').describe('periods: days, ISO weeks (from Monday) or calendar months; each period is named by its first day'),
  by: z.enum(PERFORMANCE_GROUPINGS).default('line_item').describe('how lines are grouped'),
  asOf: IsoDate.optional().describe('the last day counted as delivered (default: today, UTC)'),
});

const Rate = z.string().nullable().describe('to 4 decimals; null when the count is zero');
const Counts = {
  impressions: z.number(),
  clicks: z.number(),
  conversions: z.number(),
};
export const PlannedFigures = z.object({ cost: Money, ...Counts });
export const ActualFigures = z.object({ cost: Money, ...Counts, cpm: Rate, cpc: Rate, cpa: Rate });
const Gross = z.object({ net: z.string(), commission: z.string(), grossExVat: z.string(), vat: z.string(), grossIncVat: z.string() });

export const OtherCurrencyActuals = z.object({ currency: CurrencyCode, cost: z.string(), ...Counts });

export const PerformanceGroup = z.object({
  key: z.string().describe('the line id, channel, partner or platform; "(none)" for lines without one'),
  label: z.string(),
  lineItemIds: z.array(Uuid),
  matched: z.boolean().describe('at least one line of the group has campaign ids (externalIds) to match actuals by'),
  note: z.string().nullable().describe('why actuals are missing or partial'),
  planned: PlannedFigures.describe('the whole flight'),
  plannedToDate: Money.describe('the flighting up to asOf, all lines of the group'),
  actual: ActualFigures.describe('delivered up to asOf, in the plan currency'),
  pacing: z.object({
    percent: z.string().nullable().describe('actual to date ÷ planned to date of the matched lines × 100; null before anything was planned'),
    plannedToDate: Money.describe('of the matched lines only'),
    status: z.enum(['on_pace', 'over', 'under', 'not_started', 'no_actuals']),
  }),
  forecastAtEnd: Money.nullable().describe('matched lines: actual to date + remaining days × the last 7 days’ average; null when no matched line has started'),
  gross: z.object({ planned: Gross, actual: Gross }).describe('the net figures above with agency commission and VAT'),
  otherCurrencies: z.array(OtherCurrencyActuals).describe('actuals reported in a currency other than the plan’s: shown apart, never added'),
  periods: z.array(z.object({ period: IsoDate, planned: PlannedFigures, actual: ActualFigures.nullable().describe('null for periods starting after asOf') })),
});

export const PlanPerformance = z.object({
  planId: Uuid,
  currency: CurrencyCode,
  asOf: IsoDate,
  grain: z.enum(PERFORMANCE_GRAINS),
  by: z.enum(PERFORMANCE_GROUPINGS),
  amounts: z.literal('net').describe('every cost is net media cost: before agency commission and VAT; `gross` adds them'),
  agencyCommissionPercent: z.string(),
  vatPercent: z.string(),
  alertThresholdPercent: z.string().describe('a line further than this from 100 % pacing raises a notification'),
  totals: PerformanceGroup.omit({ key: true, label: true, periods: true }),
  groups: z.array(PerformanceGroup),
  notes: z.array(z.string()),
});

export const PacingLineSummary = z.object({
  planId: Uuid,
  planName: z.string(),
  lineItemId: Uuid,
  lineName: z.string(),
  currency: CurrencyCode,
  plannedToDate: Money,
  actualToDate: Money,
  pacingPercent: z.string(),
});

export const DashboardPacing = z.object({
  asOf: IsoDate,
  statuses: z.array(z.string()).describe('the plan statuses counted: approved and live'),
  amounts: z.literal('net'),
  currencies: z
    .array(z.object({ currency: CurrencyCode, plans: z.number().int(), planned: Money.describe('whole flights'), plannedToDate: Money, actualToDate: Money, pacingPercent: z.string().nullable() }))
    .describe('one entry per plan currency; actuals in other currencies are left out'),
  overPacing: z.array(PacingLineSummary).describe('the 5 lines furthest above 100 %'),
  underPacing: z.array(PacingLineSummary).describe('the 5 lines furthest below 100 %'),
});

export const Notification = z.object({
  id: Uuid,
  kind: z.string(),
  entity: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable().describe('when you read it; each member reads a workspace-wide notice on their own'),
});
export const NotificationList = z.object({
  items: z.array(Notification),
  unreadCount: z.number().int().describe('all your unread notifications, not only those listed'),
});
export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('only those not read yet'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
