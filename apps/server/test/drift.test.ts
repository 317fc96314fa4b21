import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_DIR } from './setup/servers.js';

describe('generated files are committed and current', () => {
  it('openapi.json matches what the code generates (run `npm run openapi` after changing a contract)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mrm-openapi-')), 'openapi.json');
    execFileSync(process.execPath, [join(SERVER_DIR, 'dist/openapi-cli.js'), out], { cwd: SERVER_DIR, stdio: 'pipe' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(join(SERVER_DIR, 'openapi.json'), 'utf8')));
  });

  it('the migrations describe the schema (run `npm run db:generate` after changing src/db/schema.ts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrm-migrations-'));
    cpSync(join(SERVER_DIR, 'migrations'), dir, { recursive: true });
    const before = readdirSync(dir).sort();
    const bin = join(SERVER_DIR, '../../node_modules/.bin/drizzle-kit');
    const run = spawnSync(bin, ['generate', '--dialect', 'postgresql', '--schema', 'src/db/schema.ts', '--out', relative(SERVER_DIR, dir)], { cwd: SERVER_DIR, encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(readdirSync(dir).sort(), output).toEqual(before);
    expect(output).toMatch(/No schema changes/);
  }, 60_000);
});
