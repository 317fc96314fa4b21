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
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { currentTraceparent, jobParentContext, jobTraceMetadata, tracer } from '../ops/trace.js';

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
        // The hand-over is a span of the trace that enqueued the job (a new trace for a row written
        // without one); the job carries this span's context on, in BullMQ's telemetry field.
        const parent = jobParentContext(jobTraceMetadata(row.traceparent));
        const attributes = { 'messaging.system': 'bullmq', 'messaging.destination.name': row.queue, 'mrm.job.name': row.name, 'messaging.message.id': row.jobId, 'mrm.tenant_id': row.tenantId };
        await tracer.startActiveSpan(`outbox.dispatch ${row.name}`, { kind: SpanKind.PRODUCER, attributes }, parent, async (span) => {
          try {
            await this.queue(row.queue as QueueName).add(row.name, row.payload, {
              jobId: row.jobId,
              attempts: spec?.attempts ?? 1,
              backoff: { type: 'exponential', delay: spec?.backoffMs ?? 1000 },
              removeOnComplete: { age: 7 * 86_400, count: 10_000 },
              removeOnFail: false,
              telemetry: { metadata: jobTraceMetadata(currentTraceparent() ?? row.traceparent) },
            });
          } catch (err) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
            throw err;
          } finally {
            span.end();
          }
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
