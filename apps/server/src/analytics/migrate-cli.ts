// `npm run analytics:migrate`: the one-shot analytics migration step, run beside `db:migrate`.
import { AnalyticsConfigError, analyticsSettings, openAnalyticsStore } from './settings.js';
import { migrateAnalytics } from './migrate.js';

try {
  const settings = analyticsSettings();
  const store = openAnalyticsStore(settings);
  try {
    const { applied, skipped } = await migrateAnalytics(store, { cluster: settings.cluster });
    const where = settings.url ? `ClickHouse${settings.cluster ? ` cluster ${settings.cluster}` : ''}` : `the embedded analytics store in ${settings.dataDir}`;
    console.log(`analytics migrations applied to ${where}: ${applied.length ? applied.join(', ') : 'none new'} (${skipped} already applied)`);
  } finally {
    await store.close();
  }
} catch (err) {
  console.error(err instanceof AnalyticsConfigError ? err.message : `analytics migration failed: ${(err as Error).message}`);
  process.exit(1);
}
