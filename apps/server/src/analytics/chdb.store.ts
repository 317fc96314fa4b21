import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import { arrowBatch, arrowHooks } from './arrow-columns.js';
import { batchRows, jsonEachRow, tableName, type AnalyticsStore, type ColumnBatch, type QueryParams } from './store.js';

const arrow = arrowHooks();
let registered = 0;

/**
 * chDB in this process. Only one data folder per process and only one process per folder: in
 * embedded mode the API and the worker share one process (MRM_ROLE=all). Async calls only, so a
 * query never blocks the event loop.
 */
export class ChdbStore implements AnalyticsStore {
  readonly kind = 'chdb' as const;
  private closed = false;

  private constructor(
    private readonly session: Session,
    readonly path: string,
  ) {}

  static open(path: string): ChdbStore {
    mkdirSync(path, { recursive: true });
    try {
      return new ChdbStore(new Session(path), path);
    } catch (err) {
      throw new Error(`cannot open the embedded analytics store in ${path}: ${(err as Error).message} (only one process may open it; set CLICKHOUSE_URL to use a server)`);
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
    const result = params && Object.keys(params).length
      ? await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' })
      : await this.session.queryAsync(sql, { format: 'JSONEachRow' });
    const text = result.text();
    if (!text) return [];
    const rows: T[] = [];
    for (const line of text.split('\n')) if (line) rows.push(JSON.parse(line) as T);
    return rows;
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    if (params && Object.keys(params).length) await this.session.queryBindAsync(sql, params, { format: 'Null' });
    else await this.session.queryAsync(sql, { format: 'Null' });
  }

  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.session.insert({ table: tableName(table), values: jsonEachRow(rows), format: 'JSONEachRow' });
    return rows.length;
  }

  /**
   * The batch's columns are handed to the engine as Arrow arrays over JS memory and inserted with
   * INSERT … SELECT: no text is built or parsed for numbers, and strings are copied once per column.
   */
  async insertColumns(table: string, batch: ColumnBatch): Promise<number> {
    if (batch.rows === 0) return 0;
    if (this.closed) throw new Error('the analytics store is closed');
    if (!arrow) return this.insert(table, batchRows(batch));
    const target = tableName(table);
    const { columns, list } = arrowBatch(batch);
    const name = `mrm_insert_${++registered}`;
    const connection = (this.session as unknown as { connection: unknown }).connection;
    arrow._arrowRegisterColumns(connection, name, columns);
    try {
      await this.session.queryAsync(`INSERT INTO ${target} (${list}) SELECT ${list} FROM arrowstream('${name}')`, { format: 'Null' });
    } finally {
      arrow._arrowUnregister(connection, name);
    }
    return batch.rows;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('closed');
    await this.session.queryAsync('SELECT 1', { format: 'Null' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
  }
}
