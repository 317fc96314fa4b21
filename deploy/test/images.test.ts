// The Dockerfiles, read statically (no Docker engine runs here, so the images are never built in
// these tests): pinned bases, non-root final stage, production-only installs, and build steps that
// are the npm scripts CI runs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');
const rootPackage = JSON.parse(read('package.json')) as { workspaces: string[]; scripts: Record<string, string>; engines: { node: string } };

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Instructions with continuation lines joined and comments dropped; stage -1 = before the first FROM. */
function parseDockerfile(text: string): Instruction[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (current && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    lines.push(current + line);
    current = '';
  }
  let stage = -1;
  return lines.map((line) => {
    const [op, ...rest] = line.split(/\s+/);
    if (op.toUpperCase() === 'FROM') stage++;
    return { op: op.toUpperCase(), args: rest.join(' '), stage };
  });
}

/** Expands ${NAME} from the ARG defaults declared before the first FROM. */
function expander(instructions: Instruction[]) {
  const args: Record<string, string> = {};
  for (const i of instructions.filter((x) => x.stage === -1 && x.op === 'ARG')) {
    const [name, ...value] = i.args.split('=');
    args[name] = value.join('=');
  }
  return (text: string) => {
    let out = text;
    for (let n = 0; n < 5; n++) out = out.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? `<unset:${a ?? b}>`);
    return out;
  };
}

const workspaceScripts = new Map<string, Record<string, string>>();
for (const ws of rootPackage.workspaces) {
  const pkg = JSON.parse(read(`${ws}/package.json`)) as { name: string; scripts?: Record<string, string> };
  workspaceScripts.set(pkg.name, pkg.scripts ?? {});
  workspaceScripts.set(ws, pkg.scripts ?? {});
}

const images = [
  { file: 'deploy/docker/server.Dockerfile', port: '3000' },
  { file: 'deploy/docker/web.Dockerfile', port: '3001' },
];

describe.each(images)('$file', ({ file, port }) => {
  const text = read(file);
  const instructions = parseDockerfile(text);
  const expand = expander(instructions);
  const froms = instructions.filter((i) => i.op === 'FROM');
  const finalStage = froms.length - 1;
  const final = instructions.filter((i) => i.stage === finalStage);
  const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);

  it('pins every stage to an exact Node version and a digest (never latest)', () => {
    const stageNames: string[] = [];
    expect(froms.length).toBeGreaterThanOrEqual(2); // multi-stage
    for (const from of froms) {
      const [ref, as, name] = from.args.split(/\s+/);
      const image = expand(ref);
      if (!stageNames.includes(image)) {
        expect(image, from.args).not.toMatch(/<unset:/);
        expect(image, from.args).not.toMatch(/:latest\b/);
        // node:<major.minor.patch>-<variant>@sha256:<64 hex>
        expect(image, from.args).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+@sha256:[0-9a-f]{64}$/);
        // The same Node major the repository's engines field asks for.
        const major = rootPackage.engines.node.match(/\d+/)?.[0];
        expect(image.startsWith(`node:${major}.`), image).toBe(true);
      }
      if (as?.toUpperCase() === 'AS') stageNames.push(name);
    }
  });

  it('runs the final stage as the non-root uid 10001', () => {
    const users = final.filter((i) => i.op === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(user).toBe('10001');
  });

  it('installs with npm ci only, and production-only where it installs for run time', () => {
    for (const run of runs) {
      expect(run, run).not.toMatch(/\bnpm\s+(install|i|add)\b/);
      expect(run, run).not.toMatch(/\byarn\b|\bpnpm\b/);
    }
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    // Whatever the final stage holds as node_modules was installed with --omit=dev (or comes from the
    // standalone trace, which holds only what the server imports).
    for (const run of final.filter((i) => i.op === 'RUN')) expect(run.args).not.toMatch(/\bnpm ci\b/);
    const copiedDeps = final.filter((i) => i.op === 'COPY' && /--from=(\w+)/.test(i.args));
    for (const copy of copiedDeps) {
      const from = copy.args.match(/--from=(\w+)/)![1];
      const stageIndex = froms.findIndex((f) => f.args.split(/\s+/)[2] === from);
      const stageRuns = instructions.filter((i) => i.stage === stageIndex && i.op === 'RUN').map((i) => i.args);
      const installs = stageRuns.filter((r) => /\bnpm ci\b/.test(r));
      // A stage that installs dev dependencies may hand over only build output, never node_modules.
      if (installs.some((r) => !r.includes('--omit=dev'))) {
        expect(copy.args, `${copy.args} copies from a stage with dev dependencies`).toMatch(/dist|\.next\/standalone/);
      }
    }
  });

  it('calls only npm scripts that exist in the package.json they name', () => {
    const calls = [...text.matchAll(/npm run ([\w:.-]+)((?:\s+(?:-w|--workspace)[ =]\S+)*)/g)];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, script, flags] of calls) {
      const workspaces = [...flags.matchAll(/(?:-w|--workspace)[ =](\S+)/g)].map((m) => m[1]);
      if (workspaces.length === 0) expect(rootPackage.scripts[script], `npm run ${script}`).toBeDefined();
      for (const ws of workspaces) expect(workspaceScripts.get(ws)?.[script], `npm run ${script} -w ${ws}`).toBeDefined();
    }
  });

  it('exposes its port, has a healthcheck and OCI labels, and runs under tini', () => {
    expect(final.some((i) => i.op === 'EXPOSE' && i.args.split(/\s+/).includes(port))).toBe(true);
    const health = final.filter((i) => i.op === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0].args).toMatch(/CMD/);
    const labels = final.filter((i) => i.op === 'LABEL').map((i) => i.args).join(' ');
    for (const key of ['title', 'description', 'source', 'version', 'revision']) expect(labels).toContain(`org.opencontainers.image.${key}=`);
    const entrypoint = final.filter((i) => i.op === 'ENTRYPOINT').at(-1)?.args ?? '';
    expect(entrypoint).toMatch(/tini/);
    // The command runs Node directly or via `exec` (so tini's signals reach Node, not a shell).
    const cmd = final.filter((i) => i.op === 'CMD').at(-1)!.args;
    expect(cmd.startsWith('["node"') || /exec node /.test(cmd), cmd).toBe(true);
  });

  it('copies only files that exist, and every workspace manifest before npm ci (the lockfile covers them all)', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY' && !i.args.includes('--from='))) {
      const parts = copy.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) expect(existsSync(`${root}${source}`), `${file}: COPY ${source}`).toBe(true);
    }
    for (const stage of new Set(instructions.filter((i) => /\bnpm ci\b/.test(i.args)).map((i) => i.stage))) {
      const copied = instructions.filter((i) => i.stage === stage && i.op === 'COPY').map((i) => i.args).join('\n');
      for (const ws of rootPackage.workspaces) expect(copied, `stage ${stage} lacks ${ws}/package.json`).toContain(`${ws}/package.json`);
      expect(copied).toContain('package-lock.json');
    }
  });
});

describe('the server image', () => {
  const text = read('deploy/docker/server.Dockerfile');

  it('carries both migration CLIs and what they read, and defaults to the api role with a data volume', () => {
    expect(existsSync(`${root}apps/server/src/db/migrate-cli.ts`)).toBe(true);
    expect(existsSync(`${root}apps/server/src/analytics/migrate-cli.ts`)).toBe(true);
    expect(text).toMatch(/COPY --from=build \/src\/apps\/server\/dist apps\/server\/dist/);
    expect(text).toMatch(/COPY apps\/server\/migrations /);
    expect(text).toMatch(/COPY apps\/server\/analytics-migrations /);
    expect(text).toMatch(/MRM_ROLE=api/);
    expect(text).toMatch(/MRM_DATA_DIR=\/data/);
    expect(text).toMatch(/VOLUME \["\/data"\]/);
    expect(text).toMatch(/--omit=dev[^\n]*--workspace @mrm\/server/);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it.each(['node_modules', '.git', '.data', 'dist', '.next', '.env'])('excludes %s', (name) => {
    expect(patterns.some((p) => p === name || p === `**/${name}`)).toBe(true);
  });

  it('excludes TypeScript build info, so tsc -b inside the image never skips a build', () => {
    expect(patterns).toContain('**/*.tsbuildinfo');
  });
});
