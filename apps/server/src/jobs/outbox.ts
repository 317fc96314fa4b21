import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.js';
import { outbox } from '../db/schema.js';
import { JOBS, type JobName, type PayloadOf } from './catalogue.js';
import { currentTraceparent } from '../ops/trace.js';

/**
 * Queues a job in the transaction of the change that causes it: both commit or neither does, and
 * a Redis outage loses nothing (the relay moves the row when Redis is back). The job id is the
 * job's name and its key (name.key), so the same cause never queues the same job twice. The trace
 * of the request (or job) that enqueues is kept with the row, so the job's span joins it.
 */
export async function enqueue<N extends JobName>(tx: Tx, name: N, payload: PayloadOf<N>, key: string): Promise<void> {
  const spec = JOBS[name];
  const checked = spec.payload.parse(payload);
  // BullMQ keeps ':' for its own keys and refuses it in a job id.
  if (!/^[\w.-]{1,150}$/.test(key)) throw new Error(`a job key of letters, digits, '.', '_' and '-' only: ${key}`);
  await tx
    .insert(outbox)
    .values({ id: randomUUID(), tenantId: checked.tenantId, queue: spec.queue, name, jobId: `${name}.${key}`, payload: checked, traceparent: currentTraceparent() })
    .onConflictDoNothing({ target: outbox.jobId });
}
