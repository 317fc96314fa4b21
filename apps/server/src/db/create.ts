import type { Config } from '../config/config.js';
import type { Database } from './database.js';
import { migrateEmbedded, migratePostgres } from './migrate.js';
import { EmbeddedDatabase } from './pglite.js';
import { PostgresDatabase } from './postgres.js';

export async function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    if (config.migrateOnStart) await migratePostgres(config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL);
    return new PostgresDatabase(config.DATABASE_URL, config.DATABASE_REPLICA_URLS ?? [], config.DATABASE_POOL_SIZE);
  }
  const db = await EmbeddedDatabase.open(config.MRM_DATA_DIR);
  if (config.migrateOnStart) await migrateEmbedded(db);
  return db;
}
