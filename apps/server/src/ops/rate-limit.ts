import type { Redis } from 'ioredis';
import { ProblemException } from '../common/problem.js';

// INCR and the window's expiry in one atomic step per key, so a counter can never be left without a
// TTL; all of a request's buckets in one round trip.
const HIT = `local out = {}
for i, key in ipairs(KEYS) do
  local c = redis.call('INCR', key)
  if c == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  out[i] = c
end
return out`;

export interface Bucket {
  key: string;
  limit: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
  /** The bucket that decided (the one with the least room). */
  bucket?: string;
}

/** Fixed-window counters in Redis, shared by every pod. A Redis outage lets traffic through. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    if (!('mrmRateHit' in redis)) redis.defineCommand('mrmRateHit', { lua: HIT });
  }

  async hit(bucket: string, limit: number, windowMs = 60_000): Promise<RateDecision> {
    return this.hitAll([{ key: bucket, limit }], windowMs);
  }

  /** Counts the request in every bucket; the decision is the tightest one. */
  async hitAll(buckets: Bucket[], windowMs = 60_000): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    try {
      const keys = buckets.map((b) => `${this.prefix}:rl:${b.key}:${window}`);
      const run = (this.redis as unknown as { mrmRateHit(n: number, ...args: string[]): Promise<number[]> }).mrmRateHit;
      const counts = await run.call(this.redis, keys.length, ...keys, String(windowMs));
      let tightest: RateDecision = { allowed: true, limit: Infinity, remaining: Infinity, retryAfterSeconds };
      buckets.forEach((b, i) => {
        const remaining = b.limit - Number(counts[i]);
        if (remaining < tightest.remaining) tightest = { allowed: remaining >= 0, limit: b.limit, remaining: Math.max(0, remaining), retryAfterSeconds, bucket: b.key };
      });
      return tightest;
    } catch {
      return { allowed: true, limit: Infinity, remaining: Infinity, retryAfterSeconds: 0 };
    }
  }
}

export function enforce(decision: RateDecision, what: string): void {
  if (decision.allowed) return;
  throw new ProblemException(429, 'rate-limited', `Too many ${what}; try again in ${decision.retryAfterSeconds} s.`, undefined, {
    'retry-after': String(decision.retryAfterSeconds),
  });
}
