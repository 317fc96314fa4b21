import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, ReadResult, Statement, TxScope, TxWork, Tx } from './database.js';
import { membershipFrom, preamble } from './database.js';

// numeric and date stay strings: money is never parsed into a float on its way out.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// Timestamps too stay as PostgreSQL wrote them (as drizzle keeps them), so cursors keep microseconds.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => v);

/** Parameters become quoted literals (pg's own escaping) so a whole read fits in one simple-protocol batch. */
export function inline(statement: Statement): string {
  return statement.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = statement.params[Number(n) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
    if (typeof value === 'object') return pg.escapeLiteral(JSON.stringify(value));
    return pg.escapeLiteral(String(value));
  });
}

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly primary: pg.Pool;
  private readonly replicas: pg.Pool[];
  private next = 0;

  constructor(url: string, replicaUrls: string[], poolSize: number) {
    // UTC sessions make every timestamp come back as "… +00", which the API turns into ISO cheaply.
    const options = '-c TimeZone=UTC';
    this.primary = new pg.Pool({ connectionString: url, max: poolSize, options });
    this.replicas = replicaUrls.map((u) => new pg.Pool({ connectionString: u, max: poolSize, options }));
    for (const pool of [this.primary, ...this.replicas]) pool.on('error', () => undefined);
  }

  private pick(replica?: boolean): pg.Pool {
    if (!replica || this.replicas.length === 0) return this.primary;
    this.next = (this.next + 1) % this.replicas.length;
    return this.replicas[this.next];
  }

  async run<T>(scope: TxScope, fn: TxWork<T>): Promise<T> {
    const client = await this.pick(scope.replica).connect();
    try {
      // begin + settings (+ membership) travel as one simple-protocol batch: one round trip.
      const { settings, membership: check } = preamble(scope);
      const batch = [`begin${scope.replica ? ' read only' : ''}`, settings, ...(check ? [check] : [])].join('; ');
      const results = (await client.query(batch)) as unknown as pg.QueryResult[];
      const membership = check ? membershipFrom(results[2].rows) : null;
      // No schema here: it only serves relational queries (unused), and extracting it per request is costly.
      const tx = drizzle({ client }) as unknown as Tx;
      const out = await fn(tx, membership);
      await client.query('commit');
      return out;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async readOnce(scope: TxScope, statement: Statement): Promise<ReadResult> {
    const client = await this.pick(scope.replica).connect();
    try {
      const { settings, membership: check } = preamble(scope);
      const batch = ['begin read only', settings, ...(check ? [check] : []), inline(statement), 'commit'];
      const results = (await client.query(batch.join('; '))) as unknown as pg.QueryResult[];
      return { membership: check ? membershipFrom(results[2].rows) : null, rows: results[batch.length - 2].rows };
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.primary.query('select 1');
  }

  async close(): Promise<void> {
    await Promise.all([this.primary, ...this.replicas].map((p) => p.end()));
  }
}
