// Deletes report files older than REPORT_RETENTION_DAYS. The run stays in the history as `expired`
// (who asked for what, when) without its file. Workers run it hourly; several doing so at once only
// repeat a delete.
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { reportRuns } from '../db/schema.js';
import { Poller } from '../jobs/poller.js';
import type { ObjectStore } from '../storage/object-store.js';

export async function expireReports(db: Database, store: ObjectStore, now = new Date()): Promise<number> {
  const due = await db.run({ tenantId: null, relay: true }, (tx) =>
    tx
      .select({ id: reportRuns.id, tenantId: reportRuns.tenantId, objectKey: reportRuns.objectKey })
      .from(reportRuns)
      .where(and(eq(reportRuns.status, 'done'), isNotNull(reportRuns.expiresAt), lt(reportRuns.expiresAt, now.toISOString())))
      .limit(500),
  );
  for (const r of due) {
    if (r.objectKey) await store.delete(r.objectKey);
    await db.run({ tenantId: r.tenantId }, (tx) => tx.update(reportRuns).set({ status: 'expired', objectKey: null }).where(and(eq(reportRuns.tenantId, r.tenantId), eq(reportRuns.id, r.id))));
  }
  return due.length;
}

export const retentionPoller = (db: Database, store: ObjectStore, logger: Logger, everyMs: number) =>
  new Poller(() => expireReports(db, store), { everyMs, logger, what: 'report retention pass' });
