// Who made and who submitted a version, read from the audit log the same transactions wrote: the
// version row keeps names for display, the log keeps the ids.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { auditLog } from '../db/schema.js';

/** The user ids (people only, not API clients) that did `actions` on version `number` of the plan. */
export async function versionActors(tx: Tx, tenantId: string, planId: string, number: number, actions: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ action: auditLog.action, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, 'plan_version'), eq(auditLog.entityId, `${planId}:${number}`), eq(auditLog.actorType, 'user'), inArray(auditLog.action, actions)))
    .orderBy(auditLog.seq);
  return new Map(rows.filter((r) => r.actorId).map((r) => [r.action, r.actorId!]));
}
