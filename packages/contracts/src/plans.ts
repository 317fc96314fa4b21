import { z } from 'zod';
import { CurrencyCode, IsoDate, Money, PageQuery, Uuid } from './common.js';
import { LineItem } from './lineitems.js';

export const PLAN_STATUSES = ['draft', 'in_review', 'approved', 'active', 'completed', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

const Percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as "20" or "12.5"');

export const PlanTotals = z.object({
  lines: z.number().int(),
  net: Money.describe('sum of line costs (media net of agency commission and VAT)'),
  commission: Money,
  grossExVat: Money,
  vat: Money,
  grossIncVat: Money,
  byChannel: z.record(z.string(), Money),
  byPartner: z.record(z.string(), Money),
  byMonth: z.array(z.object({ month: z.string(), amount: Money })),
});

export const MediaPlan = z.object({
  id: Uuid,
  projectId: Uuid,
  clientId: Uuid,
  name: z.string(),
  currency: CurrencyCode,
  budget: Money.nullable(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  status: z.enum(PLAN_STATUSES),
  vatRate: Percent,
  agencyCommission: Percent,
  notes: z.string().nullable(),
  latestVersion: z.number().int().nullable().describe('the last frozen (submitted) version'),
  approvedVersion: z.number().int().nullable().describe('the last version approved'),
  version: z.number().int().describe('edit counter behind the ETag'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const MediaPlanWithTotals = MediaPlan.extend({ totals: PlanTotals });
export const MediaPlanList = z.object({ items: z.array(MediaPlan), nextCursor: z.string().nullable() });

const fields = {
  name: z.string().trim().min(1).max(300),
  currency: CurrencyCode.optional(),
  budget: Money.nullable().optional(),
  startDate: IsoDate.nullable().optional(),
  endDate: IsoDate.nullable().optional(),
  vatRate: Percent.optional().describe('VAT in percent; 20 in Russia'),
  agencyCommission: Percent.optional().describe('agency commission in percent of net media'),
  notes: z.string().max(10_000).nullable().optional(),
};
const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) => !v.startDate || !v.endDate || v.startDate <= v.endDate;
const dateOrder = { message: 'must not be before startDate', path: ['endDate'] };

export const CreateMediaPlanRequest = z.strictObject({ projectId: Uuid, ...fields }).refine(datesInOrder, dateOrder);
export const UpdateMediaPlanRequest = z.strictObject({ ...fields, name: fields.name.optional() }).refine(datesInOrder, dateOrder);

export const PLAN_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export const MediaPlanListQuery = PageQuery.extend({
  projectId: Uuid.optional(),
  clientId: Uuid.optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(PLAN_SORTS).default('-updatedAt'),
});

export const DecisionRequest = z.strictObject({ comment: z.string().trim().max(5000).optional() });
export const RejectRequest = z.strictObject({ comment: z.string().trim().min(1, 'say what must change').max(5000) });
export const SubmitRequest = z.strictObject({ comment: z.string().trim().max(5000).optional() });
export const StatusRequest = z.strictObject({ status: z.enum(['active', 'completed']) });

export const PlanVersionSummary = z.object({
  number: z.number().int(),
  status: z.enum(['in_review', 'approved', 'rejected', 'superseded']),
  submittedBy: z.string().nullable(),
  submittedAt: z.string(),
  decidedBy: z.string().nullable().describe('a member name, or "Name (client, by link)"'),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  totals: PlanTotals,
});
export const PlanVersionList = z.object({ items: z.array(PlanVersionSummary) });
export const PlanVersion = PlanVersionSummary.extend({
  plan: MediaPlan.omit({ version: true, status: true, latestVersion: true, approvedVersion: true, createdAt: true, updatedAt: true }),
  lineItems: z.array(LineItem.omit({ version: true, createdAt: true, updatedAt: true })),
});

export const LineChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const VersionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(z.object({ id: Uuid, name: z.string() })),
  removed: z.array(z.object({ id: Uuid, name: z.string() })),
  changed: z.array(z.object({ id: Uuid, name: z.string(), changes: z.array(LineChange) })),
  planChanges: z.array(LineChange),
});
export const DiffQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const ShareRequest = z.strictObject({
  versionNumber: z.number().int().min(1).optional().describe('default: the latest submitted version'),
  expiresInDays: z.number().int().min(1).max(90).default(14),
});
export const ShareLink = z.object({
  id: Uuid,
  versionNumber: z.number().int(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedName: z.string().nullable(),
  decidedComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  token: z.string().optional().describe('returned once, at creation'),
  url: z.string().optional().describe('the web page to send to the client (the first WEB_ORIGIN), returned once'),
});
export const ShareLinkList = z.object({ items: z.array(ShareLink) });

export const PublicApproval = z.object({
  agencyName: z.string(),
  clientName: z.string(),
  planName: z.string(),
  versionNumber: z.number().int(),
  versionStatus: z.enum(['in_review', 'approved', 'rejected', 'superseded']),
  expiresAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  plan: MediaPlan.pick({ currency: true, budget: true, startDate: true, endDate: true, vatRate: true, agencyCommission: true, notes: true }),
  totals: PlanTotals,
  lineItems: z.array(LineItem.omit({ version: true, createdAt: true, updatedAt: true })),
});
export const PublicApproveRequest = z.strictObject({ name: z.string().trim().min(1).max(200), comment: z.string().trim().max(5000).optional() });
export const PublicRejectRequest = z.strictObject({ name: z.string().trim().min(1).max(200), comment: z.string().trim().min(1, 'say what must change').max(5000) });

export const CreateCommentRequest = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  lineItemId: Uuid.optional(),
  mentions: z.array(Uuid).max(50).optional().describe('user ids of members to notify'),
});
export const Comment = z.object({
  id: Uuid,
  lineItemId: Uuid.nullable(),
  authorId: Uuid.nullable(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(Uuid),
  createdAt: z.string(),
});
export const CommentList = z.object({ items: z.array(Comment) });
export const CommentListQuery = z.strictObject({ lineItemId: Uuid.optional() });

export const EXPORT_FORMATS = ['xlsx', 'json'] as const;
export const ExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  version: z.coerce.number().int().min(1).optional().describe('a frozen version; default: the plan as it is now'),
  locale: z.enum(['ru', 'en']).default('ru').describe('language of the spreadsheet'),
});
export const ImportQuery = z.strictObject({
  mode: z.enum(['append', 'replace']).default('append').describe('replace makes the file the whole plan (lines of our own exports keep their ids)'),
  dryRun: z.enum(['true', 'false']).default('false').describe('true: check the file and show the column mapping, change nothing'),
  mapping: z.string().max(10_000).optional().describe('JSON object: column header → line item field ("" leaves a column out); overrides the guess'),
});
export const ImportResult = z.object({
  format: z.enum(['xlsx', 'csv', 'json']),
  rows: z.number().int(),
  mapping: z.record(z.string(), z.string()).describe('column header → field, as used'),
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});
