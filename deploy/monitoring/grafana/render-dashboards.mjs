// Writes the three Grafana dashboards (dashboards/*.json) from the panel lists below, laying the
// panels out on Grafana's 24-column grid. Usage: node deploy/monitoring/grafana/render-dashboards.mjs
// Every panel reads the Prometheus datasource with uid `prometheus` (provisioned by
// provisioning/datasources/prometheus.yaml locally; kube-prometheus-stack's default uid too).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DS = { type: 'prometheus', uid: 'prometheus' };
const NS = 'namespace=~"mrm-.*"';

const row = (title) => ({ kind: 'row', title });
const ts = (title, description, unit, targets, width = 12) => ({ kind: 'timeseries', title, description, unit, targets, width });
const stat = (title, description, unit, targets, width = 6) => ({ kind: 'stat', title, description, unit, targets, width });
const q = (expr, legendFormat) => ({ expr, legendFormat });

const quantiles = (metric, by, selector = '') =>
  [0.5, 0.95, 0.99].map((p) =>
    q(`histogram_quantile(${p}, sum by (${[...by, 'le'].join(', ')}) (rate(${metric}_bucket${selector}[5m])))`, `p${Math.round(p * 100)}${by.map((l) => ` {{${l}}}`).join('')}`),
  );

export const dashboards = {
  application: {
    title: 'MRM — Application',
    description: 'Requests, latency and errors of the API and workers, Node process health, queues and jobs.',
    tags: ['mrm', 'application'],
    panels: [
      row('HTTP'),
      ts('Request rate', 'Requests per second per service (http_requests_total).', 'reqps', [q('sum by (service) (rate(http_requests_total[5m]))', '{{service}}')]),
      ts('Request rate by route (top 10)', 'The busiest API route templates.', 'reqps', [q('topk(10, sum by (route) (rate(http_requests_total{service="api"}[5m])))', '{{route}}')]),
      ts('API latency p50 / p95 / p99', 'From the http_request_duration_seconds histogram, all API pods and routes together. Alert: p95 > 1 s for 5 m.', 's', quantiles('http_request_duration_seconds', [], '{service="api"}')),
      ts('API p95 latency by route (top 10)', 'The slowest route templates at p95.', 's', [q('topk(10, histogram_quantile(0.95, sum by (route, le) (rate(http_request_duration_seconds_bucket{service="api"}[5m]))))', '{{route}}')]),
      ts('Error rate 4xx / 5xx', 'Share of requests answered 4xx and 5xx, per service. Alert: 5xx > 5 % for 5 m.', 'percentunit', [
        q('sum by (service) (rate(http_requests_total{status=~"4.."}[5m])) / sum by (service) (rate(http_requests_total[5m]))', '4xx {{service}}'),
        q('sum by (service) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (service) (rate(http_requests_total[5m]))', '5xx {{service}}'),
      ]),
      ts('Active connections (stand-in: open handles)', 'The server exports no connection gauge; nodejs_active_handles_total counts the libuv handles each process holds open — client sockets, plus pool connections to PostgreSQL and Redis, servers and timers — so its rise tracks open connections.', 'short', [
        q('sum by (service) (nodejs_active_handles_total)', '{{service}}'),
      ]),
      row('Node processes'),
      ts('CPU per pod', 'process_cpu_seconds_total: cores used by each Node process.', 'short', [q('sum by (service, pod) (rate(process_cpu_seconds_total[5m]))', '{{service}} {{pod}}')], 8),
      ts('Memory per pod', 'Resident set and V8 heap used.', 'bytes', [
        q('sum by (service, pod) (process_resident_memory_bytes)', 'rss {{pod}}'),
        q('sum by (service, pod) (nodejs_heap_size_used_bytes)', 'heap {{pod}}'),
      ], 8),
      ts('Event-loop lag p99', 'nodejs_eventloop_lag_p99_seconds: a busy event loop delays every request on that pod.', 's', [q('max by (service, pod) (nodejs_eventloop_lag_p99_seconds)', '{{service}} {{pod}}')], 8),
      row('Queues and jobs'),
      ts('Queue depth', 'mrm_queue_depth by queue and state (waiting, delayed, active, failed), read from Redis; every pod reports the same numbers, so the max is shown. Alert: waiting + delayed > 1000 for 10 m.', 'short', [q('max by (queue, state) (mrm_queue_depth)', '{{queue}} {{state}}')]),
      ts('Job wait p95', 'mrm_job_wait_seconds: from queued to started, per queue.', 's', [q('histogram_quantile(0.95, sum by (queue, le) (rate(mrm_job_wait_seconds_bucket[5m])))', '{{queue}}')]),
      ts('Job duration p50 / p95', 'mrm_job_duration_seconds of completed jobs, per queue and job.', 's', [
        q('histogram_quantile(0.5, sum by (queue, job, le) (rate(mrm_job_duration_seconds_bucket[5m])))', 'p50 {{queue}} {{job}}'),
        q('histogram_quantile(0.95, sum by (queue, job, le) (rate(mrm_job_duration_seconds_bucket[5m])))', 'p95 {{queue}} {{job}}'),
      ]),
      ts('Jobs completed and failed per minute', 'Completed jobs, failed attempts that will be retried (final=false) and failures for good (final=true). Alert: final failures > 10 % of finished jobs.', 'short', [
        q('sum by (queue) (rate(mrm_job_duration_seconds_count[5m])) * 60', 'completed {{queue}}'),
        q('sum by (queue) (rate(mrm_job_failures_total{final="false"}[5m])) * 60', 'retried {{queue}}'),
        q('sum by (queue) (rate(mrm_job_failures_total{final="true"}[5m])) * 60', 'failed {{queue}}'),
      ]),
    ],
  },
  infrastructure: {
    title: 'MRM — Infrastructure',
    description: 'Nodes (node-exporter) and the platform pods (cAdvisor, kube-state-metrics) in the mrm-* namespaces.',
    tags: ['mrm', 'infrastructure'],
    panels: [
      row('Nodes'),
      ts('Node CPU utilisation', 'node-exporter: share of CPU time not idle.', 'percentunit', [q('1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', '{{instance}}')], 8),
      ts('Node memory utilisation', 'node-exporter: 1 − available / total.', 'percentunit', [q('1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', '{{instance}}')], 8),
      ts('Node disk space used', 'node-exporter: real filesystems only.', 'percentunit', [q('1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"}', '{{instance}} {{mountpoint}}')], 8),
      ts('Node disk I/O', 'node-exporter: bytes read and written per second.', 'Bps', [
        q('sum by (instance) (rate(node_disk_read_bytes_total[5m]))', 'read {{instance}}'),
        q('sum by (instance) (rate(node_disk_written_bytes_total[5m]))', 'write {{instance}}'),
      ]),
      ts('Node network I/O', 'node-exporter: bytes received and sent per second, physical interfaces.', 'Bps', [
        q('sum by (instance) (rate(node_network_receive_bytes_total{device!~"lo|veth.*|cali.*|cni.*|flannel.*"}[5m]))', 'in {{instance}}'),
        q('sum by (instance) (rate(node_network_transmit_bytes_total{device!~"lo|veth.*|cali.*|cni.*|flannel.*"}[5m]))', 'out {{instance}}'),
      ]),
      row('Pods (mrm-* namespaces)'),
      ts('Pod CPU', 'cAdvisor container_cpu_usage_seconds_total: cores per pod.', 'short', [q(`sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${NS}, container!=""}[5m]))`, '{{namespace}}/{{pod}}')]),
      ts('Pod CPU / request', 'CPU used over the CPU requested (kube-state-metrics); above 1 the pod borrows spare node CPU, which the HPA reacts to.', 'percentunit', [
        q(`sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${NS}, container!=""}[5m])) / sum by (namespace, pod) (kube_pod_container_resource_requests{${NS}, resource="cpu"})`, '{{namespace}}/{{pod}}'),
      ]),
      ts('Pod memory (working set)', 'cAdvisor container_memory_working_set_bytes: what the OOM killer judges.', 'bytes', [q(`sum by (namespace, pod) (container_memory_working_set_bytes{${NS}, container!=""})`, '{{namespace}}/{{pod}}')]),
      ts('Pod memory / limit', 'Working set over the memory limit (kube-state-metrics); at 1 the container is killed.', 'percentunit', [
        q(`sum by (namespace, pod) (container_memory_working_set_bytes{${NS}, container!=""}) / sum by (namespace, pod) (kube_pod_container_resource_limits{${NS}, resource="memory"})`, '{{namespace}}/{{pod}}'),
      ]),
      ts('Pod disk I/O', 'cAdvisor: bytes read and written per second per pod.', 'Bps', [
        q(`sum by (namespace, pod) (rate(container_fs_reads_bytes_total{${NS}, container!=""}[5m]))`, 'read {{pod}}'),
        q(`sum by (namespace, pod) (rate(container_fs_writes_bytes_total{${NS}, container!=""}[5m]))`, 'write {{pod}}'),
      ]),
      ts('Pod network I/O', 'cAdvisor: bytes received and sent per second per pod.', 'Bps', [
        q(`sum by (namespace, pod) (rate(container_network_receive_bytes_total{${NS}}[5m]))`, 'in {{pod}}'),
        q(`sum by (namespace, pod) (rate(container_network_transmit_bytes_total{${NS}}[5m]))`, 'out {{pod}}'),
      ]),
      ts('Pod restarts (1 h)', 'kube-state-metrics: container restarts per pod in the last hour. Alert: any restart within 15 m, for 5 m.', 'short', [q(`sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${NS}}[1h]))`, '{{namespace}}/{{pod}}')]),
      ts('Ready pods', 'kube-state-metrics: pods passing readiness, per namespace.', 'short', [q(`sum by (namespace) (kube_pod_status_ready{${NS}, condition="true"})`, '{{namespace}}')]),
    ],
  },
  business: {
    title: 'MRM — Business',
    description: 'Platform-wide business metrics (all workspaces together; per-workspace numbers are on the administration page).',
    tags: ['mrm', 'business'],
    panels: [
      stat('Active users', 'mrm_active_users: distinct people with an authenticated request in the last 15 minutes, across all pods (kept in Redis, so every pod reports the same number: max, not sum).', 'short', [q('max(mrm_active_users)', 'active users')]),
      stat('Projects created / day', 'increase(mrm_projects_created_total[1d]) over all pods.', 'short', [q('sum(increase(mrm_projects_created_total[1d]))', 'projects')]),
      stat('Reports generated / hour', 'increase(mrm_reports_generated_total[1h]) over all workers.', 'short', [q('sum(increase(mrm_reports_generated_total[1h]))', 'reports')]),
      stat('API calls / minute', 'rate(mrm_api_calls_total[1m]) * 60 over all API pods.', 'short', [q('sum(rate(mrm_api_calls_total[1m])) * 60', 'calls/min')]),
      ts('Active users', 'mrm_active_users over time.', 'short', [q('max(mrm_active_users)', 'active users')]),
      ts('API calls per minute', 'rate(mrm_api_calls_total[1m]) * 60.', 'short', [q('sum(rate(mrm_api_calls_total[1m])) * 60', 'calls/min')]),
      ts('Projects created per day', 'increase(mrm_projects_created_total[1d]), a rolling 24-hour window.', 'short', [q('sum(increase(mrm_projects_created_total[1d]))', 'projects / day')]),
      ts('Reports generated per hour by type and format', 'increase(mrm_reports_generated_total[1h]) by type and format.', 'short', [q('sum by (type, format) (increase(mrm_reports_generated_total[1h]))', '{{type}} {{format}}')]),
      ts('Workspaces registered per day', 'increase(mrm_tenants_created_total[1d]).', 'short', [q('sum(increase(mrm_tenants_created_total[1d]))', 'workspaces / day')], 24),
    ],
  },
};

/** Lays the panels out left to right, 8 rows high, wrapping at 24 columns; rows take a full line. */
export function build(uid, spec) {
  let x = 0;
  let y = 0;
  let id = 1;
  const panels = [];
  for (const p of spec.panels) {
    if (p.kind === 'row') {
      if (x > 0) y += 8;
      x = 0;
      panels.push({ id: id++, type: 'row', title: p.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
      y += 1;
      continue;
    }
    if (x + p.width > 24) {
      x = 0;
      y += 8;
    }
    panels.push({
      id: id++,
      type: p.kind,
      title: p.title,
      description: p.description,
      datasource: DS,
      gridPos: { h: 8, w: p.width, x, y },
      fieldConfig: { defaults: { unit: p.unit, ...(p.kind === 'stat' ? {} : { custom: { lineWidth: 1, fillOpacity: 10 } }) }, overrides: [] },
      options:
        p.kind === 'stat'
          ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'auto' }
          : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
      targets: p.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DS, expr: t.expr, legendFormat: t.legendFormat, range: true })),
    });
    x += p.width;
  }
  return {
    uid,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: false,
    graphTooltip: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    templating: { list: [] },
    annotations: { list: [] },
    links: [],
    panels,
  };
}

export function renderAll() {
  return Object.fromEntries(Object.entries(dashboards).map(([name, spec]) => [name, JSON.stringify(build(`mrm-${name}`, spec), null, 2) + '\n']));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'dashboards');
  for (const [name, text] of Object.entries(renderAll())) writeFileSync(join(dir, `${name}.json`), text);
}
