// Report runs as rows and as the API shows them.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CreateReport, ReportRun } from '@mrm/contracts';
import { iso, isoReq } from '../common/http.js';
import type { Tx } from '../db/database.js';
import { listing } from '../db/listing.js';
import { reportRuns, users } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { localeOf } from '../mail/templates/index.js';

export type RunRow = typeof reportRuns.$inferSelect;

export const listRuns = listing(reportRuns, { createdAt: { expr: reportRuns.createdAt, kind: 'timestamp', value: (r) => r.createdAt } });

export async function requesterNames(tx: Tx, rows: readonly RunRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.requestedBy).filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const found = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

export const toRun = (r: RunRow, names: Map<string, string>): ReportRun => ({
  id: r.id,
  type: r.type as ReportRun['type'],
  format: r.format as ReportRun['format'],
  locale: r.locale as ReportRun['locale'],
  params: r.params,
  clientId: r.clientId,
  status: r.status as ReportRun['status'],
  progress: r.progress,
  error: r.error,
  title: r.title,
  fileName: r.fileName,
  sizeBytes: r.sizeBytes,
  requestedBy: r.requestedBy ? { id: r.requestedBy, name: names.get(r.requestedBy) ?? '' } : null,
  scheduleId: r.scheduleId,
  createdAt: isoReq(r.createdAt),
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
  expiresAt: iso(r.expiresAt),
});

export interface NewRun {
  tenantId: string;
  clientId: string;
  report: CreateReport;
  locale: 'ru' | 'en';
  requestedBy: string | null;
  schedule?: { id: string; slot: string; recipients: string[] };
}

/**
 * Records a run and queues its job in the caller's transaction. A scheduled run is unique per
 * schedule and slot: a second worker reaching the same slot inserts nothing and gets null.
 */
export async function createRun(tx: Tx, n: NewRun): Promise<RunRow | null> {
  const [row] = await tx
    .insert(reportRuns)
    .values({
      id: randomUUID(), tenantId: n.tenantId, clientId: n.clientId, type: n.report.type, format: n.report.format, params: n.report.params as Record<string, unknown>,
      locale: n.locale, requestedBy: n.requestedBy, scheduleId: n.schedule?.id ?? null, slot: n.schedule?.slot ?? null, recipients: n.schedule?.recipients ?? [],
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await enqueue(tx, 'report.generate', { tenantId: n.tenantId, runId: row.id }, row.id);
  return row;
}

/** The language a person chose for the interface; Russian until they choose. */
export async function userLocale(tx: Tx, userId: string | null): Promise<'ru' | 'en'> {
  if (!userId) return 'ru';
  const [u] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return localeOf(u?.locale);
}

export async function runOf(tx: Tx, tenantId: string, id: string): Promise<RunRow | undefined> {
  const [row] = await tx.select().from(reportRuns).where(and(eq(reportRuns.tenantId, tenantId), eq(reportRuns.id, id)));
  return row;
}
