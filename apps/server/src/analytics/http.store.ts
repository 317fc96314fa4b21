import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { tableName, type AnalyticsStore, type QueryParams } from './store.js';

export interface HttpStoreOptions {
  /** http(s)://user:password@host:8123/database — user, password and database may also come separately. */
  url: string;
  username?: string;
  password?: string;
  database?: string;
  requestTimeoutMs?: number;
}

/** A ClickHouse server over HTTP (`@clickhouse/client`). */
export class HttpStore implements AnalyticsStore {
  readonly kind = 'http' as const;
  private readonly client: ClickHouseClient;

  constructor(opts: HttpStoreOptions) {
    const url = new URL(opts.url);
    const username = opts.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const password = opts.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
    const database = opts.database ?? (url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined);
    url.username = '';
    url.password = '';
    url.pathname = '/';
    this.client = createClient({
      url: url.toString(),
      username,
      password,
      database,
      request_timeout: opts.requestTimeoutMs ?? 30_000,
      // Numbers, as chDB returns them, so callers see one shape whichever transport runs.
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      // The client logs to the console by itself otherwise; errors reach the caller as rejections.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  async query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
    const rs = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    await this.client.command({ query: sql, query_params: params });
  }

  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.client.insert({ table: tableName(table), values: rows as Record<string, unknown>[], format: 'JSONEachRow' });
    return rows.length;
  }

  async ping(): Promise<void> {
    const result = await this.client.ping();
    if (!result.success) throw result.error;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
