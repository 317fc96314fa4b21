import { z } from 'zod';
import { CurrencyCode, IsoDate, Money, Uuid } from './common.js';

// Line items follow the Media Plan Open Data Standard v3.0 field for field: the API spells each
// standard field in camelCase (cost_media → costMedia, metric_view_completions →
// metricViewCompletions, adformat → adformat), so the mapping to and from the standard is mechanical.

// Typed as `dimCustom1` … `dimCustom10` (not string[]) so the fields stay named in LineItemInput.
type Ten = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
const customs = <P extends string>(prefix: P) => Array.from({ length: 10 }, (_, i) => `${prefix}${i + 1}` as `${P}${Ten}`);

/** Standard text dimensions (besides name, channel and partner, which have their own columns). */
export const STANDARD_TEXT_FIELDS = [
  'channelCustom', 'vehicle', 'vehicleCustom', 'partnerCustom', 'mediaProduct', 'mediaProductCustom',
  'locationType', 'locationName', 'targetAudience', 'adformat', 'adformatCustom', 'kpi', 'kpiCustom',
  'dayparts', 'daypartsCustom', 'inventory', 'inventoryCustom', 'buyType', 'buyCommitment', 'aggregationLevel',
  ...customs('dimCustom'),
] as const;

/** Standard cost fields other than costTotal: money, kept as decimal strings. */
export const STANDARD_COST_FIELDS = ['costMedia', 'costBuying', 'costPlatform', 'costData', 'costCreative', ...customs('costCustom'), 'costMinimum', 'costMaximum'] as const;

/** Standard metric fields: plain numbers. */
export const STANDARD_METRIC_FIELDS = [
  'metricImpressions', 'metricClicks', 'metricViews', 'metricViewStarts', 'metricViewCompletions', 'metricReach',
  'metricUnits', 'metricImpressionShare', 'metricEngagements', 'metricFollowers', 'metricVisits', 'metricLeads',
  'metricSales', 'metricAddToCart', 'metricAppInstall', 'metricApplicationStart', 'metricApplicationComplete',
  'metricContactUs', 'metricDownload', 'metricSignup', 'metricPageViews', 'metricLikes', 'metricShares',
  'metricComments', 'metricConversions', 'metricMaxDailySpend', 'metricMaxDailyImpressions', 'metricAudienceSize',
  ...customs('metricCustom'),
] as const;

export const PRICING_MODELS = ['cpm', 'cpc', 'cpcv', 'cpv', 'cpa', 'cpl', 'cpp', 'flat_rate'] as const;

const Rate = z.string().regex(/^\d{1,14}(\.\d{1,4})?$/, 'a decimal rate with at most 4 decimals, e.g. "245.50"');
const Units = z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'a decimal quantity with at most 2 decimals');
const Weight = z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, 'a non-negative decimal weight');

export const Flighting = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('even') }),
  z.strictObject({ type: z.literal('front_loaded') }),
  z.strictObject({ type: z.literal('weekly'), weights: z.array(Weight).min(1).max(120) }),
  z.strictObject({ type: z.literal('monthly'), weights: z.array(Weight).min(1).max(36) }),
]);
export type Flighting = z.infer<typeof Flighting>;

const text = z.string().trim().max(500).nullable().optional();
const standardFields = {
  ...Object.fromEntries(STANDARD_TEXT_FIELDS.map((f) => [f, text])),
  ...Object.fromEntries(STANDARD_COST_FIELDS.map((f) => [f, Money.nullable().optional()])),
  ...Object.fromEntries(STANDARD_METRIC_FIELDS.map((f) => [f, z.number().min(0).max(1e15).nullable().optional()])),
} as Record<(typeof STANDARD_TEXT_FIELDS)[number], typeof text> &
  Record<(typeof STANDARD_COST_FIELDS)[number], z.ZodOptional<z.ZodNullable<typeof Money>>> &
  Record<(typeof STANDARD_METRIC_FIELDS)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>;

const lineFields = {
  code: z.string().trim().min(1).max(200).nullable().optional().describe("the standard's line item id, kept from an import"),
  name: z.string().trim().min(1).max(300),
  startDate: IsoDate,
  endDate: IsoDate,
  costTotal: Money,
  channel: text,
  partner: text,
  costCurrency: CurrencyCode.nullable().optional().describe('defaults to the plan currency'),
  costCurrencyExchangeRate: z.string().regex(/^\d{1,10}(\.\d{1,8})?$/, 'a decimal exchange rate').nullable().optional(),
  pricingModel: z.enum(PRICING_MODELS).nullable().optional(),
  rate: Rate.nullable().optional(),
  plannedUnits: Units.nullable().optional(),
  kpiValue: z.number().min(0).max(1e15).nullable().optional(),
  isAggregate: z.boolean().nullable().optional(),
  erid: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, 'the ad-registry token (ЕРИР erid): letters and digits')
    .nullable()
    .optional(),
  externalIds: z.array(z.string().min(1).max(200)).max(50).optional().describe('campaign ids on ad platforms, for matching actuals'),
  flighting: Flighting.optional(),
  metricFormulas: z.record(z.string(), z.unknown()).nullable().optional(),
  customProperties: z.record(z.string(), z.unknown()).nullable().optional(),
  ...standardFields,
};

const datesInOrder = (v: { startDate?: string; endDate?: string }) => !v.startDate || !v.endDate || v.startDate <= v.endDate;
const dateOrder = { message: 'must not be before startDate', path: ['endDate'] };

export const LineItemInput = z.strictObject(lineFields).refine(datesInOrder, dateOrder);
export const LineItemPatch = z.strictObject(Object.fromEntries(Object.entries(lineFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof typeof lineFields]: z.ZodOptional<(typeof lineFields)[K]> }).refine(datesInOrder, dateOrder);
/** A bulk row: with id (and the version read) it updates that line, without it creates one. */
export const BulkLineItem = z.strictObject({ id: Uuid.optional(), version: z.number().int().min(1).optional(), ...lineFields }).refine(datesInOrder, dateOrder);
export const BulkUpsertRequest = z.strictObject({
  items: z.array(BulkLineItem).min(1).max(5000),
  deleteMissing: z.boolean().default(false).describe('remove lines of the plan that the request does not name'),
});

export const LineItem = z.object({
  id: Uuid,
  planId: Uuid,
  position: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...lineFields,
  flighting: Flighting,
  externalIds: z.array(z.string()),
});
export type LineItem = z.infer<typeof LineItem>;
export type LineItemInput = z.infer<typeof LineItemInput>;

export const LineItemList = z.object({ items: z.array(LineItem) });
export const BulkUpsertResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  items: z.array(LineItem),
});
