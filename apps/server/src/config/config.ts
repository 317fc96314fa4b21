import { hostname } from 'node:os';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const urlList = z
  .string()
  .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
  .pipe(z.array(z.url({ message: 'a comma-separated list of URLs' })));
const int = (min: number, max: number) => z.coerce.number({ message: 'a whole number' }).int().min(min).max(max);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    MRM_ROLE: z.enum(['api', 'worker', 'all'], { message: 'one of api, worker, all' }).default('all'),
    PORT: int(1, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.url({ message: 'a postgres:// URL' }).optional(),
    DATABASE_MIGRATION_URL: z.url({ message: 'a postgres:// URL' }).optional(),
    DATABASE_REPLICA_URLS: urlList.optional(),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    MRM_DATA_DIR: z.string().min(1).default('./.data'),
    MRM_MIGRATE_ON_START: bool.optional(),
    MRM_SEED_DEMO: bool.optional(),
    REDIS_URL: z.url({ message: 'a redis:// URL' }).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().min(1).default('{mrm}'),
    QUEUE_NAME: z
      .string()
      .regex(/^(sync|reports|email)(,(sync|reports|email))*$/, 'a comma-separated list of sync, reports, email')
      .optional()
      .describe('the queues a worker consumes; all when unset'),
    WORKER_CONCURRENCY: int(1, 64).default(4),
    WORKER_LOCK_MS: int(1000, 600_000).default(30_000),
    OUTBOX_POLL_MS: int(50, 60_000).default(500),
    SYNC_SCHEDULER_MS: int(100, 3_600_000).default(60_000),
    REPORT_SCHEDULER_MS: int(100, 3_600_000).default(30_000).describe('how often a worker looks for report schedules that are due'),
    REPORT_RETENTION_DAYS: int(1, 3650).default(30).describe('report files are deleted this many days after they are made'),
    REPORT_RETENTION_SWEEP_MS: int(100, 86_400_000).default(3_600_000).describe('how often a worker deletes expired report files'),
    ANALYTICS_COMPACT_MS: int(60_000, 86_400_000).default(21_600_000).describe('how often a worker merges finished months of daily stats (unclustered stores)'),
    MRM_DEMO_SANDBOX: bool.optional().describe('connect the demo client to the platform simulators (npm start sets it)'),
    MAIL_FROM: z.string().min(3).default('MRM AI Platform <no-reply@mrm.local>'),
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL').optional().describe('mail server; unset = .eml files in MRM_DATA_DIR/mail-outbox'),
    CREDENTIALS_KEYS: z
      .string()
      .regex(/^[\w.-]{1,40}:[A-Za-z0-9+/]{43}=(,[\w.-]{1,40}:[A-Za-z0-9+/]{43}=)*$/, 'id:base64-of-32-bytes, comma-separated, the current key first')
      .optional(),
    JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: int(60, 86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
    INVITATION_TTL_DAYS: int(1, 90).default(7),
    WEB_ORIGIN: urlList.default(['http://localhost:3001']),
    TRUST_PROXY: bool.default(false),
    BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024),
    IMPORT_LIMIT_BYTES: int(1024, 200 * 1024 * 1024).default(20 * 1024 * 1024),
    PACING_ALERT_PERCENT: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as 20 or 12.5')
      .default('20'),
    RATE_LIMIT_PER_IP_PER_MINUTE: int(1, 1_000_000).default(1200),
    RATE_LIMIT_PER_USER_PER_MINUTE: int(1, 1_000_000).default(600),
    RATE_LIMIT_AUTH_PER_MINUTE: int(1, 1_000_000).default(10),
    RATE_LIMIT_PASSWORD_RESET_PER_HOUR: int(1, 1_000_000).default(5).describe('password-reset requests per email address per hour'),
    SHUTDOWN_DELAY_MS: int(0, 120_000).default(0),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SERVICE_NAME: z.string().min(1).optional(),
    POD_NAME: z.string().min(1).default(hostname()),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required in production (at least 32 characters)' });
    }
    if (env.NODE_ENV === 'production' && !env.CREDENTIALS_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['CREDENTIALS_KEYS'], message: 'required in production (id:base64-of-32-bytes)' });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required in production (a postgres:// URL)' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
export interface Config extends Env {
  embedded: boolean;
  /** Where this API is reached from outside: PUBLIC_URL, or the address it listens on. */
  publicUrl: string;
  serviceName: string;
  migrateOnStart: boolean;
  seedDemo: boolean;
  runsApi: boolean;
  runsWorker: boolean;
}

export class ConfigError extends Error {}

/** Reads the environment once; a bad value stops boot with one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const shown = issue.code === 'invalid_type' && cleaned[name] === undefined ? 'missing' : issue.message;
    throw new ConfigError(`Configuration error: ${name} — ${shown}`);
  }
  const env = parsed.data;
  const embedded = !env.DATABASE_URL;
  return {
    ...env,
    embedded,
    serviceName: env.SERVICE_NAME ?? (env.MRM_ROLE === 'worker' ? 'worker' : 'api'),
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    migrateOnStart: env.MRM_MIGRATE_ON_START ?? embedded,
    seedDemo: env.MRM_SEED_DEMO ?? embedded,
    runsApi: env.MRM_ROLE !== 'worker',
    runsWorker: env.MRM_ROLE !== 'api',
  };
}

export const CONFIG = Symbol('CONFIG');
