import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('..', import.meta.url));

describe('the typed API client', () => {
  it('is generated from the committed OpenAPI document (run `npm run api:types -w @mrm/web` after an API change)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mrm-types-')), 'schema.d.ts');
    execFileSync(join(WEB, 'node_modules/.bin/openapi-typescript'), ['../server/openapi.json', '-o', out], { cwd: WEB, stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(WEB, 'src/api/schema.d.ts'), 'utf8'));
  });
});
