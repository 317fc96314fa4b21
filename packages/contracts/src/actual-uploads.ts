import { z } from 'zod';
import { CurrencyCode, Uuid } from './common.js';

/**
 * What a column of an uploaded actuals file can hold. Each row is one campaign (or ad group) on one
 * day; a campaign is named by its id, or by its name when the file has no ids.
 */
export const ACTUAL_FIELDS = ['date', 'campaignId', 'campaignName', 'accountId', 'adGroupId', 'impressions', 'clicks', 'cost', 'conversions', 'videoViews', 'revenue', 'currency'] as const;
export type ActualField = (typeof ACTUAL_FIELDS)[number];

export const ACTUAL_UPLOAD_STATUSES = ['uploaded', 'invalid', 'queued', 'importing', 'imported', 'failed'] as const;
export const ACTUAL_UPLOAD_FORMATS = ['csv', 'xlsx'] as const;

export const ActualUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255).optional().describe('the name the file had on the uploader\'s disk; shown in the history'),
  source: z.string().trim().min(1).max(60).optional().describe('where the numbers are from, e.g. "Telegram Ads" (default "upload"); normalised into the platform name the rows are stored under'),
});

const Mapping = z.record(z.string().max(200), z.union([z.enum(ACTUAL_FIELDS), z.literal('')])).describe('column header → field; "" leaves the column out');

export const ImportActualsRequest = z.strictObject({
  mapping: Mapping.refine((m) => Object.keys(m).length <= 200, 'at most 200 columns'),
  currency: CurrencyCode.optional().describe('for rows without a currency column (or with the cell blank)'),
  accountId: z.string().trim().min(1).max(100).optional().describe('for rows without an account column (default: the source)'),
});

export const UploadRowError = z.object({
  row: z.number().int().describe('1-based row of the sheet; 0 for the file as a whole'),
  field: z.string().describe('the column header (or the request field) at fault'),
  message: z.string(),
});

export const ActualUpload = z.object({
  id: Uuid,
  clientId: Uuid,
  source: z.string().describe('as typed'),
  platform: z.string().describe('the platform name the rows are stored under (the source, normalised)'),
  fileName: z.string(),
  format: z.enum(ACTUAL_UPLOAD_FORMATS),
  columns: z.array(z.string()).describe('the header row as read'),
  headerRow: z.number().int().describe('1-based row of the sheet the header was found on'),
  suggestedMapping: z.record(z.string(), z.union([z.enum(ACTUAL_FIELDS), z.literal('')])).describe('header → field as recognised from Russian and English header names'),
  suggestedCurrency: CurrencyCode.nullable().describe('a currency named in the cost header ("Расход, руб"), if any'),
  mapping: z.record(z.string(), z.string()).nullable().describe('the mapping of the last import'),
  currency: z.string().nullable(),
  accountId: z.string().nullable(),
  status: z.enum(ACTUAL_UPLOAD_STATUSES),
  rowsTotal: z.number().int().describe('data rows of the file; once an import starts, the daily rows it stores'),
  rowsDone: z.number().int(),
  progress: z.number().int().min(0).max(100),
  errors: z.array(UploadRowError),
  createdAt: z.string(),
  importedAt: z.string().nullable(),
});
export const ActualUploadDetail = ActualUpload.extend({
  preview: z.array(z.array(z.string())).describe('the first data rows under the header, cell by cell as text'),
});
export const ActualUploadList = z.object({ items: z.array(ActualUpload) });
