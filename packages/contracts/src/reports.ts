// Reports made on the `reports` queue: what can be asked for, how a run is shown, and schedules.
import { z } from 'zod';
import { IsoDate, Uuid, pageOf } from './common.js';
import { PERFORMANCE_GROUPINGS } from './performance.js';

export const REPORT_TYPES = ['media-plan', 'plan-vs-actual', 'pacing', 'insertion-order'] as const;
export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export const REPORT_LOCALES = ['ru', 'en'] as const;

const Version = z.number().int().min(1).describe('a plan version; the latest approved one when left out');

export const MediaPlanReportParams = z.strictObject({ planId: Uuid, version: Version.optional() });
export const PlanVsActualReportParams = z.strictObject({
  planId: Uuid,
  asOf: IsoDate.optional().describe('count actuals up to this day; today when left out'),
  groupBy: z.enum(PERFORMANCE_GROUPINGS).default('line_item'),
});
export const PacingReportParams = z.strictObject({ planId: Uuid, asOf: IsoDate.optional().describe('today when left out') });
export const InsertionOrderReportParams = z.strictObject({
  planId: Uuid,
  version: Version.optional(),
  partner: z.string().trim().min(1).max(200).describe('the partner (seller) the order is for, as the line items name it'),
  vatRate: z.number().min(0).max(100).optional().describe('VAT in percent added to the net total; the plan’s rate when left out'),
  paymentDays: z.number().int().min(0).max(365).default(30).describe('payment term in days after the invoice'),
});

const base = {
  format: z.enum(REPORT_FORMATS),
  locale: z.enum(REPORT_LOCALES).optional().describe('language of the document; the requester’s when left out'),
};
export const CreateReport = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('media-plan'), params: MediaPlanReportParams, ...base }),
  z.strictObject({ type: z.literal('plan-vs-actual'), params: PlanVsActualReportParams, ...base }),
  z.strictObject({ type: z.literal('pacing'), params: PacingReportParams, ...base }),
  z.strictObject({ type: z.literal('insertion-order'), params: InsertionOrderReportParams, ...base }),
]);
export type CreateReport = z.infer<typeof CreateReport>;
export type ReportType = (typeof REPORT_TYPES)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ReportRun = z.object({
  id: Uuid,
  type: z.enum(REPORT_TYPES),
  format: z.enum(REPORT_FORMATS),
  locale: z.enum(REPORT_LOCALES),
  params: z.record(z.string(), z.unknown()),
  clientId: Uuid,
  status: z.enum(REPORT_STATUSES),
  progress: z.number().int().min(0).max(100),
  error: z.string().nullable(),
  title: z.string().nullable(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  requestedBy: z.object({ id: Uuid, name: z.string() }).nullable(),
  scheduleId: Uuid.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ReportRun = z.infer<typeof ReportRun>;
export const ReportRunList = pageOf(ReportRun);

export const ReportListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  planId: Uuid.optional(),
  scheduleId: Uuid.optional(),
});

export const ReportDownload = z.object({ url: z.string(), expiresAt: z.string(), fileName: z.string() });

const Recipients = z.array(z.email({ message: 'an email address' })).min(1).max(20);
const scheduleFields = {
  name: z.string().trim().min(1).max(200),
  report: CreateReport,
  cron: z.string().trim().min(9).max(100).describe('five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1"'),
  timezone: z.string().min(1).max(64).describe('an IANA time zone the cron is read in'),
  recipients: Recipients,
  enabled: z.boolean(),
};
export const CreateReportSchedule = z.strictObject({
  ...scheduleFields,
  timezone: scheduleFields.timezone.default('Europe/Moscow'),
  enabled: scheduleFields.enabled.default(true),
});
/** Only what is sent changes: no defaults here, so a pause does not reset the time zone. */
export const UpdateReportSchedule = z.strictObject(scheduleFields).partial();

export const ReportSchedule = z.object({
  id: Uuid,
  name: z.string(),
  report: z.object({ type: z.enum(REPORT_TYPES), format: z.enum(REPORT_FORMATS), locale: z.enum(REPORT_LOCALES), params: z.record(z.string(), z.unknown()) }),
  clientId: Uuid,
  cron: z.string(),
  timezone: z.string(),
  recipients: z.array(z.string()),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ReportScheduleList = z.object({ items: z.array(ReportSchedule) });

/** Emails a person may turn off; invitations and password resets always go. */
export const OPTIONAL_EMAILS = ['approval-requested', 'plan-decided', 'client-signed-off', 'report-ready', 'pacing-alert'] as const;
export const EmailSettings = z.object({
  optedOut: z.array(z.enum(OPTIONAL_EMAILS)),
});
export const UpdateEmailSettings = z.strictObject({ optedOut: z.array(z.enum(OPTIONAL_EMAILS)).max(OPTIONAL_EMAILS.length) });
