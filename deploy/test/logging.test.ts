// Checks of deploy/logging: the Fluent Bit configuration, the Kubernetes objects Kustomize makes
// of it, and the Elasticsearch / Kibana objects that go with the daily indices.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigMap, ServiceAccount } from 'kubernetes-models/v1';
import { DaemonSet } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { kustomize } from './kustomize.js';

const deploy = join(dirname(fileURLToPath(import.meta.url)), '..');
const logging = join(deploy, 'logging');
const read = (path: string) => readFileSync(path, 'utf8');

/** The fields of the seed's log format (plus tenant and trace), which must reach Elasticsearch. */
const SEED_FIELDS = ['timestamp', 'level', 'service', 'pod', 'request_id', 'user_id', 'method', 'path', 'status', 'duration_ms', 'message', 'tenant_id', 'trace_id'];

type Section = { name: string; entries: [string, string][] };

/** Fluent Bit's classic format: `[SECTION]` headers, then `Key value` lines; `#` starts a comment. */
function parseFluentBit(text: string): Section[] {
  const sections: Section[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) {
      sections.push({ name: header[1], entries: [] });
      continue;
    }
    const entry = /^(\S+)\s+(.+)$/.exec(line);
    if (!entry || !sections.length) throw new Error(`line ${i + 1} is neither a section nor a key and value: ${raw}`);
    if (!/^\s+/.test(raw)) throw new Error(`line ${i + 1} is not indented under its section`);
    sections.at(-1)!.entries.push([entry[1], entry[2].trim()]);
  }
  return sections;
}
const get = (s: Section, key: string) => s.entries.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
const all = (s: Section, key: string) => s.entries.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v);

/** Fluent Bit's strftime subset used here, for a date. */
function strftime(format: string, d: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const parts: Record<string, string> = { Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()), M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), L: pad(d.getUTCMilliseconds(), 3) };
  return format.replace(/%([YmdHMSL])/g, (_, c: string) => parts[c]);
}

const conf = parseFluentBit(read(join(logging, 'fluent-bit', 'fluent-bit.conf')));
const parsers = parseFluentBit(read(join(logging, 'fluent-bit', 'parsers.conf')));
const sections = (name: string) => conf.filter((s) => s.name === name);

describe('Fluent Bit configuration', () => {
  it('parses into a service, a tail input, filters and one output', () => {
    expect(conf.map((s) => s.name)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'FILTER', 'FILTER', 'OUTPUT']);
    expect(get(sections('SERVICE')[0], 'Parsers_File')).toBe('parsers.conf');
    expect(get(sections('SERVICE')[0], 'Health_Check')).toBe('on');
  });

  it("tails the platform's container logs, joining the runtime's split lines", () => {
    const [input] = sections('INPUT');
    expect(get(input, 'Name')).toBe('tail');
    expect(get(input, 'Path')).toBe('/var/log/containers/*_mrm-*_*.log');
    expect(get(input, 'multiline.parser')).toBe('cri, docker');
    expect(get(input, 'Tag')).toBe('kube.*');
    expect(get(input, 'DB')).toMatch(/^\/var\/fluent-bit\/state\//);
  });

  it("parses the JSON lines with the application's timestamp as the event time", () => {
    const parserFilter = sections('FILTER').find((s) => get(s, 'Name') === 'parser')!;
    expect(get(parserFilter, 'Key_Name')).toBe('log');
    expect(get(parserFilter, 'Reserve_Data')).toBe('on');
    const parser = parsers.find((p) => get(p, 'Name') === get(parserFilter, 'Parser'))!;
    expect(get(parser, 'Format')).toBe('json');
    expect(get(parser, 'Time_Key')).toBe('timestamp');
    // The logger writes new Date().toISOString(): the parser's format must read it back exactly.
    const now = new Date();
    expect(strftime(get(parser, 'Time_Format')!, now)).toBe(now.toISOString());
  });

  it("keeps the seed's fields: no filter drops them, none is merged under another key", () => {
    const removed = sections('FILTER').flatMap((s) => all(s, 'Remove'));
    for (const f of SEED_FIELDS) expect(removed).not.toContain(f);
    const kube = sections('FILTER').find((s) => get(s, 'Name') === 'kubernetes')!;
    expect(get(kube, 'Kube_Tag_Prefix')).toBe('kube.var.log.containers.');
    expect(get(kube, 'Merge_Log_Key')).toBeUndefined();
  });

  it('ships to Elasticsearch, one index per day: mrm-logs-YYYY.MM.DD, with the time in `timestamp`', () => {
    const [out] = sections('OUTPUT');
    expect(get(out, 'Name')).toBe('es');
    expect(get(out, 'Match')).toBe('kube.*');
    expect(get(out, 'Logstash_Format')).toBe('on');
    const day = new Date(Date.UTC(2026, 10, 26, 9, 19, 12));
    expect(`${get(out, 'Logstash_Prefix')}-${strftime(get(out, 'Logstash_DateFormat')!, day)}`).toBe('mrm-logs-2026.11.26');
    expect(get(out, 'Time_Key')).toBe('timestamp');
    expect(get(out, 'tls')).toBe('on');
  });
});

describe('Kustomize output of deploy/logging', () => {
  const objects = kustomize(logging);
  const one = (kind: string) => {
    const found = objects.filter((o) => o.kind === kind);
    expect(found, kind).toHaveLength(1);
    return found[0];
  };

  it('validates against the Kubernetes schemas, everything namespaced in logging', () => {
    expect(objects.some((x) => x.kind === 'Namespace'), 'the namespace comes from the production overlay').toBe(false);
    new ServiceAccount(one('ServiceAccount')).validate();
    new ClusterRole(one('ClusterRole')).validate();
    new ClusterRoleBinding(one('ClusterRoleBinding')).validate();
    new ConfigMap(one('ConfigMap')).validate();
    new DaemonSet(one('DaemonSet')).validate();
    for (const o of objects.filter((x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind))) expect(o.metadata.namespace, o.kind).toBe('logging');
    expect(one('ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'fluent-bit', namespace: 'logging' }]);
  });

  it('runs Fluent Bit on every node with the generated config, the node logs and kept state', () => {
    const cm = one('ConfigMap');
    expect(cm.data['fluent-bit.conf']).toBe(read(join(logging, 'fluent-bit', 'fluent-bit.conf')));
    expect(cm.data['parsers.conf']).toBe(read(join(logging, 'fluent-bit', 'parsers.conf')));
    const pod = one('DaemonSet').spec.template.spec;
    expect(pod.serviceAccountName).toBe('fluent-bit');
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    expect(volumes.config.configMap.name).toBe(cm.metadata.name);
    const [container] = pod.containers;
    expect(container.image).toMatch(/fluent-bit:\d+\.\d+\.\d+$/);
    const mounts = Object.fromEntries(container.volumeMounts.map((m: any) => [m.name, m.mountPath]));
    expect(container.args).toEqual([`--config=${mounts.config}fluent-bit.conf`]);
    expect(mounts.varlog).toBe('/var/log');
    expect(mounts.state).toBe('/var/fluent-bit/state');
    // Every ${VAR} the config names comes from the pod's environment.
    const wanted = [...cm.data['fluent-bit.conf'].matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]);
    expect(wanted.length).toBeGreaterThan(0);
    for (const v of wanted) expect(container.env.map((e: any) => e.name), v).toContain(v);
  });
});

describe('Elasticsearch and Kibana objects', () => {
  it('map the seed fields for the daily indices', () => {
    const template = JSON.parse(read(join(logging, 'elasticsearch', 'index-template.json')));
    expect(template.index_patterns).toEqual(['mrm-logs-*']);
    const props = template.template.mappings.properties;
    for (const f of SEED_FIELDS) expect(props[f], f).toBeDefined();
    expect(props.timestamp.type).toBe('date');
    expect(props.status.type).toBe('short');
    expect(template.template.settings['index.lifecycle.name']).toBe('mrm-logs');
    expect(JSON.parse(read(join(logging, 'elasticsearch', 'ilm-policy.json'))).policy.phases.delete.min_age).toBe('30d');
  });

  it('give Kibana the mrm-logs-* index pattern with `timestamp` as its time field', () => {
    const objects = read(join(logging, 'kibana', 'index-pattern.ndjson')).trim().split('\n').map((l) => JSON.parse(l));
    const pattern = objects.find((o) => o.type === 'index-pattern');
    expect(pattern.attributes).toEqual({ title: 'mrm-logs-*', timeFieldName: 'timestamp' });
    for (const o of objects.filter((x) => x.type !== 'index-pattern')) expect(o.references.map((r: any) => r.id)).toContain(pattern.id);
  });
});
