import { join } from 'node:path';
import { z } from 'zod';
import { ChdbStore } from './chdb.store.js';
import { HttpStore } from './http.store.js';
import type { AnalyticsStore } from './store.js';

const int = (min: number, max: number) => z.coerce.number({ message: 'a whole number' }).int().min(min).max(max);

/** The analytics store's own variables, read here so the store can be opened by a CLI or a test alone. */
const AnalyticsEnv = z.object({
  CLICKHOUSE_URL: z.url({ message: 'an http(s):// URL of a ClickHouse server' }).optional(),
  CLICKHOUSE_USER: z.string().min(1).optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain database name').optional(),
  CLICKHOUSE_CLUSTER: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a cluster name from the server configuration').optional(),
  ANALYTICS_DATA_DIR: z.string().min(1).optional(),
  ANALYTICS_FLUSH_ROWS: int(1, 10_000_000).default(50_000),
  ANALYTICS_FLUSH_MS: int(10, 600_000).default(2_000),
  MRM_DATA_DIR: z.string().min(1).default('./.data'),
});

export interface AnalyticsSettings {
  /** Unset: chDB in `dataDir`. Set: a ClickHouse server over HTTP. */
  url?: string;
  username?: string;
  password?: string;
  database?: string;
  /** Set: the clustered migrations (Replicated*, ON CLUSTER, Distributed) for this cluster name. */
  cluster?: string;
  dataDir: string;
  flushRows: number;
  flushMs: number;
}

export class AnalyticsConfigError extends Error {}

export function analyticsSettings(source: NodeJS.ProcessEnv = process.env): AnalyticsSettings {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = AnalyticsEnv.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AnalyticsConfigError(`Configuration error: ${String(issue.path[0])} — ${issue.message}`);
  }
  const env = parsed.data;
  if (env.CLICKHOUSE_CLUSTER && !env.CLICKHOUSE_URL) {
    throw new AnalyticsConfigError('Configuration error: CLICKHOUSE_CLUSTER — needs CLICKHOUSE_URL (the embedded store is not a cluster)');
  }
  return {
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    database: env.CLICKHOUSE_DATABASE,
    cluster: env.CLICKHOUSE_CLUSTER,
    dataDir: env.ANALYTICS_DATA_DIR ?? join(env.MRM_DATA_DIR, 'analytics'),
    flushRows: env.ANALYTICS_FLUSH_ROWS,
    flushMs: env.ANALYTICS_FLUSH_MS,
  };
}

export function openAnalyticsStore(settings: AnalyticsSettings): AnalyticsStore {
  if (settings.url) {
    return new HttpStore({ url: settings.url, username: settings.username, password: settings.password, database: settings.database });
  }
  return ChdbStore.open(settings.dataDir);
}
