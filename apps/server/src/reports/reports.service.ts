import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { CreateReport, ReportRun } from '@mrm/contracts';
import type { RequestContext } from '../common/context.js';
import { notFound, ProblemException } from '../common/problem.js';
import { audit, actorOf } from '../audit/audit.service.js';
import { reportRuns } from '../db/schema.js';
import { OBJECT_STORE } from '../storage/storage.module.js';
import type { ObjectStore } from '../storage/object-store.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { checkReport } from './check.js';
import { createRun, listRuns, requesterNames, userLocale, runOf, toRun } from './runs.js';

/** How long a download link the API hands out works: long enough to start a download, no longer. */
const LINK_SECONDS = 300;

@Injectable()
export class ReportsService {
  constructor(private readonly tenancy: Tenancy, @Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  async request(ctx: RequestContext, body: CreateReport): Promise<ReportRun> {
    return this.tenancy.run(ctx, async (tx, access) => {
      const { clientId } = await checkReport(tx, access.tenantId, body);
      const userId = access.actorType === 'user' ? access.actorId : null;
      const locale = body.locale ?? (await userLocale(tx, userId));
      const row = (await createRun(tx, { tenantId: access.tenantId, clientId, report: body, locale, requestedBy: userId }))!;
      await audit(tx, actorOf(access), { action: 'report.request', entityType: 'report_run', entityId: row.id, after: { type: row.type, format: row.format, params: row.params } });
      return toRun(row, await requesterNames(tx, [row]));
    });
  }

  async get(ctx: RequestContext, id: string): Promise<ReportRun> {
    return this.tenancy.run(ctx, async (tx, access) => {
      const row = await runOf(tx, access.tenantId, id);
      if (!row) throw notFound('Report');
      return toRun(row, await requesterNames(tx, [row]));
    });
  }

  async list(ctx: RequestContext, q: { limit: number; cursor?: string; planId?: string; scheduleId?: string }) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const { query, page } = listRuns(
        [
          eq(reportRuns.tenantId, access.tenantId),
          q.scheduleId ? eq(reportRuns.scheduleId, q.scheduleId) : undefined,
          // Every report type names its plan in params.
          q.planId ? sql`${reportRuns.params}->>'planId' = ${q.planId}` : undefined,
        ],
        { sort: '-createdAt', limit: q.limit, cursor: q.cursor },
      );
      const raw = ((await tx.execute(query.getSQL())) as unknown as { rows: Array<Record<string, unknown>> }).rows;
      const { items, nextCursor } = page(raw);
      const names = await requesterNames(tx, items);
      return { items: items.map((r) => toRun(r, names)), nextCursor };
    });
  }

  /** A short-lived link to the file: the object store's own (S3 presigned, or signed by the API). */
  async downloadLink(ctx: RequestContext, id: string): Promise<{ url: string; expiresAt: string; fileName: string }> {
    const row = await this.tenancy.run(ctx, (tx, access) => runOf(tx, access.tenantId, id));
    if (!row) throw notFound('Report');
    if (row.status === 'expired') throw new ProblemException(410, 'gone', 'This report’s file was deleted by retention; request it again.', [{ field: 'id', message: 'expired' }]);
    if (row.status !== 'done' || !row.objectKey) throw new ProblemException(409, 'conflict', `The report is ${row.status}; its file is not ready.`, [{ field: 'id', message: `status ${row.status}` }]);
    const url = await this.store.downloadUrl(row.objectKey, LINK_SECONDS);
    return { url, expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString(), fileName: row.fileName ?? 'report' };
  }
}
