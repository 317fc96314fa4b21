// Queues the scheduled syncs. Every worker runs one; several of them agree without talking to each
// other: a run's id is derived from the connection and its schedule slot, so the second pod's
// insert of the same run does nothing, and neither does its job (same job id).
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { connections, syncRuns } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { Poller } from '../jobs/poller.js';

const ACTIVE = ['queued', 'running', 'retrying'];

/** A UUID that is the same for the same text (the SHA-256 of it, shaped as a version 8 UUID). */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class SyncScheduler {
  private readonly poller: Poller;

  constructor(private readonly db: Database, logger: Logger, everyMs: number, private readonly now = () => Date.now()) {
    this.poller = new Poller(() => this.pass(), { everyMs, logger, what: 'sync scheduler pass' });
  }

  start(): void {
    this.poller.start();
  }

  /** Queues a run for every active connection whose schedule is due; returns how many were queued. */
  async pass(): Promise<number> {
    const due = await this.db.run({ tenantId: null, relay: true }, (tx) =>
      tx
        .select({ id: connections.id, tenantId: connections.tenantId, clientId: connections.clientId, accounts: connections.accounts, scheduleMinutes: connections.scheduleMinutes })
        .from(connections)
        .where(and(eq(connections.status, 'active'), or(isNull(connections.lastSyncAt), lt(connections.lastSyncAt, sql`now() - make_interval(mins => ${connections.scheduleMinutes})`))))
        .limit(500),
    );
    let queued = 0;
    for (const c of due) {
      const slot = Math.floor(this.now() / 60_000 / c.scheduleMinutes);
      const runId = uuidFrom(`${c.id}:${slot}`);
      queued += await this.db.run({ tenantId: c.tenantId }, async (tx) => {
        const busy = await tx.select({ id: syncRuns.id }).from(syncRuns).where(and(eq(syncRuns.tenantId, c.tenantId), eq(syncRuns.connectionId, c.id), inArray(syncRuns.status, ACTIVE))).limit(1);
        if (busy.length) return 0;
        const inserted = await tx
          .insert(syncRuns)
          .values({ id: runId, tenantId: c.tenantId, clientId: c.clientId, connectionId: c.id, trigger: 'schedule', accountsTotal: c.accounts.length })
          .onConflictDoNothing()
          .returning({ id: syncRuns.id });
        if (!inserted.length) return 0;
        await enqueue(tx, 'connection.sync', { tenantId: c.tenantId, connectionId: c.id, runId }, runId);
        return 1;
      });
    }
    return queued;
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }
}
