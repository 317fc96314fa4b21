import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { ANALYTICS_STORE, type AnalyticsStore } from '../analytics/store.js';
import { Public } from '../common/context.js';
import type { Database } from '../db/database.js';
import { DATABASE } from '../tenancy/tenancy.service.js';
import { LIFECYCLE, type Lifecycle } from './lifecycle.js';
import { METRICS, type Metrics } from './metrics.js';
import { REDIS } from './redis.js';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

async function check(fn: () => Promise<unknown>): Promise<string> {
  try {
    await within(1500, fn());
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class OpsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LIFECYCLE) private readonly lifecycle: Lifecycle,
    @Optional() @Inject(ANALYTICS_STORE) private readonly analytics?: AnalyticsStore,
  ) {}

  /** Liveness: the process answers. Never touches a dependency, so a database outage restarts nothing. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: dependencies answer and we are not shutting down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const analytics = this.analytics;
    const [postgres, redis, clickhouse] = await Promise.all([
      check(() => this.db.ping()),
      check(() => this.redis.ping()),
      analytics ? check(() => analytics.ping()) : Promise.resolve(undefined),
    ]);
    const checks: Record<string, string> = { [this.db.kind === 'pglite' ? 'database (embedded)' : 'postgres']: postgres, redis };
    if (analytics && clickhouse) checks[analytics.kind === 'chdb' ? 'analytics (embedded)' : 'clickhouse'] = clickhouse;
    const ready = !this.lifecycle.shuttingDown && Object.values(checks).every((c) => c === 'ok');
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : this.lifecycle.shuttingDown ? 'shutting-down' : 'not-ready', checks };
  }

  @Get('metrics')
  async metricsText(@Res() reply: FastifyReply) {
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
