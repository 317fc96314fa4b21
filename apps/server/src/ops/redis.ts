import { Redis } from 'ioredis';
import type { Config } from '../config/config.js';

export const REDIS = Symbol('REDIS');

/**
 * Requests never wait on a dead Redis: no offline queue, one try per command. The client keeps
 * reconnecting in the background, so readiness comes back by itself when Redis does.
 */
export function createRedis(config: Config): Redis {
  const redis = new Redis(config.REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    // Concurrent requests' rate-limit calls share one socket write per tick instead of one each.
    enableAutoPipelining: true,
  });
  redis.on('error', () => undefined);
  return redis;
}

export async function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  redis.connect().catch(() => undefined);
  while (Date.now() < deadline) {
    if (redis.status === 'ready') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return redis.status === 'ready';
}
