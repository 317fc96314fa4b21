import { Redis } from 'ioredis';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/create.js';
import { createServer } from './server.js';
import { seedDemo } from './seed/demo.js';
import { seedDemoConnections } from './seed/demo-connections.js';
import { CredentialsCipher } from './connections/credentials-cipher.js';
import { Lifecycle } from './ops/lifecycle.js';
import { createLogger } from './ops/logger.js';
import { stopTracing } from './ops/trace.js';
import { Metrics } from './ops/metrics.js';
import { createRedis, waitForRedis } from './ops/redis.js';
import { JobRuntime } from './jobs/runtime.js';
import { allHandlers } from './jobs/all-handlers.js';
import { openMailer } from './mail/mailer.js';
import { StatsWriter } from './analytics/stats-writer.js';
import { SyncScheduler } from './connections/sync-scheduler.js';
import { AnalyticsConfigError, analyticsSettings, ANALYTICS_STORE, compactionPoller, type AnalyticsStore } from './analytics/index.js';
import { StorageConfigError, openObjectStore, storageEnv } from './storage/settings.js';
import { ReportScheduler } from './reports/report-scheduler.js';
import { retentionPoller } from './reports/retention.js';
import { DailyStatsRepository } from './analytics/index.js';

let config: Config;
try {
  config = loadConfig();
  // Settings read by their own modules are checked here too, so a bad one stops boot with one line.
  analyticsSettings();
  storageEnv(process.env);
} catch (err) {
  if (err instanceof ConfigError || err instanceof AnalyticsConfigError || err instanceof StorageConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config);
const lifecycle = new Lifecycle();
const redis: Redis = createRedis(config);
if (!(await waitForRedis(redis, 5000))) {
  const hint = config.embedded
    ? `Redis is needed for rate limits and queues and none answers at ${config.REDIS_URL}. Start one (Debian: apt-get install redis-server && redis-server --daemonize yes) or set REDIS_URL.`
    : `Redis at ${config.REDIS_URL} does not answer yet; serving with /ready at 503 until it does.`;
  if (config.embedded) {
    console.error(hint);
    process.exit(1);
  }
  logger.warn(hint);
}

let db: Database;
try {
  db = await openDatabase(config);
} catch (err) {
  console.error(`Database unavailable: ${(err as Error).message}`);
  process.exit(1);
}
const metrics = new Metrics(redis, config.REDIS_PREFIX, { service: config.serviceName });
const app = await createServer({ config, db, redis, metrics, logger, lifecycle });
// Workers write report files and delete expired ones; the API hands out their links with its own
// instance (same settings). A process that runs no worker opens none here.
const objects = config.runsWorker ? openObjectStore(process.env, config.MRM_DATA_DIR, config.publicUrl) : undefined;
let jobs: JobRuntime | undefined;
try {
  // Built before anything listens: a job without a handler (or with two) stops the boot here.
  jobs = config.runsWorker
    ? JobRuntime.create({ config, db, metrics, logger }, allHandlers({
      db, config, metrics, writer: app.get(StatsWriter, { strict: false }), stats: app.get(DailyStatsRepository, { strict: false }), mailer: openMailer(config, logger), store: objects!,
    }))
    : undefined;
} catch (err) {
  console.error(`Worker not started: ${(err as Error).message}`);
  process.exit(1);
}
await app.listen({ port: config.PORT, host: config.HOST });

const base = config.publicUrl;
logger.info({ role: config.MRM_ROLE, database: db.kind, url: base }, `listening as ${config.MRM_ROLE} on ${base}`);
jobs?.start();
const scheduler = config.runsWorker ? new SyncScheduler(db, logger, config.SYNC_SCHEDULER_MS) : undefined;
scheduler?.start();
// A cluster's shards are compacted by their operators (docs/analytics.md); the embedded store and a
// single ClickHouse server by the workers.
const compactor = config.runsWorker && !analyticsSettings().cluster
  ? compactionPoller(app.get<AnalyticsStore>(ANALYTICS_STORE, { strict: false }), logger, config.ANALYTICS_COMPACT_MS)
  : undefined;
compactor?.start();
const reportScheduler = config.runsWorker ? new ReportScheduler(db, logger, config.REPORT_SCHEDULER_MS) : undefined;
reportScheduler?.start();
const retention = config.runsWorker ? retentionPoller(db, objects!, logger, config.REPORT_RETENTION_SWEEP_MS) : undefined;
retention?.start();
if (config.seedDemo && config.runsApi) {
  const demo = await seedDemo(db);
  // Connected now, synced at once rather than at the scheduler's next round.
  if (config.MRM_DEMO_SANDBOX && (await seedDemoConnections(db, CredentialsCipher.fromConfig(config)))) void scheduler?.pass();
  const lines = [
    '',
    `  MRM AI Platform is running (${config.embedded ? 'embedded database in ' + config.MRM_DATA_DIR : 'PostgreSQL'})`,
    `  API          ${base}/api/v1`,
    `  API docs     ${base}/api/v1/docs`,
    `  Health       ${base}/health · ${base}/ready · ${base}/metrics`,
    `  Demo login   ${demo.email} / ${demo.password}  (workspace "${demo.tenantName}")`,
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');
}

/** Order matters: stop readiness, let the balancer notice, stop accepting and drain, then close pools. */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  lifecycle.shuttingDown = true;
  logger.info({ signal }, 'shutting down: readiness is now 503');
  if (config.SHUTDOWN_DELAY_MS > 0) await new Promise((r) => setTimeout(r, config.SHUTDOWN_DELAY_MS));
  const force = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, 25_000);
  force.unref();
  try {
    // Running jobs finish first: they may still write analytics rows, which the application's
    // shutdown flushes, and use the pools closed after it.
    await scheduler?.stop();
    await compactor?.stop();
    await reportScheduler?.stop();
    await retention?.stop();
    await jobs?.close();
    await app.close();
    await db.close();
    await redis.quit().catch(() => redis.disconnect());
    await stopTracing();
    logger.info('stopped cleanly');
    logger.flush();
  } finally {
    setTimeout(() => process.exit(0), 50).unref();
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
