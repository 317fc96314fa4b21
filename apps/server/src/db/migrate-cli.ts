// `npm run db:migrate`: the one-shot migration step (a Kubernetes Job / PreSync hook in production).
import { ConfigError, loadConfig } from '../config/config.js';
import { migrateEmbedded, migratePostgres } from './migrate.js';
import { EmbeddedDatabase } from './pglite.js';

try {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    await migratePostgres(config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL);
    console.log('migrations applied to PostgreSQL');
  } else {
    const db = await EmbeddedDatabase.open(config.MRM_DATA_DIR);
    await migrateEmbedded(db);
    await db.close();
    console.log(`migrations applied to the embedded database in ${config.MRM_DATA_DIR}`);
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
}
