import { ActualUploadDetail, ActualUploadList, ActualUploadQuery, ImportActualsRequest, type ActualField } from '@mrm/contracts';
import type { z } from 'zod';
import { zodDto } from '../common/dto.js';
import { iso, isoReq } from '../common/http.js';
import type { actualUploads } from '../db/schema.js';
import { currencyInHeader, suggestMapping } from './actual-columns.js';

export class ActualUploadDto extends zodDto(ActualUploadDetail) {}
export class ActualUploadListDto extends zodDto(ActualUploadList) {}
export class ActualUploadQueryDto extends zodDto(ActualUploadQuery) {}
export class ImportActualsDto extends zodDto(ImportActualsRequest) {}

export type UploadRow = typeof actualUploads.$inferSelect;
/** An upload without its file: what lists and progress polls read. */
export type UploadMeta = Omit<UploadRow, 'content'>;

/**
 * The platform name an upload's rows are stored under: the source as typed, in lower case with
 * anything but letters and digits as '_' — so «Telegram Ads» and "telegram-ads" are one platform
 * and a corrected file of the same source replaces the rows of the first.
 */
export function platformOf(source: string): string {
  const name = source.trim().toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return name || 'upload';
}

const STATUSES = new Set(['uploaded', 'invalid', 'queued', 'importing', 'imported', 'failed']);
type Upload = z.infer<typeof ActualUploadDetail>;

export function toUpload(r: UploadMeta): Omit<Upload, 'preview'> {
  const suggestedMapping = suggestMapping(r.columns);
  const costHeader = r.columns.find((h) => suggestedMapping[h] === ('cost' satisfies ActualField));
  return {
    id: r.id,
    clientId: r.clientId,
    source: r.source,
    platform: platformOf(r.source),
    fileName: r.fileName,
    format: r.format as Upload['format'],
    columns: r.columns,
    headerRow: r.headerRow,
    suggestedMapping,
    suggestedCurrency: currencyInHeader(costHeader),
    mapping: r.mapping ?? null,
    currency: r.currency,
    accountId: r.accountId,
    status: (STATUSES.has(r.status) ? r.status : 'failed') as Upload['status'],
    rowsTotal: r.rowsTotal,
    rowsDone: r.rowsDone,
    progress: r.status === 'imported' ? 100 : r.rowsTotal && ['importing', 'failed'].includes(r.status) ? Math.min(100, Math.floor((100 * r.rowsDone) / r.rowsTotal)) : 0,
    errors: r.errors,
    createdAt: isoReq(r.createdAt),
    importedAt: iso(r.importedAt),
  };
}

export const toUploadDetail = (r: UploadMeta): Upload => ({ ...toUpload(r), preview: r.preview });
