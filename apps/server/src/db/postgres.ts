import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, TxScope, TxWork, Tx } from './database.js';
import { membershipFrom, preamble } from './database.js';
import * as schema from './schema.js';

// numeric and date stay strings: money is never parsed into a float on its way out.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly primary: pg.Pool;
  private readonly replicas: pg.Pool[];
  private next = 0;

  constructor(url: string, replicaUrls: string[], poolSize: number) {
    this.primary = new pg.Pool({ connectionString: url, max: poolSize });
    this.replicas = replicaUrls.map((u) => new pg.Pool({ connectionString: u, max: poolSize }));
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
      const batch = [`begin${scope.replica ? ' read only' : ''}`, ...preamble(scope)].join('; ');
      const results = (await client.query(batch)) as unknown as pg.QueryResult[];
      const membership = scope.membership ? membershipFrom(results[results.length - 1].rows) : null;
      const tx = drizzle({ client, schema }) as unknown as Tx;
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

  async ping(): Promise<void> {
    await this.primary.query('select 1');
  }

  async close(): Promise<void> {
    await Promise.all([this.primary, ...this.replicas].map((p) => p.end()));
  }
}
