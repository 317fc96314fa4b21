export { AnalyticsModule } from './analytics.module.js';
export { ChdbStore } from './chdb.store.js';
export { DAILY_STATS_TABLE, type DailyStatRow } from './daily-stats.js';
export { HttpStore, type HttpStoreOptions } from './http.store.js';
export { ANALYTICS_MIGRATIONS_FOLDER, loadMigrations, migrateAnalytics, splitStatements } from './migrate.js';
export { analyticsSettings, openAnalyticsStore, type AnalyticsSettings } from './settings.js';
export { InvalidStatRowError, StatsWriter, WriterUnavailableError, type StatsWriterOptions, type StatsWriterStats } from './stats-writer.js';
export { DailyStatsRepository, TenantRequiredError, type Grain, type StatsDimension, type TotalsQuery, type TotalsRow } from './stats.repository.js';
export { ANALYTICS_STORE, type AnalyticsStore, type QueryParams } from './store.js';
