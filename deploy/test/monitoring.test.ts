// Checks of deploy/monitoring: the alert rules (promtool), the PrometheusRule rendered from them,
// the ServiceMonitors, the Grafana dashboards and what Kustomize makes of it all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { kustomize } from './kustomize.js';
import { parse } from 'yaml';
import { render as renderPrometheusRule } from '../monitoring/render-prometheusrule.mjs';
import { renderAll as renderDashboards } from '../monitoring/grafana/render-dashboards.mjs';

const deploy = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(deploy, '..');
const mon = join(deploy, 'monitoring');
const rulesFile = join(mon, 'prometheus', 'alerts.rules.yml');
const read = (path: string) => readFileSync(path, 'utf8');

/** Runs a tool; on failure the test fails with everything the tool said. */
function run(cmd: string, args: string[], cwd = deploy): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}\n${e.message}`);
  }
}

type Rule = { alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> };
const rulesDoc = parse(read(rulesFile)) as { groups: { name: string; rules: Rule[] }[] };
const rules = rulesDoc.groups.flatMap((g) => g.rules);
const rule = (name: string) => {
  const r = rules.find((x) => x.alert === name);
  if (!r) throw new Error(`no alert ${name}`);
  return r;
};
const flat = (expr: string) => expr.replace(/\s+/g, ' ').trim();

const kustomized = () => kustomize(mon);

// ---- Metrics the expressions may name ---------------------------------------------------------

/** Series the server exports (docs/operations.md); histograms also give _bucket, _count, _sum. */
const SERVER_METRICS = ['http_requests_total', 'mrm_api_calls_total', 'mrm_projects_created_total', 'mrm_tenants_created_total', 'mrm_reports_generated_total', 'mrm_active_users', 'mrm_queue_depth', 'mrm_job_failures_total'];
const SERVER_HISTOGRAMS = ['http_request_duration_seconds', 'mrm_job_wait_seconds', 'mrm_job_duration_seconds'];
/** prom-client's default Node process metrics. */
const NODE_PROCESS = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_active_handles_total'];
/** Well-known exporters: kube-state-metrics, cAdvisor (kubelet), node-exporter, postgres_exporter. */
const EXPORTERS = [
  'kube_pod_container_status_restarts_total', 'kube_pod_status_ready', 'kube_pod_container_resource_requests', 'kube_pod_container_resource_limits',
  'container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'container_fs_reads_bytes_total', 'container_fs_writes_bytes_total',
  'container_network_receive_bytes_total', 'container_network_transmit_bytes_total',
  'node_cpu_seconds_total', 'node_memory_MemAvailable_bytes', 'node_memory_MemTotal_bytes', 'node_filesystem_avail_bytes', 'node_filesystem_size_bytes',
  'node_disk_read_bytes_total', 'node_disk_written_bytes_total', 'node_network_receive_bytes_total', 'node_network_transmit_bytes_total',
  'pg_replication_lag_seconds', 'pg_replication_lag',
];
const ALLOWED = new Set([...SERVER_METRICS, ...SERVER_HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_count`, `${h}_sum`]), ...NODE_PROCESS, ...EXPORTERS]);
const KEYWORDS = new Set(['and', 'or', 'unless', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'by', 'without', 'inf', 'nan']);

/** The metric names a PromQL expression reads (identifiers that are not functions, keywords or labels). */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const names: string[] = [];
  for (const m of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = stripped.slice(m.index! + m[0].length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.push(m[0]);
  }
  return names;
}

// ---- Alert rules ----------------------------------------------------------------------------

describe('alert rules', () => {
  it('pass promtool check rules', () => {
    expect(run('promtool', ['check', 'rules', rulesFile])).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("pass their unit tests (promtool test rules), each alert with a case that fires and one that doesn't", () => {
    expect(run('promtool', ['test', 'rules', join(mon, 'prometheus', 'alerts.test.yml')])).toContain('SUCCESS');
    const tests = parse(read(join(mon, 'prometheus', 'alerts.test.yml'))) as { tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[] };
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const r of rules) {
      expect(cases.some((c) => c.alertname === r.alert && (c.exp_alerts ?? []).length > 0), `${r.alert} fires somewhere`).toBe(true);
      expect(cases.some((c) => c.alertname === r.alert && (c.exp_alerts ?? []).length === 0), `${r.alert} stays quiet somewhere`).toBe(true);
    }
  });

  it("keep the seed's three alerts with their thresholds, durations, severities and summaries", () => {
    const err = rule('HighErrorRate');
    expect(flat(err.expr)).toContain('rate(http_requests_total{status=~"5.."}[5m])');
    expect(flat(err.expr)).toMatch(/\/ sum by \(service\) \(rate\(http_requests_total\[5m\]\)\) > 0\.05$/);
    expect([err.for, err.labels.severity, err.annotations.summary]).toEqual(['5m', 'critical', 'High error rate detected']);

    const lat = rule('HighLatency');
    expect(flat(lat.expr)).toMatch(/^histogram_quantile\(0\.95, sum by \(service, le\) \(rate\(http_request_duration_seconds_bucket\[5m\]\)\)\) > 1$/);
    expect([lat.for, lat.labels.severity, lat.annotations.summary]).toEqual(['5m', 'warning', 'High API latency']);

    const crash = rule('PodCrashLooping');
    expect(flat(crash.expr)).toMatch(/^rate\(kube_pod_container_status_restarts_total\{[^}]*\}\[15m\]\) > 0$/);
    expect([crash.for, crash.labels.severity, crash.annotations.summary]).toEqual(['5m', 'critical', 'Pod is crash looping']);
  });

  it('add the queue, job, readiness and replication alerts', () => {
    expect(rules.map((r) => r.alert).sort()).toEqual(['HighErrorRate', 'HighLatency', 'JobFailureRate', 'PodCrashLooping', 'PostgresReplicationLag', 'QueueBacklog', 'ReadinessFlapping']);
    expect(flat(rule('QueueBacklog').expr)).toContain('mrm_queue_depth{state=~"waiting|delayed"}');
    expect(rule('QueueBacklog').for).toBe('10m');
    expect(flat(rule('JobFailureRate').expr)).toContain('mrm_job_failures_total{final="true"}');
    expect(flat(rule('ReadinessFlapping').expr)).toContain('changes(kube_pod_status_ready{condition="true"');
    expect(flat(rule('PostgresReplicationLag').expr)).toMatch(/> 30$/);
    expect(rule('PostgresReplicationLag').for).toBe('5m');
  });

  it('read only metrics that exist, and each has a runbook in docs/monitoring.md', () => {
    const docs = read(join(repo, 'docs', 'monitoring.md'));
    for (const r of rules) {
      for (const name of metricNames(r.expr)) expect(ALLOWED, `${r.alert} reads ${name}`).toContain(name);
      expect(['critical', 'warning']).toContain(r.labels.severity);
      expect(r.annotations.runbook).toBe(`docs/monitoring.md#${r.alert.toLowerCase()}`);
      expect(docs).toMatch(new RegExp(`^### ${r.alert}$`, 'm'));
    }
  });
});

// ---- PrometheusRule and ServiceMonitors ----------------------------------------------------

describe('PrometheusRule', () => {
  const file = join(mon, 'prometheusrule.yaml');
  const object = parse(read(file));

  it('is the rules file, rendered (run render-prometheusrule.mjs after editing the rules)', () => {
    expect(object.spec).toEqual(rulesDoc);
    expect(read(file)).toBe(renderPrometheusRule());
  });

  it('is a PrometheusRule in monitoring that the Prometheus Operator selects, and its spec passes promtool', () => {
    expect(object.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(object.kind).toBe('PrometheusRule');
    expect(object.metadata.namespace).toBe('monitoring');
    expect(object.metadata.labels.release).toBe('kube-prometheus-stack');
    const tmp = join(mkdtempSync(join(tmpdir(), 'mrm-rules-')), 'spec.yml');
    writeFileSync(tmp, JSON.stringify(object.spec));
    expect(run('promtool', ['check', 'rules', tmp])).toContain('SUCCESS');
  });
});

describe('Kustomize output of deploy/monitoring', () => {
  const objects = kustomized();
  const of = (kind: string) => objects.filter((o) => o.kind === kind);

  it('holds the rule, the two ServiceMonitors and three dashboard ConfigMaps', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort()).toEqual([
      'ConfigMap/mrm-dashboard-application',
      'ConfigMap/mrm-dashboard-business',
      'ConfigMap/mrm-dashboard-infrastructure',
      'PrometheusRule/mrm-alerts',
      'ServiceMonitor/mrm-api',
      'ServiceMonitor/mrm-worker',
    ]);
  });

  it('scrapes the api in mrm-production and the workers in mrm-workers on port http, /metrics, every 30 s', () => {
    const monitors = Object.fromEntries(of('ServiceMonitor').map((m) => [m.metadata.name, m]));
    const expected = { 'mrm-api': ['mrm-production', 'mrm-api'], 'mrm-worker': ['mrm-workers', 'mrm-worker'] } as const;
    for (const [name, [namespace, app]] of Object.entries(expected)) {
      const m = monitors[name];
      expect(m.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(m.metadata.namespace).toBe('monitoring');
      expect(m.metadata.labels?.release).toBe('kube-prometheus-stack');
      expect(m.spec.namespaceSelector.matchNames).toEqual([namespace]);
      expect(m.spec.selector.matchLabels.app).toBe(app);
      expect(m.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s', honorLabels: true }]);
    }
  });

  it("finds the workers through their headless Service (deploy/k8s), on the pods' port 3000", () => {
    const workers = kustomize(join(mon, '..', 'k8s', 'overlays', 'production'));
    const svc = workers.find((o) => o.kind === 'Service' && o.metadata.name === 'mrm-worker-metrics');
    new Service(svc as any).validate();
    expect(svc.metadata.namespace).toBe('mrm-workers');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual({ app: 'mrm-worker' });
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 3000, targetPort: 3000, protocol: 'TCP' }]);
    const monitor = of('ServiceMonitor').find((m) => m.metadata.name === 'mrm-worker')!;
    for (const [k, v] of Object.entries(monitor.spec.selector.matchLabels)) expect(svc.metadata.labels?.[k]).toBe(v);
  });

  it('makes one ConfigMap per dashboard in monitoring, labelled for the Grafana sidecar, holding the JSON file', () => {
    const maps = of('ConfigMap');
    expect(maps).toHaveLength(3);
    for (const cm of maps) {
      new ConfigMap(cm as any).validate();
      expect(cm.metadata.namespace).toBe('monitoring');
      expect(cm.metadata.labels?.grafana_dashboard).toBe('1');
      const [[key, text]] = Object.entries(cm.data as Record<string, string>);
      expect(text).toBe(read(join(mon, 'grafana', 'dashboards', key)));
    }
  });
});

// ---- Grafana --------------------------------------------------------------------------------

type Panel = { id: number; type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; datasource?: { type: string; uid: string }; targets?: { expr: string; refId: string; datasource?: { uid: string } }[] };
const dashDir = join(mon, 'grafana', 'dashboards');
const dashboards = Object.fromEntries(readdirSync(dashDir).map((f) => [f.replace(/\.json$/, ''), JSON.parse(read(join(dashDir, f))) as { uid: string; title: string; schemaVersion: number; panels: Panel[] }]));
const exprs = (name: string) => dashboards[name].panels.flatMap((p) => (p.targets ?? []).map((t) => flat(t.expr)));

describe('Grafana dashboards', () => {
  it('are the three of the seed, as rendered by render-dashboards.mjs', () => {
    expect(Object.keys(dashboards).sort()).toEqual(['application', 'business', 'infrastructure']);
    for (const [name, text] of Object.entries(renderDashboards())) expect(read(join(dashDir, `${name}.json`))).toBe(text);
  });

  it('have a schema version, unique uids and panel ids, and panels that fit the grid without overlapping', () => {
    expect(new Set(Object.values(dashboards).map((d) => d.uid)).size).toBe(3);
    for (const [name, d] of Object.entries(dashboards)) {
      expect(d.schemaVersion, name).toBeGreaterThanOrEqual(36);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size, `${name} panel ids`).toBe(ids.length);
      for (const [i, a] of d.panels.entries()) {
        const g = a.gridPos;
        expect(g.x >= 0 && g.y >= 0 && g.w > 0 && g.h > 0 && g.x + g.w <= 24, `${name}/${a.title} fits`).toBe(true);
        for (const b of d.panels.slice(i + 1)) {
          const h = b.gridPos;
          const overlap = g.x < h.x + h.w && h.x < g.x + g.w && g.y < h.y + h.h && h.y < g.y + g.h;
          expect(overlap, `${name}: "${a.title}" overlaps "${b.title}"`).toBe(false);
        }
      }
    }
  });

  it('read the provisioned Prometheus datasource, and only metrics that exist', () => {
    const provisioned = parse(read(join(mon, 'grafana', 'provisioning', 'datasources', 'prometheus.yaml')));
    expect(provisioned.datasources[0]).toMatchObject({ uid: 'prometheus', type: 'prometheus' });
    for (const [name, d] of Object.entries(dashboards)) {
      for (const p of d.panels.filter((x) => x.type !== 'row')) {
        expect(p.datasource, `${name}/${p.title}`).toEqual({ type: 'prometheus', uid: 'prometheus' });
        expect(p.targets?.length, `${name}/${p.title} has queries`).toBeGreaterThan(0);
        for (const t of p.targets!) {
          expect(t.datasource?.uid).toBe('prometheus');
          const names = metricNames(t.expr);
          expect(names.length, `${name}/${p.title}: ${t.expr}`).toBeGreaterThan(0);
          for (const m of names) expect(ALLOWED, `${name}/${p.title} reads ${m}`).toContain(m);
        }
      }
    }
  });

  it('have queries that are valid PromQL (promtool parses them as recording rules)', () => {
    const all = Object.entries(dashboards).flatMap(([name, d]) => d.panels.flatMap((p) => (p.targets ?? []).map((t, i) => ({ record: `dashboard:${name}:${p.id}:${i}`, expr: t.expr }))));
    const tmp = join(mkdtempSync(join(tmpdir(), 'mrm-dash-')), 'queries.yml');
    writeFileSync(tmp, JSON.stringify({ groups: [{ name: 'dashboard-queries', rules: all }] }));
    expect(run('promtool', ['check', 'rules', tmp])).toContain(`SUCCESS: ${all.length} rules found`);
  });

  it("name server metrics that the server really registers", () => {
    const src = ['apps/server/src/ops/metrics.ts', 'apps/server/src/jobs/runtime.ts'].map((f) => read(join(repo, f))).join('\n');
    for (const m of [...SERVER_METRICS, ...SERVER_HISTOGRAMS]) expect(src, m).toContain(`name: '${m}'`);
  });

  it("show the seed's business metrics as the seed defines them", () => {
    const e = exprs('business');
    expect(e).toContain('max(mrm_active_users)');
    expect(e).toContain('sum(increase(mrm_projects_created_total[1d]))');
    expect(e).toContain('sum(increase(mrm_reports_generated_total[1h]))');
    expect(e).toContain('sum(rate(mrm_api_calls_total[1m])) * 60');
  });

  it("show the seed's application and infrastructure panels", () => {
    const app = exprs('application').join('\n');
    for (const p of ['0.5', '0.95', '0.99']) expect(app).toContain(`histogram_quantile(${p}, sum by (le) (rate(http_request_duration_seconds_bucket{service="api"}[5m])))`);
    expect(app).toContain('status=~"4.."');
    expect(app).toContain('status=~"5.."');
    expect(app).toContain('nodejs_active_handles_total');
    for (const m of ['mrm_queue_depth', 'mrm_job_duration_seconds_bucket', 'mrm_job_failures_total']) expect(app).toContain(m);
    const infra = exprs('infrastructure').join('\n');
    for (const m of ['container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'node_cpu_seconds_total', 'node_memory_MemAvailable_bytes', 'node_disk_read_bytes_total', 'container_fs_writes_bytes_total', 'node_network_receive_bytes_total', 'container_network_transmit_bytes_total', 'kube_pod_container_status_restarts_total']) {
      expect(infra).toContain(m);
    }
  });

  it('are provisioned from the folder compose mounts', () => {
    const provider = parse(read(join(mon, 'grafana', 'provisioning', 'dashboards', 'mrm.yaml')));
    expect(provider.apiVersion).toBe(1);
    expect(provider.providers[0]).toMatchObject({ type: 'file', options: { path: '/var/lib/grafana/dashboards/mrm' } });
  });
});

describe('YAML of deploy/monitoring and deploy/logging', () => {
  it('passes yamllint (default rules, lines up to 140)', () => {
    run('yamllint', ['--strict', '-d', '{extends: default, rules: {line-length: {max: 140}}}', join(deploy, 'monitoring'), join(deploy, 'logging')]);
  });
});

describe('metricNames', () => {
  it('finds the metrics of an expression and nothing else', () => {
    expect(metricNames('sum by (service, le) (rate(a_bucket{status=~"5..", x="y"}[5m])) / on (service) group_left b > 0.05 and c')).toEqual(['a_bucket', 'b', 'c']);
  });
});
