// The backup scripts against the machine's PostgreSQL: a real migrated database with rows in the
// tenant tables is backed up to a folder, restored into a fresh database by the drill, and compared
// table by table with checksums computed here, independently of the scripts.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kustomize } from './kustomize.js';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const backupDir = resolve(here, '../backup');
const serverDir = resolve(here, '../../apps/server');
const ADMIN_URL = process.env.BACKUP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const SRC_DB = `bk_src_${suffix}`;
const RESTORED_DB = `bk_restored_${suffix}`;
const created: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'mrm-backup-test-'));
const store = join(work, 'store');

const urlOf = (db: string) => ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${db}$1`);

function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function psql(db: string, sql: string): string {
  const p = spawnSync('psql', [urlOf(db), '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
    input: sql,
    encoding: 'utf8',
  });
  if (p.status !== 0) throw new Error(`psql on ${db} failed: ${p.stderr}`);
  return p.stdout.trim();
}

// Every user table with its row count and an md5 over the sorted text of all its rows.
function fingerprint(db: string): Map<string, string> {
  const tables = psql(
    db,
    `select format('%I.%I', table_schema, table_name) from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
  ).split('\n');
  const out = new Map<string, string>();
  for (const t of tables) {
    out.set(
      t,
      psql(db, `set timezone = 'UTC'; select count(*) || ' ' || md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from ${t} r;`),
    );
  }
  return out;
}

function script(name: string, args: string[], env: Record<string, string>) {
  return run('bash', [join(backupDir, name), ...args], env);
}

beforeAll(() => {
  psql('postgres', `create database ${SRC_DB};`);
  created.push(SRC_DB);
  const m = run('node', ['dist/db/migrate-cli.js'], { DATABASE_URL: urlOf(SRC_DB) }, serverDir);
  if (m.code !== 0) throw new Error(`migrations failed: ${m.stderr}${m.stdout}`);
  psql(SRC_DB, readFileSync(join(here, 'fixtures/backup-fill.sql'), 'utf8'));
});

afterAll(() => {
  for (const db of [...created, RESTORED_DB]) {
    try {
      psql('postgres', `drop database if exists ${db} with (force);`);
    } catch (err) {
      console.error(err);
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('logical backup and restore drill', () => {
  let backupName = '';

  it('backs up to object storage: the dump, the roles and a manifest with every table', () => {
    const today = String(((new Date().getUTCDay() + 6) % 7) + 1); // ISO weekday, as date +%u
    const r = script('logical-backup.sh', [], { DATABASE_URL: urlOf(SRC_DB), BACKUP_URL: `file://${store}`, BACKUP_WEEKLY_DAY: today });
    expect(r.code, r.stderr).toBe(0);
    backupName = r.stdout.trim();
    // Today is the weekly day: the backup is also kept under weekly/ for the longer retention.
    expect(readdirSync(join(store, 'weekly')).sort()).toEqual(readdirSync(join(store, 'logical')).sort());
    expect(backupName).toMatch(/^mrm-\d{8}T\d{6}Z$/);
    const files = readdirSync(join(store, 'logical')).sort();
    expect(files).toEqual([`${backupName}.dump`, `${backupName}.manifest.tsv`, `${backupName}.roles.sql`]);
    const manifest = readFileSync(join(store, 'logical', `${backupName}.manifest.tsv`), 'utf8');
    const rows = Object.fromEntries(
      manifest
        .split('\n')
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('table\t'))
        .map((l) => l.split('\t'))
        .map(([t, n]) => [t, Number(n)]),
    );
    const source = fingerprint(SRC_DB);
    expect(Object.keys(rows).sort()).toEqual([...source.keys()].sort());
    for (const [t, fp] of source) expect(`${rows[t]}`, t).toBe(fp.split(' ')[0]);
    expect(rows['public.line_items']).toBe(3000);
    expect(readFileSync(join(store, 'logical', `${backupName}.roles.sql`), 'utf8')).toContain('mrm_app');
  });

  it('restores into a fresh database with the same rows, policies and grants, and says so', () => {
    const r = script('restore-drill.sh', ['--target-db', RESTORED_DB], { RESTORE_ADMIN_URL: ADMIN_URL, BACKUP_URL: `file://${store}` });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    console.log(r.stdout.trim());
    expect(r.stdout).toContain(`${backupName} (`);
    expect(r.stdout).toMatch(/rows lost: 0\n/);
    expect(r.stdout).toMatch(/restore time: \d+\.\d\d s/);
    expect(r.stdout).toContain('mismatched: 0');

    const source = fingerprint(SRC_DB);
    const restored = fingerprint(RESTORED_DB);
    expect([...restored.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [t, fp] of source) expect(restored.get(t), t).toBe(fp);
    const total = [...source.values()].reduce((s, fp) => s + Number(fp.split(' ')[0]), 0);
    expect(total).toBeGreaterThan(4000);

    const policies = `select tablename || ' ' || policyname || ' ' || coalesce(qual, '') from pg_policies order by 1`;
    expect(psql(RESTORED_DB, policies)).toBe(psql(SRC_DB, policies));
    expect(psql(SRC_DB, 'select count(*) from pg_policies')).not.toBe('0');
    const forced = `select relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`;
    expect(psql(RESTORED_DB, forced)).toBe(psql(SRC_DB, forced));
    const grants = `select table_name || ' ' || privilege_type from information_schema.role_table_grants
      where grantee = 'mrm_app' order by 1`;
    expect(psql(RESTORED_DB, grants)).toBe(psql(SRC_DB, grants));
    expect(psql(RESTORED_DB, grants)).toContain('line_items UPDATE');

    // Row-level security still holds: as the application role, one workspace sees its own clients only.
    const tenant = psql(SRC_DB, `select md5('t1')::uuid`);
    const asApp = `begin; set local role mrm_app; select set_config('app.tenant_id', '${tenant}', true);
      select count(*) from clients; commit;`;
    expect(psql(RESTORED_DB, asApp).split('\n').pop()).toBe('10');
  });

  it('fails, naming the table and the rows lost, when the restore does not match the manifest', () => {
    const bad = join(work, 'bad');
    cpSync(store, bad, { recursive: true });
    const manifestPath = join(bad, 'logical', `${backupName}.manifest.tsv`);
    writeFileSync(
      manifestPath,
      readFileSync(manifestPath, 'utf8').replace(/^public\.line_items\t3000\t/m, 'public.line_items\t3002\t'),
    );
    const r = script('restore-drill.sh', ['--drop-after'], { RESTORE_ADMIN_URL: ADMIN_URL, BACKUP_URL: `file://${bad}` });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('MISMATCH public.line_items: rows 3002 -> 3000');
    expect(r.stdout).toMatch(/rows lost: 2\n/);
  });

  it('refuses a dump whose checksum is not the manifest’s, and a target that already exists', () => {
    const bad = join(work, 'corrupt');
    cpSync(store, bad, { recursive: true });
    writeFileSync(join(bad, 'logical', `${backupName}.dump`), 'not a dump');
    const r = script('restore-drill.sh', [], { RESTORE_ADMIN_URL: ADMIN_URL, BACKUP_URL: `file://${bad}` });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('sha256');

    const again = script('restore-drill.sh', ['--target-db', SRC_DB], { RESTORE_ADMIN_URL: ADMIN_URL, BACKUP_URL: `file://${store}` });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });

  it('explains a missing setting instead of failing obscurely', () => {
    const r = script('logical-backup.sh', [], { DATABASE_URL: '', BACKUP_URL: `file://${store}` });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('usage:');
    expect(r.stderr).toContain('DATABASE_URL is not set');
    const s = script('logical-backup.sh', [], { DATABASE_URL: urlOf(SRC_DB), BACKUP_URL: 'ftp://x' });
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain('BACKUP_URL must start with s3:// or file:///');
  });
});

describe('a backup taken while the platform writes', () => {
  it('has a manifest that matches its dump exactly (one snapshot), so the drill still passes', async () => {
    const busyStore = join(work, 'busy');
    const target = `bk_busy_${suffix}`;
    created.push(target);
    const before = Number(psql(SRC_DB, 'select count(*) from audit_log'));
    // A writer committing a row every few milliseconds for about two seconds.
    const writer = spawn('psql', [urlOf(SRC_DB), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `do $$ begin
      for i in 1..300 loop
        insert into audit_log (id, tenant_id, actor_type, action, entity_type) values (gen_random_uuid(), md5('t1')::uuid, 'system', 'drill.write', 'drill');
        commit;
        perform pg_sleep(0.005);
      end loop; end $$;`]);
    const writerDone = new Promise<number>((res) => writer.on('exit', (code) => res(code ?? -1)));
    for (let i = 0; i < 100 && Number(psql(SRC_DB, 'select count(*) from audit_log')) === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const backup = script('logical-backup.sh', [], { DATABASE_URL: urlOf(SRC_DB), BACKUP_URL: `file://${busyStore}` });
    expect(backup.code, backup.stderr).toBe(0);
    expect(await writerDone).toBe(0);

    const manifest = readFileSync(join(busyStore, 'logical', `${backup.stdout.trim()}.manifest.tsv`), 'utf8');
    const inBackup = Number(/^public\.audit_log\t(\d+)\t/m.exec(manifest)?.[1]);
    const after = Number(psql(SRC_DB, 'select count(*) from audit_log'));
    expect(after).toBe(before + 300);
    expect(inBackup).toBeGreaterThan(before); // taken while rows were arriving...
    expect(inBackup).toBeLessThan(after); // ...before the last of them

    const drill = script('restore-drill.sh', ['--target-db', target], { RESTORE_ADMIN_URL: ADMIN_URL, BACKUP_URL: `file://${busyStore}` });
    expect(drill.code, drill.stderr + drill.stdout).toBe(0);
    expect(drill.stdout).toMatch(/rows lost: 0\n/);
    expect(psql(target, 'select count(*) from audit_log')).toBe(String(inBackup));
  });
});

describe('WAL archiving (archive_command)', () => {
  const seg = '00000001000000000000000A';
  const walStore = join(work, 'walstore');
  const env = { BACKUP_URL: `file://${walStore}` };

  it('stores a segment once, accepts the same segment again, and refuses a different one under its name', () => {
    const a = join(work, 'seg-a');
    const b = join(work, 'seg-b');
    writeFileSync(a, Buffer.alloc(64 * 1024, 1));
    writeFileSync(b, Buffer.alloc(64 * 1024, 2));
    expect(script('wal-archive.sh', [a, seg], env).code).toBe(0);
    expect(readFileSync(join(walStore, 'wal', seg)).equals(readFileSync(a))).toBe(true);
    expect(script('wal-archive.sh', [a, seg], env).code).toBe(0);
    const clash = script('wal-archive.sh', [b, seg], env);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('different contents');
    expect(readFileSync(join(walStore, 'wal', seg)).equals(readFileSync(a))).toBe(true);
    expect(readdirSync(join(walStore, 'wal'))).toEqual([seg]);
  });

  it('leaves nothing behind when a copy fails, and rejects bad arguments', () => {
    const missing = script('wal-archive.sh', [join(work, 'nope'), '00000001000000000000000B'], env);
    expect(missing.code).not.toBe(0);
    expect(existsSync(join(walStore, 'wal', '00000001000000000000000B'))).toBe(false);
    // A segment that cannot be read: the copy fails midway and no partial or temporary file stays.
    const unreadable = join(work, 'dir-not-file');
    const d = run('mkdir', ['-p', unreadable]);
    expect(d.code).toBe(0);
    expect(script('wal-archive.sh', [unreadable, '00000001000000000000000C'], env).code).not.toBe(0);
    expect(readdirSync(join(walStore, 'wal')).sort()).toEqual([seg]);
    expect(script('wal-archive.sh', [join(work, 'seg-a'), '../../etc/passwd'], env).code).not.toBe(0);
    expect(script('wal-archive.sh', [], env).stderr).toContain('usage:');
  });

  it('fetches an archived segment for restore_command, and says "not there" with a non-zero exit', () => {
    const dest = join(work, 'fetched');
    expect(script('wal-restore.sh', [seg, dest], env).code).toBe(0);
    expect(readFileSync(dest).equals(readFileSync(join(work, 'seg-a')))).toBe(true);
    expect(script('wal-restore.sh', ['0000000100000000000000FF', join(work, 'x')], env).code).not.toBe(0);
    expect(existsSync(join(work, 'x'))).toBe(false);
  });
});

describe('static checks', () => {
  it('every script passes shellcheck', () => {
    const scripts = readdirSync(backupDir).filter((f) => f.endsWith('.sh'));
    expect(scripts).toEqual(
      expect.arrayContaining(['lib.sh', 'logical-backup.sh', 'base-backup.sh', 'wal-archive.sh', 'wal-restore.sh', 'restore-drill.sh', 'pitr-restore.sh']),
    );
    const r = run('shellcheck', scripts, {}, backupDir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('Kubernetes manifests for backups', () => {
  const k8sDir = join(backupDir, 'k8s');
  const docs = readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(join(k8sDir, f), 'utf8')).map((d) => ({ file: f, obj: d.toJSON() })));

  it('are applied together in production (all but the self-managed WAL settings), each pod under the network policy', () => {
    const rendered = kustomize(k8sDir);
    expect(rendered.every((o) => o.metadata.namespace === 'mrm-production')).toBe(true);
    expect(rendered.some((o) => o.metadata.name === 'mrm-postgres-wal-archiving')).toBe(false);
    const policy = rendered.find((o) => o.kind === 'NetworkPolicy');
    const wanted = policy.spec.podSelector.matchExpressions[0];
    for (const c of rendered.filter((o) => o.kind === 'CronJob')) {
      expect(wanted.values, c.metadata.name).toContain(c.spec.jobTemplate.spec.template.metadata.labels[wanted.key]);
    }
  });

  it('the bucket lifecycle keeps 7 daily and 4 weekly backups and a 7-day PITR window', () => {
    const rules: any[] = JSON.parse(readFileSync(join(backupDir, 's3-lifecycle.json'), 'utf8')).Rules;
    const rule = (prefix: string) => rules.find((r) => r.Filter.Prefix === `postgres/${prefix}/`);
    expect(rule('logical').Expiration.Days).toBe(8);
    expect(rule('weekly').Expiration.Days).toBe(35);
    expect(rule('base').Expiration.Days).toBe(rule('wal').Expiration.Days);
  });

  it('are valid objects of their kinds', () => {
    const kinds: Record<string, new (o: any) => { validate(): void }> = { CronJob, ConfigMap, ServiceAccount, NetworkPolicy };
    expect(docs.map((d) => d.obj.kind).sort()).toEqual(['ConfigMap', 'ConfigMap', 'CronJob', 'CronJob', 'CronJob', 'NetworkPolicy', 'ServiceAccount']);
    for (const { file, obj } of docs) {
      const Model = kinds[obj.kind];
      expect(Model, file).toBeDefined();
      expect(() => new Model(obj).validate(), file).not.toThrow();
    }
  });

  it('run the backup scripts once at a time, daily (backups) and weekly (drill), as non-root with a locked-down container', () => {
    const cronJobs = docs.filter((d) => d.obj.kind === 'CronJob').map((d) => d.obj);
    const byName = Object.fromEntries(cronJobs.map((c) => [c.metadata.name, c]));
    expect(byName['mrm-postgres-logical-backup'].spec.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(byName['mrm-postgres-base-backup'].spec.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(byName['mrm-postgres-restore-drill'].spec.schedule).toMatch(/^\d+ \d+ \* \* [0-6]$/);
    for (const c of cronJobs) {
      const name = c.metadata.name;
      expect(c.spec.concurrencyPolicy, name).toBe('Forbid');
      const pod = c.spec.jobTemplate.spec.template.spec;
      expect(pod.restartPolicy, name).toBe('Never');
      expect(pod.securityContext.runAsNonRoot, name).toBe(true);
      expect(pod.securityContext.runAsUser, name).toBeGreaterThan(0);
      expect(pod.securityContext.seccompProfile.type, name).toBe('RuntimeDefault');
      for (const ctr of pod.containers) {
        expect(ctr.image, name).not.toMatch(/:latest$|^[^:]+$/);
        const sc = ctr.securityContext;
        expect(sc.runAsNonRoot, name).toBe(true);
        expect(sc.readOnlyRootFilesystem, name).toBe(true);
        expect(sc.allowPrivilegeEscalation, name).toBe(false);
        expect(sc.capabilities.drop, name).toEqual(['ALL']);
        expect(sc.seccompProfile.type, name).toBe('RuntimeDefault');
        expect(ctr.resources.limits.memory, name).toBeDefined();
        // The only writable place is the staging volume, and the scripts it runs exist.
        expect(ctr.volumeMounts.map((m: any) => m.mountPath), name).toEqual(['/tmp']);
        const scriptName = ctr.command[0].replace('/opt/mrm/backup/', '');
        expect(existsSync(join(backupDir, scriptName)), name).toBe(true);
        const env = Object.fromEntries(ctr.env.map((e: any) => [e.name, e]));
        expect(env.BACKUP_URL, name).toBeDefined();
        // Database credentials come from a Secret, never a literal.
        for (const key of ['DATABASE_URL', 'RESTORE_ADMIN_URL']) if (env[key]) expect(env[key].valueFrom.secretKeyRef, name).toBeDefined();
      }
    }
  });

  it('archive WAL through the script at least every few minutes (the RPO bound)', () => {
    const conf = docs.find((d) => d.obj.metadata.name === 'mrm-postgres-wal-archiving')!.obj.data['wal-archiving.conf'];
    expect(conf).toMatch(/^archive_mode = on$/m);
    expect(conf).toMatch(/^archive_command = '.*\/wal-archive\.sh %p %f'$/m);
    const timeout = /^archive_timeout = (\d+)s$/m.exec(conf);
    expect(Number(timeout?.[1])).toBeGreaterThanOrEqual(60);
    expect(Number(timeout?.[1])).toBeLessThanOrEqual(300);
  });
});

// A throwaway cluster archiving WAL through the script: base backup, rows, a moment, more rows;
// recovery to that moment brings back the first rows and not the later ones.
describe('point-in-time recovery from a base backup and the WAL archive', () => {
  const pgBin = (() => {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
    return versions.length ? `/usr/lib/postgresql/${versions.sort().pop()}/bin` : '';
  })();
  const asRoot = process.getuid?.() === 0;
  const pitr = mkdtempSync(join(tmpdir(), 'mrm-pitr-test-'));
  const pitrStore = join(pitr, 'store');
  const started: string[] = [];

  // PostgreSQL refuses to run as root: when the tests do, the cluster runs as the postgres user.
  const asPg = (cmd: string, args: string[], env: Record<string, string> = {}) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args])
      : run(cmd, args, env);
  const freePort = () =>
    new Promise<number>((res) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as { port: number }).port;
        srv.close(() => res(port));
      });
    });
  const sql = (port: number, q: string) => {
    const r = run('psql', [`postgres://postgres@127.0.0.1:${port}/postgres`, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', q]);
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };

  afterAll(() => {
    for (const data of started) asPg(join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(pitr, { recursive: true, force: true });
  });

  it.skipIf(!pgBin)('restores to the moment asked for, with the rows committed before it only', async () => {
    if (asRoot) chownSync(pitr, Number(run('id', ['-u', 'postgres']).stdout), Number(run('id', ['-g', 'postgres']).stdout));
    const [port, port2] = [await freePort(), await freePort()];
    const data = join(pitr, 'data');
    const init = asPg(join(pgBin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${pitr}'`,
        'wal_level = replica',
        'archive_mode = on',
        `archive_command = 'BACKUP_URL=file://${pitrStore} ${join(backupDir, 'wal-archive.sh')} %p %f'`,
        'archive_timeout = 60',
        'max_wal_senders = 5',
        'fsync = off',
        '',
      ].join('\n'),
      { flag: 'a' },
    );
    const start = asPg(join(pgBin, 'pg_ctl'), ['-D', data, '-l', join(pitr, 'source.log'), '-w', 'start']);
    expect(start.code, start.stderr + start.stdout).toBe(0);
    started.push(data);

    const base = asPg('bash', [join(backupDir, 'base-backup.sh')], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      BACKUP_URL: `file://${pitrStore}`,
    });
    expect(base.code, base.stderr).toBe(0);
    const stamp = base.stdout.trim();
    expect(readdirSync(join(pitrStore, 'base', stamp)).sort()).toEqual(['SHA256SUMS', 'backup_manifest', 'base.tar.gz', 'pg_wal.tar.gz']);
    await new Promise((r) => setTimeout(r, 1100));

    sql(port, `create table drill (id int primary key, note text); insert into drill select i, 'до ' || i from generate_series(1, 100) i;`);
    await new Promise((r) => setTimeout(r, 1100));
    const target = sql(port, `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'`);
    await new Promise((r) => setTimeout(r, 1100));
    sql(port, `insert into drill select i, 'после ' || i from generate_series(101, 200) i;`);
    const last = sql(port, 'select pg_walfile_name(pg_current_wal_lsn()); select pg_switch_wal();').split('\n')[0];
    for (let i = 0; i < 100 && !(sql(port, 'select coalesce(last_archived_wal, \'\') from pg_stat_archiver') >= last); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sql(port, 'select last_archived_wal from pg_stat_archiver') >= last).toBe(true);
    expect(sql(port, 'select failed_count from pg_stat_archiver')).toBe('0');
    asPg(join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    started.splice(started.indexOf(data), 1);

    const t0 = Date.now();
    const restored = join(pitr, 'restored');
    const prep = asPg('bash', [join(backupDir, 'pitr-restore.sh'), restored, target], { BACKUP_URL: `file://${pitrStore}` });
    expect(prep.code, prep.stderr).toBe(0);
    expect(prep.stdout.trim()).toBe(stamp);
    writeFileSync(join(restored, 'postgresql.auto.conf'), `port = ${port2}\n`, { flag: 'a' });
    const start2 = asPg(join(pgBin, 'pg_ctl'), ['-D', restored, '-l', join(pitr, 'restored.log'), '-w', '-t', '60', 'start']);
    expect(start2.code, start2.stderr + start2.stdout).toBe(0);
    started.push(restored);
    for (let i = 0; i < 300 && sql(port2, 'select pg_is_in_recovery()') === 't'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sql(port2, 'select pg_is_in_recovery()')).toBe('f');
    console.log(`point-in-time recovery to ${target}: ${((Date.now() - t0) / 1000).toFixed(2)} s`);

    expect(sql(port2, 'select count(*), min(id), max(id) from drill')).toBe('100|1|100');
    expect(sql(port2, `select note from drill where id = 7`)).toBe('до 7');
  });
});
