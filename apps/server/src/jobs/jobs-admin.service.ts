// Failed (and other) jobs of this workspace, and retrying one. The queues are shared by every
// workspace; a job is shown and touched only when its payload names this one — any other is a 404.
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_QUEUES, type JobListQuery } from '@mrm/contracts';
import type { z } from 'zod';
import { CONFIG, type Config } from '../config/config.js';
import { notFound, ProblemException } from '../common/problem.js';
import type { RequestContext } from '../common/context.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import type { QueueName } from './catalogue.js';
import { bullPrefix } from './runtime.js';

type Query = z.infer<typeof JobListQuery>;
const SCAN = 1000;

@Injectable()
export class JobsAdminService implements OnModuleDestroy {
  private redis?: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(CONFIG) private readonly config: Config, private readonly tenancy: Tenancy) {}

  private queue(name: QueueName): Queue {
    if (!this.redis) {
      // Fails fast like the request path's client: a request must not hang on a dead Redis.
      this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
      this.redis.on('error', () => undefined);
    }
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Queue(name, { connection: this.redis, prefix: bullPrefix(this.config) })));
    return q;
  }

  async list(ctx: RequestContext, query: Query) {
    const { tenantId } = await this.tenancy.run(ctx, async (_tx, access) => access);
    const items = [];
    for (const name of query.queue ? [query.queue] : JOB_QUEUES) {
      const jobs = await this.reach(() => this.queue(name).getJobs([query.state], 0, SCAN - 1, false));
      for (const job of jobs) if (job?.data?.tenantId === tenantId) items.push(view(name, query.state, job));
    }
    items.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
    return { items: items.slice(0, query.limit) };
  }

  async retry(ctx: RequestContext, queue: QueueName, id: string) {
    const { tenantId } = await this.tenancy.run(ctx, async (_tx, access) => access);
    const job = await this.reach(() => this.queue(queue).getJob(id));
    if (!job || job.data?.tenantId !== tenantId) throw notFound('Job');
    const state = await job.getState();
    if (state !== 'failed') throw new ProblemException(409, 'conflict', `Only a failed job can be retried; this one is ${state}.`, [{ field: 'jobId', message: `the job is ${state}` }]);
    await job.retry('failed');
    return view(queue, 'waiting', job);
  }

  private async reach<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch {
      throw new ProblemException(503, 'request', 'The job queues cannot be reached right now; try again shortly.');
    }
  }

  async onModuleDestroy() {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

function view(queue: QueueName, state: string, job: Job) {
  return {
    id: String(job.id),
    queue,
    name: job.name,
    state: state as 'failed',
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason ?? null,
    payload: job.data as Record<string, unknown>,
    queuedAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
