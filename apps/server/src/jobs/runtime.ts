// The worker role: BullMQ consumers for the queues this process takes (QUEUE_NAME), the outbox
// relay, and the queue metrics. In embedded mode it runs inside the API process (MRM_ROLE=all).
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Logger } from 'pino';
import type { Metrics } from '../ops/metrics.js';
import { JOBS, QUEUES, isJobName, type QueueName } from './catalogue.js';
import { PermanentJobError } from './errors.js';
import { checkHandlers, type JobHandler } from './handlers.js';
import { OutboxRelay } from './relay.js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { jobParentContext, tracer } from '../ops/trace.js';

export interface JobRuntimeDeps {
  config: Config;
  db: Database;
  metrics: Metrics;
  logger: Logger;
}

/** BullMQ keys under the platform's prefix: its braces keep every key in one Redis Cluster slot. */
export const bullPrefix = (config: Config) => `${config.REDIS_PREFIX}:bull`;

/** The queues this process consumes: QUEUE_NAME=sync,reports picks some; unset means all. */
export function consumedQueues(config: Config): QueueName[] {
  const wanted = (config.QUEUE_NAME ?? QUEUES.join(',')).split(',').map((q) => q.trim()).filter(Boolean);
  return QUEUES.filter((q) => wanted.includes(q));
}

export class JobRuntime {
  private readonly connections: Redis[] = [];
  readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private relay?: OutboxRelay;

  private constructor(private readonly deps: JobRuntimeDeps, private readonly handlers: Map<string, JobHandler>) {}

  /** Refuses to start when a job has no handler or two (a typo would otherwise leave jobs waiting forever). */
  static create(deps: JobRuntimeDeps, handlers: readonly JobHandler[]): JobRuntime {
    return new JobRuntime(deps, checkHandlers(handlers));
  }

  private connection(): Redis {
    // Workers block on Redis: they need retries without a limit, unlike the request path's client.
    const redis = new Redis(this.deps.config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
    redis.on('error', () => undefined);
    this.connections.push(redis);
    return redis;
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection(), prefix: bullPrefix(this.deps.config) });
      this.queues.set(name, q);
    }
    return q;
  }

  start(): void {
    const { config, logger } = this.deps;
    const m = jobMetrics(this.deps.metrics, this);
    for (const name of consumedQueues(config)) {
      const worker = new Worker(name, (job) => this.process(job), {
        connection: this.connection(),
        prefix: bullPrefix(config),
        concurrency: config.WORKER_CONCURRENCY,
        // A worker that dies mid-job (kill -9, a lost node) holds the job until its lock expires;
        // then another worker takes it up again from the start (handlers are idempotent).
        lockDuration: config.WORKER_LOCK_MS,
        stalledInterval: config.WORKER_LOCK_MS,
      });
      worker.on('active', (job) => m.wait.observe({ queue: name }, Math.max(0, Date.now() - job.timestamp) / 1000));
      worker.on('completed', (job) => m.duration.observe({ queue: name, job: job.name }, ((job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now())) / 1000));
      worker.on('failed', (job, err) => {
        m.failures.inc({ queue: name, job: job?.name ?? 'unknown', final: String(!job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1)) });
        logger.warn({ queue: name, job: job?.name, job_id: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed');
      });
      worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.relay = new OutboxRelay(this.deps.db, (name) => this.queue(name), logger, config.OUTBOX_POLL_MS);
    this.relay.start();
    logger.info({ queues: consumedQueues(config) }, 'worker consuming');
  }

  /** Each attempt of a job is a span in the trace of the request that enqueued it. */
  private process(job: Job): Promise<void> {
    const data = job.data as { tenantId?: unknown } | undefined;
    const attributes = {
      'messaging.system': 'bullmq',
      'messaging.destination.name': job.queueName,
      'messaging.message.id': String(job.id),
      'mrm.job.name': job.name,
      'mrm.job.attempt': job.attemptsMade + 1,
      ...(typeof data?.tenantId === 'string' ? { 'mrm.tenant_id': data.tenantId } : {}),
    };
    const parent = jobParentContext(job.opts.telemetry?.metadata);
    return tracer.startActiveSpan(`job ${job.name}`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
      try {
        await this.run(job);
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  private async run(job: Job): Promise<void> {
    if (!isJobName(job.name)) throw new UnrecoverableError(`no such job: ${job.name}`);
    const parsed = JOBS[job.name].payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.issues[0]?.message}`);
    try {
      await this.handlers.get(job.name)!.run(parsed.data, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }

  /** Stops taking jobs, lets running ones finish, stops the relay, closes connections. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.relay?.stop();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

function jobMetrics(metrics: Metrics, runtime: JobRuntime) {
  const registers = [metrics.registry];
  const existing = metrics.registry.getSingleMetric('mrm_queue_depth');
  if (!existing) {
    new Gauge({
      name: 'mrm_queue_depth',
      help: 'Jobs per queue and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const name of QUEUES) {
          const counts = await runtime.queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed').catch(() => null);
          if (counts) for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
        }
      },
    });
  }
  return {
    wait: (metrics.registry.getSingleMetric('mrm_job_wait_seconds') as Histogram) ?? new Histogram({ name: 'mrm_job_wait_seconds', help: 'Time from queued to started', labelNames: ['queue'], buckets: [0.05, 0.25, 1, 5, 30, 120, 600], registers }),
    duration: (metrics.registry.getSingleMetric('mrm_job_duration_seconds') as Histogram) ?? new Histogram({ name: 'mrm_job_duration_seconds', help: 'Time a job ran', labelNames: ['queue', 'job'], buckets: [0.01, 0.05, 0.25, 1, 5, 30, 120], registers }),
    failures: (metrics.registry.getSingleMetric('mrm_job_failures_total') as Counter) ?? new Counter({ name: 'mrm_job_failures_total', help: 'Failed job attempts; final=true when no retry follows', labelNames: ['queue', 'job', 'final'], registers }),
  };
}
