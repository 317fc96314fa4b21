import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const ACTIVE_WINDOW_MS = 15 * 60_000;

/** Every series the platform exports; one registry per process. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly apiCalls = new Counter({
    name: 'mrm_api_calls_total',
    help: 'Calls to /api/v1 (business metric: API calls per minute = rate over 1m)',
    registers: [this.registry],
  });
  readonly projectsCreated = new Counter({
    name: 'mrm_projects_created_total',
    help: 'Projects created (business metric: projects per day = increase over 1d)',
    registers: [this.registry],
  });
  readonly tenantsCreated = new Counter({
    name: 'mrm_tenants_created_total',
    help: 'Agency workspaces registered',
    registers: [this.registry],
  });
  readonly reportsGenerated = new Counter({
    name: 'mrm_reports_generated_total',
    help: 'Report files made, by type and format (business metric: reports per hour = increase over 1h)',
    labelNames: ['type', 'format'] as const,
    registers: [this.registry],
  });
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    labels: Record<string, string>,
  ) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry });
    const activeKey = `${prefix}:active-users`;
    new Gauge({
      name: 'mrm_active_users',
      help: 'Distinct users who made an authenticated request in the last 15 minutes, across all pods',
      registers: [this.registry],
      async collect() {
        try {
          const since = Date.now() - ACTIVE_WINDOW_MS;
          await redis.zremrangebyscore(activeKey, 0, since);
          this.set(await redis.zcard(activeKey));
        } catch {
          // Redis down: leave the last value rather than report zero users.
        }
      },
    });
  }

  /** Records activity at most once a minute per user per pod, so the hot path rarely touches Redis. */
  seen(userId: string): void {
    const now = Date.now();
    if ((this.lastSeen.get(userId) ?? 0) > now - 60_000) return;
    this.lastSeen.set(userId, now);
    if (this.lastSeen.size > 50_000) this.lastSeen.clear();
    this.redis.zadd(`${this.prefix}:active-users`, now, userId).catch(() => undefined);
  }
}

export const METRICS = Symbol('METRICS');
