import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PG_ADMIN_URL, REDIS_URL, startServer, type RunningServer } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    backends: Record<'postgres' | 'pglite', { url: string; logFile: string }>;
    pgDatabaseUrl: string;
    pgAppUrl: string;
    redisPrefix: string;
  }
}

const dbUrl = (name: string, user = 'postgres') => {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  u.username = user;
  return u.toString();
};

/** A fresh database per run, migrated as the owner; the server logs in as a member of mrm_app. */
export async function freshDatabase(): Promise<{ name: string; ownerUrl: string; appUrl: string }> {
  const name = `mrm_test_${Date.now()}_${randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return { name, ownerUrl: dbUrl(name), appUrl: dbUrl(name, 'mrm_api_test') };
}

export async function migrateAndCreateLogin(ownerUrl: string): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const { MAIN } = await import('./servers.js');
  execFileSync(process.execPath, [MAIN.replace('main.js', 'db/migrate-cli.js')], { env: { ...process.env, DATABASE_URL: ownerUrl }, stdio: 'pipe' });
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  // Roles are cluster-wide: create the login once, tolerate a concurrent run creating it too.
  await owner.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'mrm_api_test') then create role mrm_api_test login; end if; end $$`).catch(() => undefined);
  await owner.query('grant mrm_app to mrm_api_test');
  await owner.end();
}

export default async function setup(project: TestProject) {
  const db = await freshDatabase();
  await migrateAndCreateLogin(db.ownerUrl);
  const redisPrefix = `{mrmtest-${randomBytes(3).toString('hex')}}`;
  const servers: RunningServer[] = [];
  // Several test runs can share the machine's two cores; a start under that load can take minutes.
  const patience = { timeoutMs: 180_000 };
  const [postgres, pglite] = await Promise.all([
    startServer({ DATABASE_URL: db.appUrl, DATABASE_MIGRATION_URL: db.ownerUrl, MRM_MIGRATE_ON_START: 'false', REDIS_URL, REDIS_PREFIX: redisPrefix, SERVICE_NAME: 'api' }, patience),
    startServer({ REDIS_URL, REDIS_PREFIX: `${redisPrefix}-lite`, MRM_SEED_DEMO: 'true' }, patience),
  ]);
  servers.push(postgres, pglite);
  project.provide('backends', { postgres: { url: postgres.url, logFile: postgres.logFile }, pglite: { url: pglite.url, logFile: pglite.logFile } });
  project.provide('pgDatabaseUrl', db.ownerUrl);
  project.provide('pgAppUrl', db.appUrl);
  project.provide('redisPrefix', redisPrefix);

  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${db.name} with (force)`);
    await admin.end();
  };
}
