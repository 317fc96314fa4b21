// A fresh PostgreSQL database, migrated, and the real API server on it: what every API benchmark
// measures against. Everything started here is stopped, and the database dropped, by cleanup().
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { running, startChild } from './proc.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_DIR = join(ROOT, 'apps/server');
const MAIN = join(SERVER_DIR, 'dist/main.js');
const MIGRATE_CLI = join(SERVER_DIR, 'dist/db/migrate-cli.js');
export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const APP_LOGIN = 'mrm_api_bench';

const cleanups = [];

export function dbUrl(name, user = 'postgres') {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  u.username = user;
  return u.toString();
}

export async function withAdmin(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export async function call(base, method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

export /** A server that dies under load makes its numbers meaningless: that is a failure, not a result. */
function mustSurvive(handle) {
  if (!handle.alive) throw new Error(`${handle.name} exited during the run:\n${handle.logTail()}`);
}

/** Creates and migrates a database, then starts the API on it; returns the server and its URLs. */
export async function startStack(extraEnv = {}) {
  for (const file of [MAIN, MIGRATE_CLI]) {
    if (!existsSync(file)) throw new Error(`${file} is missing; build first (npx tsc -b apps/server)`);
  }

  const dbName = `mrm_bench_${Date.now()}_${randomBytes(2).toString('hex')}`;
  await withAdmin(PG_ADMIN_URL, (c) => c.query(`create database ${dbName}`));
  cleanups.push(() => withAdmin(PG_ADMIN_URL, (c) => c.query(`drop database if exists ${dbName} with (force)`)));
  const ownerUrl = dbUrl(dbName);
  const appUrl = dbUrl(dbName, APP_LOGIN);

  try {
    await promisify(execFile)(process.execPath, [MIGRATE_CLI], { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', DATABASE_URL: ownerUrl } });
  } catch (err) {
    throw new Error(`migration failed: ${err.stderr || err.message}`);
  }
  await withAdmin(ownerUrl, async (c) => {
    // Roles are cluster-wide: an earlier run may have created the login already.
    await c.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${APP_LOGIN}') then create role ${APP_LOGIN} login; end if; end $$`).catch(() => undefined);
    await c.query(`grant mrm_app to ${APP_LOGIN}`);
  });

  const redisPrefix = `{mrmbench-${randomBytes(3).toString('hex')}}`;
  cleanups.push(() => dropRedisKeys(redisPrefix));

  const api = await startChild('api', MAIN, {
    cwd: SERVER_DIR,
    readyPath: '/ready',
    env: {
      NODE_ENV: 'production',
      MRM_ROLE: 'api',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: appUrl,
      DATABASE_MIGRATION_URL: ownerUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      MRM_MIGRATE_ON_START: 'false',
      MRM_SEED_DEMO: 'false',
      MRM_DATA_DIR: join(mkdtempSync(join(os.tmpdir(), 'mrm-bench-data-')), 'data'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      // The limiter stays in the path (it is part of every request's cost) but never says no.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
      ...extraEnv,
    },
  });
  return { api, ownerUrl, appUrl };
}

async function dropRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    // Glob-escape the prefix: its braces and hyphen are literal characters here.
    const pattern = prefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function cleanup() {
  await Promise.allSettled([...running].map((c) => c.stop()));
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup: ${err.message}`);
      process.exitCode = 1;
    }
  }
  cleanups.length = 0;
}

/** Ctrl-C stops the servers and drops the database too. */
export function cleanupOnSignals() {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping servers and dropping the database`);
      cleanup().finally(() => process.exit(130));
    });
  }
}
