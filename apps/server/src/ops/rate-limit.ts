import type { Redis } from 'ioredis';
import { ProblemException } from '../common/problem.js';

// INCR and the window's expiry in one atomic step, so a counter can never be left without a TTL.
const HIT = `local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c`;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters in Redis, shared by every pod. A Redis outage lets traffic through. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(bucket: string, limit: number, windowMs = 60_000): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    try {
      const count = Number(await this.redis.eval(HIT, 1, `${this.prefix}:rl:${bucket}:${window}`, String(windowMs)));
      return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
    } catch {
      return { allowed: true, limit, remaining: limit, retryAfterSeconds: 0 };
    }
  }
}

export function enforce(decision: RateDecision, what: string): void {
  if (decision.allowed) return;
  throw new ProblemException(429, 'rate-limited', `Too many ${what}; try again in ${decision.retryAfterSeconds} s.`, undefined, {
    'retry-after': String(decision.retryAfterSeconds),
  });
}
