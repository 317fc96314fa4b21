import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, notInArray } from 'drizzle-orm';
import type { ActualField } from '@mrm/contracts';
import { actorOf, audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { conflict, notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { actualUploads, clients } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { XLSX_TYPE } from '../plans/transfer.controller.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { previewOf, readActuals, readActualsFile, type RowError, type UploadFormat } from './actuals-file.js';
import { platformOf, toUpload, toUploadDetail, type UploadMeta } from './uploads.schema.js';

const { content: _content, ...META } = getTableColumns(actualUploads);
const HISTORY = 100;
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const fileProblem = (message: string) => new ProblemException(400, 'import-invalid', `The file cannot be read: ${message}.`, [{ field: '(body)', message }]);

function rowProblem(errors: RowError[]) {
  const listed = errors.map((e) => ({ field: e.field, message: e.row ? `row ${e.row}: ${e.message}` : e.message, row: e.row }));
  return new ProblemException(422, 'import-invalid', `${errors.length} problem(s) in the file or its mapping; nothing was imported.`, listed);
}

export interface UploadInput {
  /** From the Content-Type; null when it names neither format. */
  format: UploadFormat | null;
  body: unknown;
  fileName?: string;
  source?: string;
}

/** Actuals from files, for platforms without an API: upload, map the columns, import, see the history. */
@Injectable()
export class UploadsService {
  constructor(private readonly tenancy: Tenancy) {}

  /** Stores the file with its header, first rows and the suggested mapping; nothing is imported yet. */
  async upload(ctx: RequestContext, clientId: string, input: UploadInput) {
    // Another workspace's client is a 404 whatever was sent.
    await this.tenancy.run(ctx, (tx, access) => mustSeeClient(tx, access, clientId));
    const format = input.format;
    if (!format) throw new ProblemException(415, 'unsupported-media-type', 'Send the file as .xlsx or text/csv.', [{ field: 'Content-Type', message: `send ${XLSX_TYPE} or text/csv` }]);
    const bytes = input.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw fileProblem('the request body is empty; send the file itself');
    const isZip = ZIP.every((b, i) => bytes[i] === b);
    if (format === 'csv' && isZip) {
      throw new ProblemException(415, 'unsupported-media-type', 'The file is an .xlsx workbook sent as text/csv.', [{ field: 'Content-Type', message: 'send an .xlsx file as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
    }
    // Read outside any transaction: a large workbook takes a while and holds no lock meanwhile.
    const sheet = await readActualsFile(bytes, format);
    if (typeof sheet === 'string') throw fileProblem(sheet);
    const source = input.source ?? 'upload';
    const fileName = input.fileName ?? `${platformOf(source)}.${format}`;
    return this.tenancy.run(ctx, async (tx, access) => {
      const [row] = await tx
        .insert(actualUploads)
        .values({
          id: randomUUID(), tenantId: access.tenantId, clientId, source, fileName, format, content: bytes,
          columns: sheet.columns, headerRow: sheet.headerRow, preview: previewOf(sheet), rowsTotal: sheet.rows.length,
          createdBy: access.actorType === 'user' ? access.actorId : null,
        })
        .returning(META);
      const out = toUploadDetail(row);
      await audit(tx, actorOf(access), { action: 'actuals.upload', entityType: 'actual_upload', entityId: row.id, after: { fileName, source, format, rows: sheet.rows.length, columns: sheet.columns } });
      return out;
    });
  }

  list(ctx: RequestContext, clientId: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustSeeClient(tx, access, clientId);
      const rows = await tx
        .select(META)
        .from(actualUploads)
        .where(and(eq(actualUploads.tenantId, access.tenantId), eq(actualUploads.clientId, clientId)))
        .orderBy(desc(actualUploads.createdAt), desc(actualUploads.id))
        .limit(HISTORY);
      return { items: rows.map(toUpload) };
    });
  }

  get(ctx: RequestContext, clientId: string, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => toUploadDetail(await mustGet(tx, access, clientId, id)));
  }

  /**
   * Checks every row with the mapping (headers not named keep the suggested field) and queues the
   * import; or refuses with every problem by row and column, importing nothing.
   */
  async import(ctx: RequestContext, clientId: string, id: string, body: { mapping: Record<string, ActualField | ''>; currency?: string; accountId?: string }) {
    const upload = await this.tenancy.run(ctx, async (tx, access) => {
      const meta = await mustGet(tx, access, clientId, id);
      const [{ content }] = await tx.select({ content: actualUploads.content }).from(actualUploads).where(and(eq(actualUploads.tenantId, access.tenantId), eq(actualUploads.id, id)));
      return { ...meta, content };
    });
    if (upload.status === 'queued' || upload.status === 'importing') throw conflict('status', 'This file is being imported; wait for it to finish.');
    const unknown = Object.keys(body.mapping).filter((h) => !upload.columns.includes(h));
    if (unknown.length) {
      throw new ProblemException(400, 'validation', `mapping: ${unknown.length} header(s) are not columns of the file.`, unknown.map((h) => ({ field: `mapping.${h}`, message: `no column "${h}" in the file; its columns are ${upload.columns.map((c) => JSON.stringify(c)).join(', ')}` })));
    }
    const view = toUpload(upload);
    const mapping = Object.fromEntries(upload.columns.map((h) => [h, body.mapping[h] ?? view.suggestedMapping[h] ?? '']));
    const accountId = body.accountId ?? null;
    const sheet = await readActualsFile(upload.content, upload.format as UploadFormat);
    const read = typeof sheet === 'string' ? { rows: [], errors: [{ row: 0, field: '(file)', message: sheet }] } : readActuals(sheet, { mapping, currency: body.currency, accountId: accountId ?? platformOf(upload.source) });
    const settings = { mapping, currency: body.currency ?? null, accountId };

    const scope = (tenantId: string) => and(eq(actualUploads.tenantId, tenantId), eq(actualUploads.id, id), notInArray(actualUploads.status, ['queued', 'importing']));
    if (read.errors.length) {
      // Kept on the upload so the history shows why it was refused; the problem goes back as well.
      await this.tenancy.run(ctx, (tx, access) => tx.update(actualUploads).set({ ...settings, status: 'invalid', errors: read.errors }).where(scope(access.tenantId)));
      throw rowProblem(read.errors);
    }
    return this.tenancy.run(ctx, async (tx, access) => {
      // The status condition makes two imports started at once queue one job, not two.
      const [row] = await tx
        .update(actualUploads)
        .set({ ...settings, status: 'queued', rowsTotal: read.rows.length, rowsDone: 0, errors: [] })
        .where(scope(access.tenantId))
        .returning(META);
      if (!row) throw conflict('status', 'This file is being imported; wait for it to finish.');
      await enqueue(tx, 'actuals.import', { tenantId: access.tenantId, uploadId: id }, `${id}.${randomUUID()}`);
      await audit(tx, actorOf(access), { action: 'actuals.import', entityType: 'actual_upload', entityId: id, after: { ...settings, rows: read.rows.length } });
      return toUploadDetail(row);
    });
  }
}

async function mustSeeClient(tx: Tx, access: Access, clientId: string): Promise<void> {
  const [c] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.tenantId, access.tenantId), eq(clients.id, clientId)));
  if (!c) throw notFound('Client');
}

async function mustGet(tx: Tx, access: Access, clientId: string, id: string): Promise<UploadMeta> {
  const [row] = await tx.select(META).from(actualUploads).where(and(eq(actualUploads.tenantId, access.tenantId), eq(actualUploads.clientId, clientId), eq(actualUploads.id, id)));
  if (!row) throw notFound('Upload');
  return row;
}
