import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpStore } from '../dist/analytics/http.store.js';
import { migrateAnalytics } from '../dist/analytics/migrate.js';
import { freePort } from './setup/servers.js';

// The HTTP transport against a real ClickHouse server: Debian's 18.16, started here on loopback.
// It predates query parameters, DateTime64 and LowCardinality, so this file keeps to SQL it knows;
// the schema and the queries themselves are tested on chDB (analytics.test.ts).
function serverBinary(): string {
  const candidates = [process.env.CLICKHOUSE_SERVER_BIN, '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p)) ?? (spawnSync('sh', ['-c', 'command -v clickhouse-server']).stdout?.toString().trim() || undefined);
  if (!found) throw new Error('clickhouse-server is not installed: npm test installs it (Debian: apt-get install clickhouse-server), or set CLICKHOUSE_SERVER_BIN');
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'mrm-clickhouse-'));
let child: ChildProcess | undefined;
let url = '';
let store: HttpStore;

beforeAll(async () => {
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub));
  writeFileSync(
    join(dir, 'config.xml'),
    `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
</yandex>`,
  );
  writeFileSync(
    join(dir, 'users.xml'),
    `<yandex>
  <profiles><default></default></profiles>
  <users><mrm><password>s3cret</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></mrm></users>
  <quotas><default></default></quotas>
</yandex>`,
  );
  child = spawn(serverBinary(), [`--config-file=${join(dir, 'config.xml')}`], { stdio: 'ignore' });
  url = `http://mrm:s3cret@127.0.0.1:${httpPort}/default`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}: ${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-500) : ''}`);
    const ok = await fetch(`http://127.0.0.1:${httpPort}/ping`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('clickhouse-server did not answer in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  store = new HttpStore({ url });
});

afterAll(async () => {
  await store?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('analytics store over HTTP (ClickHouse server)', () => {
  it('pings, and answers a query with numbers for 64-bit integers as chDB does', async () => {
    await store.ping();
    const [row] = await store.query<{ v: string; n: number; s: string }>("SELECT version() AS v, toUInt64(12345678901) AS n, 'ок' AS s");
    expect(row.v).toMatch(/^\d+\./);
    expect(row).toMatchObject({ n: 12345678901, s: 'ок' });
  });

  it('runs commands, inserts rows and reads them back de-duplicated by argMax over ingested_at', async () => {
    await store.command(`CREATE TABLE IF NOT EXISTS stats_min (
      tenant_id String, campaign_id String, date Date, clicks UInt64, cost_micros Int64, ingested_at DateTime
    ) ENGINE = ReplacingMergeTree(ingested_at) PARTITION BY toYYYYMM(date) ORDER BY (tenant_id, campaign_id, date)`);
    const rows = (tenant: string, clicks: number, at: string) =>
      Array.from({ length: 1000 }, (_, i) => ({ tenant_id: tenant, campaign_id: `c${i % 10}`, date: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`, clicks, cost_micros: clicks * 1000, ingested_at: at }));
    expect(await store.insert('stats_min', rows('t1', 1, '2026-03-29 10:00:00'))).toBe(1000);
    await store.insert('stats_min', rows('t1', 5, '2026-03-29 11:00:00'));
    await store.insert('stats_min', rows('t2', 7, '2026-03-29 10:00:00'));
    // 1000 generated rows fold into lcm(10, 28) = 140 (campaign, day) keys per tenant.
    const [totals] = await store.query<{ keys: number; clicks: number; cost: number }>(`
      SELECT count() AS keys, sum(c) AS clicks, sum(m) AS cost FROM (
        SELECT campaign_id, date, argMax(clicks, ingested_at) AS c, argMax(cost_micros, ingested_at) AS m
        FROM stats_min WHERE tenant_id = 't1' GROUP BY campaign_id, date)`);
    expect(totals).toEqual({ keys: 140, clicks: 140 * 5, cost: 140 * 5000 });
  });

  it('applies and records migrations, idempotently', async () => {
    const folder = join(dir, 'migrations');
    mkdirSync(join(folder, 'unclustered'), { recursive: true });
    writeFileSync(
      join(folder, 'unclustered', '0001_min.sql'),
      `-- a table this server version understands
CREATE TABLE IF NOT EXISTS migrated_min (tenant_id String, date Date, clicks UInt64)
ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(date) ORDER BY (tenant_id, date);
CREATE TABLE IF NOT EXISTS migrated_min_2 AS migrated_min;
`,
    );
    expect(await migrateAnalytics(store, { folder })).toEqual({ applied: ['0001_min'], skipped: 0 });
    expect(await migrateAnalytics(store, { folder })).toEqual({ applied: [], skipped: 1 });
    const tables = await store.query<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'migrated_min%' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['migrated_min', 'migrated_min_2']);
  });

  it('reports a server that does not answer as a failed ping, not a hang', async () => {
    const dead = new HttpStore({ url: `http://127.0.0.1:${await freePort()}`, requestTimeoutMs: 2000 });
    await expect(dead.ping()).rejects.toThrow();
    await dead.close();
  });
});
