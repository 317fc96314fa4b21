import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAIN, SERVER_DIR } from './setup/servers.js';

function boot(env: Record<string, string>) {
  const res = spawnSync(process.execPath, [MAIN], { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { code: res.status, stderr: res.stderr.trim(), stdout: res.stdout.trim() };
}

describe('configuration is checked at boot', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Configuration error: PORT — a whole number$/],
    [{ MRM_ROLE: 'scheduler' }, /^Configuration error: MRM_ROLE — one of api, worker, all$/],
    [{ DATABASE_URL: 'not a url' }, /^Configuration error: DATABASE_URL — a postgres:\/\/ URL$/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1/x' }, /^Configuration error: JWT_SECRET — required in production/],
    [{ JWT_SECRET: 'short' }, /^Configuration error: JWT_SECRET — at least 32 characters$/],
    [{ TRUST_PROXY: 'maybe' }, /^Configuration error: TRUST_PROXY — true or false$/],
    [{ SMTP_URL: 'mail.example.com' }, /^Configuration error: SMTP_URL — an smtp:\/\/ or smtps:\/\/ URL$/],
    [{ S3_BUCKET: 'Reports_Bucket' }, /^Configuration error: S3_BUCKET — an S3 bucket name/],
    [{ S3_BUCKET: 'mrm-reports', S3_ACCESS_KEY_ID: 'AKIA' }, /^Configuration error: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together$/],
    [{ CLICKHOUSE_CLUSTER: 'main' }, /^Configuration error: CLICKHOUSE_CLUSTER — needs CLICKHOUSE_URL/],
  ])('%o stops with one line naming the variable', (env, message) => {
    const res = boot(env);
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  });

  it('says how to get Redis when the embedded mode finds none', () => {
    const res = boot({ REDIS_URL: 'redis://127.0.0.1:1', MRM_DATA_DIR: '/tmp/mrm-config-test-never-created' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Redis .* none answers at redis:\/\/127\.0\.0\.1:1\. Start one .*or set REDIS_URL/);
  });
});
