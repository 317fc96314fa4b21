import type { Logger } from 'pino';
import { addDays, todayUtc } from '../connectors/index.js';
import { Poller } from '../jobs/poller.js';
import { DAILY_STATS_TABLE, isIsoDate } from './daily-stats.js';
import { tableName, type AnalyticsStore } from './store.js';

/**
 * Merges each month of daily stats that ended before `before` and still has more than one part into
 * one part (OPTIMIZE … PARTITION … FINAL), keeping only the newest version of every key. Reads give
 * the same answers either way; a month in one part is read without any de-duplication work. Months
 * still inside the platforms' re-read window keep receiving versions, so they are left to background
 * merges. Unclustered tables only: on a cluster, run it against each shard's local table.
 */
export async function compactClosedMonths(store: AnalyticsStore, before: string, table = DAILY_STATS_TABLE): Promise<string[]> {
  if (!isIsoDate(before)) throw new RangeError('before: YYYY-MM-DD');
  const target = tableName(table);
  const months = await store.query<{ partition: string }>(
    `SELECT partition FROM system.parts
     WHERE database = currentDatabase() AND table = {table:String} AND active
     GROUP BY partition HAVING count() > 1 AND addMonths(makeDate(intDiv(toUInt32(partition), 100), toUInt32(partition) % 100, 1), 1) <= {before:Date}
     ORDER BY partition`,
    { table, before },
  );
  for (const { partition } of months) {
    if (!/^\d{6}$/.test(partition)) continue;
    await store.command(`OPTIMIZE TABLE ${target} PARTITION ${partition} FINAL`);
  }
  return months.map((m) => m.partition);
}

/** The longest re-read window of any source is well under this; older months only change by upload. */
const CLOSED_AFTER_DAYS = 35;

/**
 * The worker's periodic compaction of months past every platform's re-read window. Several workers
 * may run it: OPTIMIZE of a partition already in one part finds nothing to do.
 */
export function compactionPoller(store: AnalyticsStore, logger: Logger, everyMs: number): Poller {
  return new Poller(async () => {
    const months = await compactClosedMonths(store, addDays(todayUtc(), -CLOSED_AFTER_DAYS));
    if (months.length) logger.info({ months }, 'analytics: closed months merged to one part each');
    return 0;
  }, { everyMs, logger, what: 'analytics compaction' });
}
