// compose.yaml, read statically (no Docker engine here): the services, their health and start order,
// the environment as the server reads it, and the files it mounts from the repository.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  volumes?: string[];
  restart?: string;
  read_only?: boolean;
}

const composeText = read('compose.yaml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const ONE_SHOTS = ['migrate', 'minio-bucket'];

describe('compose.yaml', () => {
  it('has the whole stack', () => {
    for (const name of ['postgres', 'redis', 'clickhouse', 'minio', 'minio-bucket', 'mailpit', 'prometheus', 'grafana', 'jaeger', 'migrate', 'api', 'worker', 'web']) {
      expect(services[name], name).toBeDefined();
    }
  });

  it('gives every long-running service a healthcheck, and only the one-shots run once', () => {
    for (const [name, service] of Object.entries(services)) {
      if (ONE_SHOTS.includes(name)) {
        expect(service.restart, name).toBe('no');
        continue;
      }
      expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
    }
  });

  it('pins every third-party image to a version (never latest)', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.image, name).toBeDefined();
      expect(service.image!, name).toMatch(/:[^:]+$/);
      expect(service.image!, name).not.toMatch(/:latest$/);
    }
  });

  it('starts the API, worker and web only after the migrations completed successfully', () => {
    for (const name of ['api', 'worker', 'web']) {
      expect(services[name].depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
    expect(services.api.depends_on?.['minio-bucket']?.condition).toBe('service_completed_successfully');
    expect(services.web.depends_on?.api?.condition).toBe('service_healthy');
    for (const db of ['postgres', 'clickhouse']) expect(services.migrate.depends_on?.[db]?.condition).toBe('service_healthy');
  });

  it('waits only on healthchecks that exist and on one-shots to complete', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
        if (condition === 'service_healthy') expect(services[dep].healthcheck, `${name} waits on ${dep}'s health`).toBeDefined();
        if (condition === 'service_completed_successfully') expect(ONE_SHOTS).toContain(dep);
      }
    }
  });

  it('runs the platform from the release images, built from the Dockerfiles', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      expect(services[name].image).toMatch(/^ghcr\.io\/mrm-ai\/mrm-server:/);
      expect(services[name].build?.dockerfile).toBe('deploy/docker/server.Dockerfile');
      expect(services[name].read_only).toBe(true);
    }
    expect(services.web.image).toMatch(/^ghcr\.io\/mrm-ai\/mrm-web:/);
    expect(services.web.build?.dockerfile).toBe('deploy/docker/web.Dockerfile');
    expect(existsSync(`${root}deploy/docker/server.Dockerfile`)).toBe(true);
    expect(existsSync(`${root}deploy/docker/web.Dockerfile`)).toBe(true);
    expect(services.api.environment?.MRM_ROLE).toBe('api');
    expect(services.worker.environment?.MRM_ROLE).toBe('worker');
    const migrate = [services.migrate.command].flat().join(' ');
    expect(migrate).toContain('node apps/server/dist/db/migrate-cli.js');
    expect(migrate).toContain('node apps/server/dist/analytics/migrate-cli.js');
  });

  it('sets only environment variables the server reads', () => {
    // The README's Configuration table and the server's config schema; OTEL_* are the OpenTelemetry
    // SDK's own variables.
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('## Configuration'));
    const known = new Set([...table.matchAll(/^\|[^|]*\|/gm)].flatMap((m) => [...m[0].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((x) => x[1])));
    for (const m of read('apps/server/src/config/config.ts').matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) known.add(m[1]);
    expect(known.has('DATABASE_URL')).toBe(true);
    for (const name of ['api', 'worker', 'migrate']) {
      for (const key of Object.keys(services[name].environment ?? {})) {
        if (key.startsWith('OTEL_')) continue;
        expect(known.has(key), `${name}: ${key} is not a setting the server reads`).toBe(true);
      }
    }
  });

  it('sets only environment variables the web app (or its Next.js server) reads', () => {
    const known = new Set(['PORT', 'HOSTNAME', 'NODE_ENV', 'NEXT_TELEMETRY_DISABLED']);
    const web = read('scripts/start.mjs'); // the embedded mode passes the web app what it reads
    for (const m of web.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)) known.add(m[1]);
    for (const key of Object.keys(services.web.environment ?? {})) expect(known.has(key), `web: ${key}`).toBe(true);
    expect(services.web.environment?.API_URL).toBe('http://api:3000');
  });

  it('wires the services to each other as the server expects', () => {
    const env = services.api.environment!;
    // The application logs in as mrm_api (a member of mrm_app); only the migration job uses the owner.
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/mrm_api:[^@]+@postgres:5432\/mrm$/);
    expect(services.migrate.environment?.DATABASE_URL).toMatch(/^postgres:\/\/postgres:[^@]+@postgres:5432\/mrm$/);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.CLICKHOUSE_URL).toMatch(/^http:\/\/mrm:[^@]+@clickhouse:8123\/mrm$/);
    expect(env.S3_ENDPOINT).toBe('http://minio:9000');
    expect(env.S3_FORCE_PATH_STYLE).toBe('true');
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    expect(env.WEB_ORIGIN).toBe('http://localhost:3001');
    expect(env.NODE_ENV).toBe('production');
    expect(services.worker.environment).toMatchObject({ DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, S3_BUCKET: env.S3_BUCKET });
    const init = read('deploy/compose/postgres-init.sh');
    expect(init).toMatch(/CREATE ROLE mrm_api LOGIN/);
    expect(init).toMatch(/GRANT mrm_app TO mrm_api/);
  });

  it('takes every secret from .env, and the example defines each one with a placeholder', () => {
    const example = read('deploy/compose/.env.example');
    const defined = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const required = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:\?|\})/g)].map((m) => m[1]));
    for (const name of required) expect(defined.has(name), `.env.example lacks ${name}`).toBe(true);
    for (const name of ['JWT_SECRET', 'CREDENTIALS_KEYS', 'POSTGRES_PASSWORD', 'MRM_APP_DB_PASSWORD']) expect(defined.has(name)).toBe(true);
    // The example's values are ones the server accepts (so `cp` and `up` work as documented).
    const value = (name: string) => example.match(new RegExp(`^${name}=(.*)$`, 'm'))![1];
    expect(value('JWT_SECRET').length).toBeGreaterThanOrEqual(32);
    expect(value('CREDENTIALS_KEYS')).toMatch(/^[\w.-]{1,40}:[A-Za-z0-9+/]{43}=$/);
  });

  it('mounts only repository files that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('./')) {
          expect(compose.volumes, `${name}: named volume ${source}`).toHaveProperty(source);
          continue;
        }
        // The monitoring files (alert rules, Grafana provisioning and dashboards) are written
        // alongside this branch and merged with it; until they are here, their mounts are skipped.
        if (source.startsWith('./deploy/monitoring/') && !existsSync(`${root}deploy/monitoring`)) continue;
        expect(existsSync(`${root}${source.slice(2)}`), `${name} mounts ${source}`).toBe(true);
      }
    }
  });

  it('scrapes the API and the worker, and loads the alert rules from where they are mounted', () => {
    const prometheus = parse(read('deploy/compose/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const job = (name: string) => prometheus.scrape_configs.find((j) => j.job_name === name)!;
    expect(job('api').static_configs[0].targets).toEqual(['api:3000']);
    expect(job('worker').static_configs[0].targets).toEqual(['worker:3000']);
    for (const name of ['api', 'worker']) expect(job(name).metrics_path ?? '/metrics').toBe('/metrics');
    const rulesMount = services.prometheus.volumes!.find((v) => v.includes('alerts.rules.yml'))!;
    expect(rulesMount.startsWith('./deploy/monitoring/prometheus/alerts.rules.yml:')).toBe(true);
    const target = rulesMount.split(':')[1];
    expect(prometheus.rule_files.some((glob) => new RegExp(`^${glob.replace(/\./g, '\\.').replace('*', '[^/]*')}$`).test(target))).toBe(true);
    const grafana = services.grafana.volumes!;
    expect(grafana).toContain('./deploy/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(grafana.some((v) => v.startsWith('./deploy/monitoring/grafana/dashboards:'))).toBe(true);
  });
});
