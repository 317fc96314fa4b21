// Moves jobs from the outbox table to their queues. Several relays (one per worker pod) share the
// work: each claims rows with SKIP LOCKED. A job added to BullMQ whose row could not be marked is
// added again on the next pass and BullMQ drops it (same job id): never lost, never doubled.
import type { Queue } from 'bullmq';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { outbox } from '../db/schema.js';
import type { Logger } from 'pino';
import { JOBS, isJobName, type QueueName } from './catalogue.js';
import { Poller } from './poller.js';

const BATCH = 200;

export class OutboxRelay {
  private readonly poller: Poller;

  constructor(private readonly db: Database, private readonly queue: (name: QueueName) => Queue, logger: Logger, pollMs: number) {
    // A full batch means more may be waiting: go on at once rather than after the pause.
    this.poller = new Poller(() => this.pass(), { everyMs: pollMs, logger, what: 'outbox relay pass', again: (moved) => moved === BATCH });
  }

  start(): void {
    this.poller.start();
  }

  /** One pass: claim pending rows, add them to their queues, mark them. Returns how many moved. */
  async pass(): Promise<number> {
    return this.db.run({ tenantId: null, relay: true }, async (tx) => {
      const rows = await tx.select().from(outbox).where(eq(outbox.dispatched, false)).orderBy(asc(outbox.seq)).limit(BATCH).for('update', { skipLocked: true });
      if (!rows.length) return 0;
      const done: string[] = [];
      for (const row of rows) {
        const spec = isJobName(row.name) ? JOBS[row.name] : null;
        await this.queue(row.queue as QueueName).add(row.name, row.payload, {
          jobId: row.jobId,
          attempts: spec?.attempts ?? 1,
          backoff: { type: 'exponential', delay: spec?.backoffMs ?? 1000 },
          removeOnComplete: { age: 7 * 86_400, count: 10_000 },
          removeOnFail: false,
        });
        done.push(row.id);
      }
      await tx.update(outbox).set({ dispatched: true, dispatchedAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` }).where(and(inArray(outbox.id, done), eq(outbox.dispatched, false)));
      return done.length;
    });
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }
}
