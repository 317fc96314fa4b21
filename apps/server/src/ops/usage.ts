import type { Redis } from 'ioredis';
import type { Tally } from './rate-limit.js';

const DAY_MS = 86_400_000;
/** Long enough for the admin page's 30 days, whatever the hour. */
export const API_CALLS_RETENTION_DAYS = 32;

/** A UTC calendar day, YYYY-MM-DD. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * API calls per workspace per UTC day, in Redis (shared by every pod, unlike the process-local
 * Prometheus counter). The count is written by the request hook in the same round trip as the rate
 * limit, so it costs no extra trip; reading it never fails a request.
 */
export class ApiUsage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(tenantId: string, day: string): string {
    return `${this.prefix}:api-calls:${tenantId}:${day}`;
  }

  /** The counter this request adds one to. */
  tally(tenantId: string, now = Date.now()): Tally {
    return { key: this.key(tenantId, utcDay(now)), ttlMs: API_CALLS_RETENTION_DAYS * DAY_MS };
  }

  /** Calls on each of the last `days` UTC days, oldest first (today last); null when Redis cannot be read. */
  async daily(tenantId: string, days: number, now = Date.now()): Promise<Array<{ date: string; count: number }> | null> {
    const dates = Array.from({ length: days }, (_, i) => utcDay(now - (days - 1 - i) * DAY_MS));
    try {
      const values = await this.redis.mget(...dates.map((d) => this.key(tenantId, d)));
      return dates.map((date, i) => ({ date, count: Number(values[i] ?? 0) }));
    } catch {
      return null;
    }
  }
}
