import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyticsStore } from './store.js';

export const ANALYTICS_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../analytics-migrations', import.meta.url));

export interface AnalyticsMigration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export interface MigrateOptions {
  /** Set: the clustered variant, every statement ON CLUSTER this name. */
  cluster?: string;
  folder?: string;
}

/** Splits a file into statements: `;` at the end of a line ends one; `--` comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  const body = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The numbered .sql files of one variant (`NNNN_name.sql`), in order, with the cluster name put in. */
export function loadMigrations(opts: MigrateOptions = {}): AnalyticsMigration[] {
  const dir = join(opts.folder ?? ANALYTICS_MIGRATIONS_FOLDER, opts.cluster ? 'clustered' : 'unclustered');
  const files = readdirSync(dir).filter((f) => /^\d+_[\w-]+\.sql$/.test(f)).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number(file.split('_')[0]);
    if (seen.has(version)) throw new Error(`two analytics migrations numbered ${version} in ${dir}`);
    seen.add(version);
    const text = readFileSync(join(dir, file), 'utf8');
    const filled = opts.cluster ? text.replaceAll('{{cluster}}', `\`${opts.cluster}\``) : text;
    if (!opts.cluster && text.includes('{{cluster}}')) throw new Error(`${file}: an unclustered migration names a cluster`);
    return { version, name: file.replace(/\.sql$/, ''), checksum: createHash('sha256').update(text).digest('hex'), statements: splitStatements(filled) };
  });
}

const LEDGER = 'analytics_migrations';

function ledgerDdl(cluster?: string): string {
  const columns = '(version UInt32, name String, checksum String, applied_at DateTime)';
  return cluster
    ? `CREATE TABLE IF NOT EXISTS ${LEDGER} ON CLUSTER \`${cluster}\` ${columns} ENGINE = ReplicatedMergeTree ORDER BY version`
    : `CREATE TABLE IF NOT EXISTS ${LEDGER} ${columns} ENGINE = MergeTree ORDER BY version`;
}

/**
 * Applies the migrations not yet in the ledger table, in order, and records each. Statements are
 * written to be re-runnable (IF NOT EXISTS), since ClickHouse has no transactional DDL: a run cut
 * short between a statement and its ledger row is finished by the next run. A file edited after it
 * was applied stops the run: write a new migration instead.
 */
export async function migrateAnalytics(store: AnalyticsStore, opts: MigrateOptions = {}): Promise<{ applied: string[]; skipped: number }> {
  const migrations = loadMigrations(opts);
  await store.command(ledgerDdl(opts.cluster));
  const done = await store.query<{ version: number; name: string; checksum: string }>(`SELECT version, name, checksum FROM ${LEDGER} ORDER BY version`);
  const byVersion = new Map(done.map((m) => [Number(m.version), m]));
  const applied: string[] = [];
  for (const m of migrations) {
    const prior = byVersion.get(m.version);
    if (prior) {
      if (prior.checksum !== m.checksum) throw new Error(`analytics migration ${m.name} changed after it was applied; add a new migration instead`);
      continue;
    }
    for (const statement of m.statements) await store.command(statement);
    // Values are checked above (a number, a file name of [\w-], a hex digest): plain literals are safe here
    // and work on every server version, including those without query parameters.
    await store.command(`INSERT INTO ${LEDGER} (version, name, checksum, applied_at) VALUES (${m.version}, '${m.name}', '${m.checksum}', now())`);
    applied.push(m.name);
  }
  return { applied, skipped: migrations.length - applied.length };
}
