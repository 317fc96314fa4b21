import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle, type PgliteDatabase as DrizzlePglite } from 'drizzle-orm/pglite';
import type { Database, TxScope, TxWork, Tx } from './database.js';
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
      // numeric and date stay strings, as on the node-postgres driver.
      parsers: { 1700: (v: string) => v, 1082: (v: string) => v },
    });
    return new EmbeddedDatabase(client);
  }

  async run<T>(scope: TxScope, fn: TxWork<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      let membership = null;
      for (const statement of preamble(scope)) {
        const res = await tx.execute(sql.raw(statement));
        if (scope.membership) membership = membershipFrom(res.rows as Array<Record<string, unknown>>);
      }
      return fn(tx as unknown as Tx, membership);
    });
  }

  async ping(): Promise<void> {
    await this.client.query('select 1');
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
