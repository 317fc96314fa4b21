/**
 * The analytics store: ClickHouse SQL over one of two transports. Embedded (no CLICKHOUSE_URL): chDB,
 * the ClickHouse engine inside this process, in a data folder only one process may open. Server:
 * a ClickHouse server over HTTP. Same SQL on both; placeholders are ClickHouse's own `{name:Type}`.
 */
export type QueryParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export interface AnalyticsStore {
  /** `chdb` in-process, or `http` to a ClickHouse server. */
  readonly kind: 'chdb' | 'http';
  /** Runs a SELECT and returns its rows (JSONEachRow; 64-bit integers come back as numbers on both transports). */
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
  /** Runs a statement that returns no rows (DDL, INSERT … SELECT, OPTIMIZE). */
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts rows given as objects keyed by column name; returns how many were sent. */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<number>;
  /**
   * Inserts rows given column by column, where a transport has a cheaper way than one object per
   * row; callers fall back to insert(table, batchRows(batch)) when a store lacks it.
   */
  insertColumns?(table: string, batch: ColumnBatch): Promise<number>;
  /** Answers when the store does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const ANALYTICS_STORE = Symbol('ANALYTICS_STORE');

/** A table name as SQL: plain identifiers only (optionally `db.table`), so nothing else reaches the text. */
export function tableName(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

/**
 * Rows column by column: every column holds `rows` values, as insert() would take them in an object
 * (strings, or numbers the column's type reads from JSON). The engine converts them to the table's types.
 */
export interface ColumnBatch {
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly values: readonly (string | number)[] }[];
}

/** A column batch as one object per row, for insert(). */
export function batchRows(batch: ColumnBatch): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = new Array(batch.rows);
  for (let i = 0; i < batch.rows; i++) {
    const row: Record<string, unknown> = {};
    for (const c of batch.columns) row[c.name] = c.values[i];
    out[i] = row;
  }
  return out;
}

/** Rows as JSONEachRow bytes: one JSON object per line. */
export function jsonEachRow(rows: readonly Record<string, unknown>[]): Buffer {
  let out = '';
  for (const row of rows) out += JSON.stringify(row) + '\n';
  return Buffer.from(out);
}
