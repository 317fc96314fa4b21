import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, type Config } from '../config/config.js';
import { LOGGER } from '../ops/logger.js';
import { migrateAnalytics } from './migrate.js';
import { analyticsSettings, openAnalyticsStore } from './settings.js';
import { StatsWriter } from './stats-writer.js';
import { DailyStatsRepository } from './stats.repository.js';
import { ANALYTICS_STORE, type AnalyticsStore } from './store.js';

/** Flushes the writer, then closes the store, after the HTTP server has drained. */
@Injectable()
class AnalyticsShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
    @Inject(StatsWriter) private readonly writer: StatsWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      const waiting = this.writer.stats.rowsWaiting;
      await this.writer.close();
      if (waiting) this.logger.info({ rows: waiting }, 'analytics writer flushed');
    } catch (err) {
      this.logger.error({ err }, (err as Error).message);
    }
    await this.store.close();
  }
}

/**
 * The analytics store (chDB in-process, or ClickHouse over HTTP when CLICKHOUSE_URL is set), the
 * batched StatsWriter and the tenant-scoped DailyStatsRepository. Import this module where they are
 * needed; Nest makes one instance of each for the whole application. In embedded mode the chDB
 * folder is opened once per process, and the analytics migrations run at start when the database's
 * do (MRM_MIGRATE_ON_START).
 */
@Module({
  providers: [
    {
      provide: ANALYTICS_STORE,
      inject: [CONFIG],
      useFactory: async (config: Config): Promise<AnalyticsStore> => {
        const settings = analyticsSettings({ ...process.env, MRM_DATA_DIR: config.MRM_DATA_DIR });
        const store = openAnalyticsStore(settings);
        if (config.migrateOnStart) await migrateAnalytics(store, { cluster: settings.cluster });
        return store;
      },
    },
    {
      provide: StatsWriter,
      inject: [ANALYTICS_STORE, CONFIG, LOGGER],
      useFactory: (store: AnalyticsStore, config: Config, logger: Logger) => {
        const settings = analyticsSettings({ ...process.env, MRM_DATA_DIR: config.MRM_DATA_DIR });
        return new StatsWriter(store, {
          flushRows: settings.flushRows,
          flushMs: settings.flushMs,
          onError: (err, rowsWaiting) => logger.warn({ err: err.message, rows_waiting: rowsWaiting }, 'analytics insert failed; rows kept for a retry'),
        });
      },
    },
    { provide: DailyStatsRepository, inject: [ANALYTICS_STORE], useFactory: (store: AnalyticsStore) => new DailyStatsRepository(store) },
    AnalyticsShutdown,
  ],
  exports: [ANALYTICS_STORE, StatsWriter, DailyStatsRepository],
})
export class AnalyticsModule {}
