import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle, type PgliteDatabase as DrizzlePglite } from 'drizzle-orm/pglite';
import type { Database, ReadResult, Statement, TxScope, TxWork, Tx } from './database.js';
import { membershipFrom, preamble } from './database.js';
import * as schema from './schema.js';

/** The embedded database: one process owns the data folder, and PGlite runs one query at a time. */
export class EmbeddedDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly client: PGlite;
  readonly db: DrizzlePglite<typeof schema>;

  private constructor(client: PGlite) {
    this.client = client;
    this.db = drizzle({ client, schema });
  }

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const dir = resolve(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(dir, {
      // numeric, date and timestamps stay strings, as on the node-postgres driver.
      parsers: { 1700: (v: string) => v, 1082: (v: string) => v, 1184: (v: string) => v, 1114: (v: string) => v },
    });
    return new EmbeddedDatabase(client);
  }

  async run<T>(scope: TxScope, fn: TxWork<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { settings, membership: check } = preamble(scope);
      await tx.execute(sql.raw(settings));
      const membership = check ? membershipFrom((await tx.execute(sql.raw(check))).rows as Array<Record<string, unknown>>) : null;
      return fn(tx as unknown as Tx, membership);
    });
  }

  async readOnce(scope: TxScope, statement: Statement): Promise<ReadResult> {
    return this.client.transaction(async (tx) => {
      const { settings, membership: check } = preamble(scope);
      await tx.query(settings);
      const membership = check ? membershipFrom((await tx.query<Record<string, unknown>>(check)).rows) : null;
      const { rows } = await tx.query<Record<string, unknown>>(statement.sql, statement.params);
      return { membership, rows };
    });
  }

  async ping(): Promise<void> {
    await this.client.query('select 1');
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
