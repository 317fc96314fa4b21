import type { Redis } from 'ioredis';
import { ProblemException } from '../common/problem.js';

// INCR and the window's expiry in one atomic step per key, so a counter can never be left without a
// TTL; all of a request's buckets in one round trip. Keys past the first ARGV[2] are tallies (usage
// counters that limit nothing), each with its own expiry in ARGV[3…], counted in the same trip.
const HIT = `local out = {}
local limited = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  local c = redis.call('INCR', key)
  if c == 1 then redis.call('PEXPIRE', key, i <= limited and ARGV[1] or ARGV[i - limited + 2]) end
  if i <= limited then out[i] = c end
end
return out`;

/** A counter that rides along with the rate-limit round trip: counted, never refused. */
export interface Tally {
  key: string;
  ttlMs: number;
}

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

  /** Counts the request in every bucket (and every tally); the decision is the tightest bucket's. */
  async hitAll(buckets: Bucket[], windowMs = 60_000, tallies: Tally[] = []): Promise<RateDecision> {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    try {
      const keys = [...buckets.map((b) => `${this.prefix}:rl:${b.key}:${window}`), ...tallies.map((t) => t.key)];
      const run = (this.redis as unknown as { mrmRateHit(n: number, ...args: string[]): Promise<number[]> }).mrmRateHit;
      const counts = await run.call(this.redis, keys.length, ...keys, String(windowMs), String(buckets.length), ...tallies.map((t) => String(t.ttlMs)));
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
