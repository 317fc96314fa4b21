// The Kubernetes manifests (deploy/k8s) and the ArgoCD Applications (deploy/argocd): both overlays
// render with `kubectl kustomize`, every object passes its schema, the policies hold, and the
// numbers are the seed's (k8s-seed.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { containers, env, get, podSpec, probe, validate, workloads } from './k8s-objects.js';
import { IMAGES, SEED_API, SEED_API_HPA, SEED_INGRESS, SEED_NAMESPACES, SEED_SERVICE, SEED_STAGING, SEED_WEB, SEED_WORKER } from './k8s-seed.js';
import { kustomize as render, type Obj } from './kustomize.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const k8s = join(root, 'deploy', 'k8s');

const rendered: Record<'production' | 'staging', Obj[]> = {
  production: render(join(k8s, 'overlays', 'production')),
  staging: render(join(k8s, 'overlays', 'staging')),
};
const argocd = render(join(root, 'deploy', 'argocd'));

// ---- rendering and schemas ---------------------------------------------------------------------

describe.each(['production', 'staging'] as const)('the %s overlay', (envName) => {
  const objs = rendered[envName];

  it('renders, and every object passes its schema', () => {
    expect(objs.length).toBeGreaterThan(20);
    for (const o of objs) {
      try {
        validate(o);
      } catch (err) {
        throw new Error(`${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${(err as Error).message}`);
      }
    }
    // The schema check does catch a wrong object: a string where a number belongs, a required field
    // missing. (Unknown fields pass: the schemas allow extra properties.)
    const api = structuredClone(get(objs, 'Deployment', 'mrm-api'));
    api.spec.replicas = 'five';
    expect(() => validate(api)).toThrow(/replicas/);
    const hpa = structuredClone(get(objs, 'HorizontalPodAutoscaler', 'mrm-api-hpa'));
    delete hpa.spec.behavior.scaleUp.policies[0].periodSeconds;
    expect(() => validate(hpa)).toThrow();
    // Names are unique per kind and namespace (kustomize would merge or reject otherwise, but a
    // second overlay directory could still add a twin).
    const ids = objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps secrets out: no Secret objects, secret settings only by secretKeyRef, nothing secret in ConfigMaps', () => {
    expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
    const secretNames = ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'DATABASE_REPLICA_URLS', 'REDIS_URL', 'JWT_SECRET', 'CREDENTIALS_KEYS', 'CLICKHOUSE_URL', 'SMTP_URL'];
    for (const w of workloads(objs)) {
      for (const c of containers(w)) {
        for (const e of c.env ?? []) {
          if (secretNames.includes(e.name)) expect(e.valueFrom?.secretKeyRef, `${c.name} ${e.name}`).toBeDefined();
          if (typeof e.value === 'string') expect(e.value, `${c.name} ${e.name}`).not.toMatch(/:\/\/[^/\s]*@/);
        }
      }
    }
    for (const cm of objs.filter((o) => o.kind === 'ConfigMap')) {
      for (const [k, v] of Object.entries(cm.data ?? {})) {
        expect(k).not.toMatch(/SECRET|PASSWORD|TOKEN|ACCESS_KEY|CREDENTIALS/);
        expect(secretNames).not.toContain(k);
        expect(String(v)).not.toMatch(/:\/\/[^/\s]*@/);
      }
    }
  });

  it('gives every container resources, probes (not the Job) and the locked-down security context', () => {
    const ws = workloads(objs);
    expect(ws.map((w) => w.metadata.name).sort()).toEqual(['mrm-api', 'mrm-migrate', 'mrm-web', 'mrm-worker']);
    for (const w of ws) {
      const spec = podSpec(w);
      const where = `${w.kind} ${w.metadata.name}`;
      expect(spec.automountServiceAccountToken, where).toBe(false);
      expect(spec.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const emptyDirs = new Set((spec.volumes ?? []).filter((v: Obj) => v.emptyDir).map((v: Obj) => v.name));
      for (const c of containers(w)) {
        const at = `${where} ${c.name}`;
        for (const k of ['requests', 'limits']) {
          expect(c.resources?.[k]?.cpu, `${at} ${k}.cpu`).toBeTruthy();
          expect(c.resources?.[k]?.memory, `${at} ${k}.memory`).toBeTruthy();
        }
        if (w.kind === 'Deployment') {
          expect(c.livenessProbe?.httpGet, `${at} liveness`).toBeDefined();
          expect(c.readinessProbe?.httpGet, `${at} readiness`).toBeDefined();
        }
        expect(c.securityContext, at).toEqual({
          runAsNonRoot: true,
          runAsUser: 10001,
          runAsGroup: 10001,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        // A read-only root needs a writable /tmp, and the server its MRM_DATA_DIR, on emptyDirs.
        const mounts = new Map((c.volumeMounts ?? []).map((m: Obj) => [m.mountPath, m.name]));
        expect(emptyDirs.has(mounts.get('/tmp')), `${at} /tmp`).toBe(true);
        const dataDir = (c.env ?? []).find((e: Obj) => e.name === 'MRM_DATA_DIR')?.value;
        if (c.image.startsWith(IMAGES[0])) {
          expect(dataDir, `${at} MRM_DATA_DIR`).toBeTruthy();
          expect(emptyDirs.has(mounts.get(dataDir)), `${at} ${dataDir}`).toBe(true);
        }
      }
    }
  });

  it('tags every image, never latest, and sets the tags in the overlay (the base has none)', () => {
    const overlay = parse(readFileSync(join(k8s, 'overlays', envName, 'kustomization.yaml'), 'utf8')) as Obj;
    const tags = new Map<string, string>(overlay.images.map((i: Obj) => [i.name, String(i.newTag)]));
    expect([...tags.keys()].sort()).toEqual(IMAGES);
    for (const w of workloads(objs)) {
      for (const c of containers(w)) {
        const m = /^([^:@]+):([^:@]+)$/.exec(c.image);
        expect(m, `${c.name}: ${c.image}`).not.toBeNull();
        const [, name, tag] = m!;
        expect(IMAGES).toContain(name);
        expect(tag).not.toBe('latest');
        expect(tag).toBe(tags.get(name));
      }
      if (w.kind === 'Deployment') {
        // The seed's `version` label follows the tag.
        expect(w.spec.template.metadata.labels.version).toBe(`v${tags.get(IMAGES[0])}`);
        expect(w.spec.selector.matchLabels.version).toBeUndefined();
      }
    }
    for (const dir of ['api', 'worker', 'web', 'migrate']) {
      const base = render(join(k8s, 'base', dir));
      for (const w of workloads(base)) for (const c of containers(w)) expect(IMAGES).toContain(c.image);
    }
  });

  it('wires every reference: Secrets to ExternalSecrets, ConfigMaps, service accounts, HPA targets, Services, Ingress backends', () => {
    const inNs = (kind: string, ns: string) => new Set(objs.filter((o) => o.kind === kind && o.metadata.namespace === ns).map((o) => o.metadata.name));
    for (const w of workloads(objs)) {
      const ns = w.metadata.namespace;
      const secrets = inNs('ExternalSecret', ns);
      const configMaps = inNs('ConfigMap', ns);
      for (const c of containers(w)) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) expect(secrets.has(ref.name), `${ns} ${c.name} ${e.name} → ${ref.name}`).toBe(true);
        }
        for (const f of c.envFrom ?? []) expect(configMaps.has(f.configMapRef.name), `${ns} ${c.name} → ${f.configMapRef.name}`).toBe(true);
      }
      const sa = podSpec(w).serviceAccountName;
      if (w.kind === 'Deployment') expect(inNs('ServiceAccount', ns).has(sa), `${ns} ${sa}`).toBe(true);
      if (w.kind === 'Deployment') expect(get(objs, 'PodDisruptionBudget', w.metadata.name, ns).spec.selector.matchLabels).toEqual(w.spec.selector.matchLabels);
    }
    for (const sa of objs.filter((o) => o.kind === 'ServiceAccount')) expect(sa.automountServiceAccountToken, sa.metadata.name).toBe(false);
    for (const hpa of objs.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      get(objs, 'Deployment', hpa.spec.scaleTargetRef.name, hpa.metadata.namespace);
    }
    for (const svc of objs.filter((o) => o.kind === 'Service')) {
      const targets = objs.filter(
        (o) => o.kind === 'Deployment' && o.metadata.namespace === svc.metadata.namespace &&
          Object.entries(svc.spec.selector).every(([k, v]) => o.spec.template.metadata.labels[k] === v),
      );
      expect(targets, svc.metadata.name).toHaveLength(1);
      const ports = containers(targets[0]).flatMap((c) => (c.ports ?? []).map((p: Obj) => p.containerPort));
      for (const p of svc.spec.ports) expect(ports).toContain(p.targetPort);
    }
    const ingress = get(objs, 'Ingress', 'mrm-ingress');
    for (const rule of ingress.spec.rules) {
      for (const p of rule.http.paths) {
        const svc = get(objs, 'Service', p.backend.service.name, ingress.metadata.namespace);
        expect(svc.spec.ports.map((x: Obj) => x.port)).toContain(p.backend.service.port.number);
      }
    }
    // The ingress's hosts and the server's CORS origin agree.
    const config = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === ingress.metadata.namespace)!;
    const webHost = ingress.spec.rules.find((r: Obj) => r.http.paths[0].backend.service.name === 'mrm-web-service').host;
    expect(config.data.WEB_ORIGIN).toBe(`https://${webHost}`);
  });

  it('denies all traffic by default in each app namespace and allows only the diagram\'s paths', () => {
    const appNamespaces = [...new Set(workloads(objs).map((w) => w.metadata.namespace))];
    for (const ns of appNamespaces) {
      expect(get(objs, 'NetworkPolicy', 'default-deny', ns).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const dns = get(objs, 'NetworkPolicy', 'allow-dns', ns).spec;
      expect(dns.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    }
    const ns = (name: string) => get(objs, 'Deployment', name).metadata.namespace;
    const policy = (name: string) => get(objs, 'NetworkPolicy', name, ns(name)).spec;
    const fromNamespaces = (rule: Obj) => rule.from.map((f: Obj) => f.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? `pods:${f.podSelector.matchLabels.app}`);
    const egressPorts = (spec: Obj) => spec.egress.flatMap((r: Obj) => r.ports.map((p: Obj) => p.port));

    const api = policy('mrm-api');
    expect(api.podSelector.matchLabels).toEqual({ app: 'mrm-api' });
    expect(api.ingress.flatMap(fromNamespaces).sort()).toEqual(['ingress-nginx', 'monitoring', 'pods:mrm-web']);
    expect(api.ingress.flatMap((r: Obj) => r.ports.map((p: Obj) => p.port))).toEqual([3000, 3000]);
    const worker = policy('mrm-worker');
    expect(worker.ingress.flatMap(fromNamespaces)).toEqual(['monitoring']);
    for (const spec of [api, worker]) {
      // PostgreSQL, Redis, ClickHouse (HTTP, HTTPS), S3 and the ad platforms over HTTPS, SMTP.
      // Data stores, HTTPS, SMTP, and OTLP traces to the collector in monitoring.
      expect(new Set(egressPorts(spec))).toEqual(new Set([5432, 6379, 8123, 8443, 443, 587, 465, 4318]));
      const traces = spec.egress.find((r: Obj) => r.ports.some((p: Obj) => p.port === 4318));
      expect(traces.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
      const cidrs = spec.egress[0].to.map((t: Obj) => t.ipBlock.cidr);
      expect(cidrs).toEqual(['10.0.20.0/24', '10.0.21.0/24']); // Seed → Networking: data subnets
    }
    const web = policy('mrm-web');
    expect(web.ingress.flatMap(fromNamespaces)).toEqual(['ingress-nginx']);
    expect(web.ingress[0].ports).toEqual([{ port: 3001, protocol: 'TCP' }]);
    expect(web.egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'mrm-api' } } }], ports: [{ port: 3000, protocol: 'TCP' }] }]);
    const migrate = get(objs, 'NetworkPolicy', 'mrm-migrate').spec;
    expect(migrate.ingress).toBeUndefined();
    expect(new Set(egressPorts(migrate))).toEqual(new Set([5432, 8123, 8443]));
  });

  it('runs migrations as an ArgoCD PreSync hook that needs nothing the sync itself creates', () => {
    const job = get(objs, 'Job', 'mrm-migrate');
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    expect(job.metadata.namespace).toBe(get(objs, 'Deployment', 'mrm-api').metadata.namespace);
    const spec = podSpec(job);
    expect(spec.restartPolicy).toBe('Never');
    // The image's two steps, in order (the server image's WORKDIR is /app).
    const steps = containers(job);
    expect(steps.map((c) => [c.workingDir, ...c.command])).toEqual([
      ['/app', 'node', 'apps/server/dist/db/migrate-cli.js'],
      ['/app', 'node', 'apps/server/dist/analytics/migrate-cli.js'],
    ]);
    for (const c of steps) {
      expect(env(c, 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'db-secrets', key: 'migration-url' });
      expect(env(c, 'DATABASE_MIGRATION_URL').valueFrom.secretKeyRef).toEqual({ name: 'db-secrets', key: 'migration-url' });
      expect(c.envFrom).toBeUndefined(); // the generated ConfigMap of this sync does not exist yet
      expect(c.livenessProbe).toBeUndefined();
    }
    expect(spec.serviceAccountName).toBeUndefined(); // the namespace's default account
    // What the hook reads must exist before ArgoCD's sync phase: the bootstrap set.
    const bootstrap = objs.filter((o) => o.metadata.labels?.['mrm-ai.com/bootstrap'] === 'true');
    const ids = bootstrap.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(ids).toContain(`Namespace//${job.metadata.namespace}`);
    for (const kind of ['ExternalSecret', 'SecretStore', 'ServiceAccount']) {
      for (const o of objs.filter((x) => x.kind === kind && (kind !== 'ServiceAccount' || x.metadata.name === 'external-secrets-reader'))) {
        expect(ids).toContain(`${kind}/${o.metadata.namespace}/${o.metadata.name}`);
      }
    }
    // Only the Job's namespace holds the schema owner's URL.
    for (const es of objs.filter((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'db-secrets')) {
      const owner = es.spec.dataFrom.some((d: Obj) => d.extract.key.endsWith('/db-owner'));
      expect(owner, es.metadata.namespace).toBe(es.metadata.namespace === job.metadata.namespace);
    }
  });

  it('leaves deploy/monitoring and deploy/logging to their own kustomizations (and ArgoCD Applications)', () => {
    const overlay = join(k8s, 'overlays', envName);
    const files = [join(overlay, 'kustomization.yaml'), ...['app', 'workers', 'config'].map((d) => join(overlay, d, 'kustomization.yaml'))].filter((f) => existsSync(f));
    for (const f of files) {
      const k = parse(readFileSync(f, 'utf8')) as Obj;
      for (const r of [...(k.resources ?? []), ...(k.components ?? [])]) expect(String(r), f).not.toMatch(/monitoring|logging/);
    }
  });

  it('lets pods stop within the grace period: SHUTDOWN_DELAY_MS set, the server\'s 25 s limit inside it', () => {
    for (const name of ['mrm-api', 'mrm-worker']) {
      const d = get(objs, 'Deployment', name);
      const config = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === d.metadata.namespace)!;
      expect(config.data).toMatchObject({ TRUST_PROXY: 'true', SHUTDOWN_DELAY_MS: '5000' });
      expect(podSpec(d).terminationGracePeriodSeconds).toBeGreaterThan(25);
    }
  });
});

// ---- the seed's numbers, production -------------------------------------------------------------

describe('production reproduces the seed', () => {
  const objs = rendered.production;

  it('has the seed\'s namespaces (with staging\'s), api in mrm-production and workers in mrm-workers', () => {
    const namespaces = new Set([...rendered.production, ...rendered.staging].filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
    expect([...namespaces].sort()).toEqual([...SEED_NAMESPACES].sort());
    expect(get(objs, 'Deployment', 'mrm-api').metadata.namespace).toBe('mrm-production');
    expect(get(objs, 'Deployment', 'mrm-web').metadata.namespace).toBe('mrm-production');
    expect(get(objs, 'Deployment', 'mrm-worker').metadata.namespace).toBe('mrm-workers');
    for (const o of objs) expect(o.metadata.namespace ?? 'cluster').not.toBe('default');
  });

  it('API Deployment', () => {
    const d = get(objs, 'Deployment', SEED_API.name, SEED_API.namespace);
    expect(d.spec.replicas).toBe(SEED_API.replicas);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: SEED_API.rollingUpdate });
    expect(d.spec.selector.matchLabels).toEqual({ app: 'mrm-api' });
    expect(d.spec.template.metadata.labels).toMatchObject(SEED_API.templateLabels);
    const spec = podSpec(d);
    expect(spec.nodeSelector).toEqual(SEED_API.nodeSelector);
    expect(spec.tolerations).toEqual([SEED_API.toleration]);
    const [c] = spec.containers;
    expect(spec.containers).toHaveLength(1);
    expect(c.image).toMatch(/^ghcr\.io\/mrm-ai\/mrm-server:/);
    expect(c.ports.map((p: Obj) => p.containerPort)).toEqual([SEED_API.containerPort]);
    expect(c.resources).toEqual(SEED_API.resources);
    expect(probe(c.livenessProbe)).toEqual(SEED_API.liveness);
    expect(probe(c.readinessProbe)).toEqual(SEED_API.readiness);
    expect(env(c, 'NODE_ENV').value).toBe('production');
    expect(env(c, 'MRM_ROLE').value).toBe('api');
    expect(env(c, 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'db-secrets', key: 'url' });
    expect(env(c, 'REDIS_URL').valueFrom.secretKeyRef).toEqual({ name: 'redis-secrets', key: 'url' });
  });

  it('API HorizontalPodAutoscaler', () => {
    const hpa = get(objs, 'HorizontalPodAutoscaler', SEED_API_HPA.name, SEED_API.namespace);
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'mrm-api' },
      minReplicas: SEED_API_HPA.minReplicas,
      maxReplicas: SEED_API_HPA.maxReplicas,
      metrics: SEED_API_HPA.metrics,
      behavior: SEED_API_HPA.behavior,
    });
  });

  it('Worker Deployment and its HPA', () => {
    const d = get(objs, 'Deployment', SEED_WORKER.name, SEED_WORKER.namespace);
    expect(d.spec.replicas).toBe(SEED_WORKER.replicas);
    const spec = podSpec(d);
    expect(spec.nodeSelector).toEqual(SEED_WORKER.nodeSelector);
    const [c] = spec.containers;
    expect(c.image).toMatch(/^ghcr\.io\/mrm-ai\/mrm-server:/);
    expect(env(c, 'MRM_ROLE').value).toBe('worker');
    expect(env(c, 'QUEUE_NAME').value).toBe(SEED_WORKER.queueName);
    expect(env(c, 'REDIS_URL').valueFrom.secretKeyRef).toEqual({ name: 'redis-secrets', key: 'url' });
    expect(c.resources).toEqual(SEED_WORKER.resources);
    // The worker role serves the same probes on PORT (docs/operations.md#probes).
    expect(probe(c.livenessProbe)).toMatchObject({ path: '/health', port: 3000 });
    expect(probe(c.readinessProbe)).toMatchObject({ path: '/ready', port: 3000 });
    const hpa = get(objs, 'HorizontalPodAutoscaler', 'mrm-worker-hpa', SEED_WORKER.namespace);
    expect(hpa.spec).toMatchObject({ ...SEED_WORKER.hpa, metrics: SEED_API_HPA.metrics, behavior: SEED_API_HPA.behavior });
  });

  it('web Deployment and its HPA', () => {
    const d = get(objs, 'Deployment', 'mrm-web', 'mrm-production');
    expect(d.spec.replicas).toBe(SEED_WEB.hpa.minReplicas);
    const [c] = podSpec(d).containers;
    expect(c.image).toMatch(/^ghcr\.io\/mrm-ai\/mrm-web:/);
    expect(env(c, 'PORT').value).toBe('3001');
    expect(env(c, 'API_URL').value).toBe('http://mrm-api-service');
    expect(get(objs, 'HorizontalPodAutoscaler', 'mrm-web-hpa', 'mrm-production').spec).toMatchObject(SEED_WEB.hpa);
  });

  it('Service', () => {
    const svc = get(objs, 'Service', SEED_SERVICE.name, 'mrm-production');
    expect(svc.spec.type).toBe(SEED_SERVICE.type);
    expect(svc.spec.selector).toEqual(SEED_SERVICE.selector);
    expect(svc.spec.ports).toEqual([{ name: 'http', port: SEED_SERVICE.port, targetPort: SEED_SERVICE.targetPort, protocol: 'TCP' }]);
  });

  it('Ingress', () => {
    const ing = get(objs, 'Ingress', SEED_INGRESS.name, 'mrm-production');
    expect(ing.metadata.annotations).toMatchObject(SEED_INGRESS.annotations);
    // The seed names the class by annotation; the API server refuses it together with the field.
    expect(ing.spec.ingressClassName).toBeUndefined();
    expect(ing.spec.tls).toContainEqual({ hosts: [SEED_INGRESS.tls.host], secretName: SEED_INGRESS.tls.secretName });
    const apiRule = ing.spec.rules.find((r: Obj) => r.host === SEED_INGRESS.tls.host);
    expect(apiRule.http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: SEED_INGRESS.backend.service, port: { number: SEED_INGRESS.backend.port } } } },
    ]);
    const hosts = ing.spec.rules.map((r: Obj) => r.host);
    expect(hosts).toEqual(['api.mrm-ai.com', 'app.mrm-ai.com']);
    expect(ing.spec.tls.flatMap((t: Obj) => t.hosts)).toEqual(hosts);
  });
});

describe('staging', () => {
  const objs = rendered.staging;

  it('runs everything in mrm-staging', () => {
    for (const o of objs.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe('mrm-staging');
  });

  it('has the seed\'s staging ranges: API 2–5, workers 1–3, web 1–2', () => {
    for (const [name, range] of [['mrm-api', SEED_STAGING.api], ['mrm-worker', SEED_STAGING.worker], ['mrm-web', SEED_STAGING.web]] as const) {
      expect(get(objs, 'Deployment', name).spec.replicas, name).toBe(range.min);
      const hpa = get(objs, 'HorizontalPodAutoscaler', `${name}-hpa`).spec;
      expect({ min: hpa.minReplicas, max: hpa.maxReplicas }, name).toEqual(range);
      expect(hpa.behavior).toEqual(SEED_API_HPA.behavior);
    }
  });

  it('keeps production\'s pod shapes, with its own hosts and secrets', () => {
    for (const name of ['mrm-api', 'mrm-worker', 'mrm-web']) {
      const [s] = podSpec(get(objs, 'Deployment', name)).containers;
      const [p] = podSpec(get(rendered.production, 'Deployment', name)).containers;
      expect(s.resources, name).toEqual(p.resources);
      expect(s.livenessProbe, name).toEqual(p.livenessProbe);
      expect(s.readinessProbe, name).toEqual(p.readinessProbe);
    }
    const ing = get(objs, 'Ingress', 'mrm-ingress');
    expect(ing.metadata.annotations).toMatchObject(SEED_INGRESS.annotations);
    expect(ing.spec.rules.map((r: Obj) => r.host)).toEqual(['api.staging.mrm-ai.com', 'app.staging.mrm-ai.com']);
    for (const es of objs.filter((o) => o.kind === 'ExternalSecret')) {
      for (const d of es.spec.dataFrom) expect(d.extract.key).toMatch(/^mrm\/staging\//);
    }
  });
});

// ---- style -------------------------------------------------------------------------------------

function has(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// yamllint comes from Debian (`yamllint`); where it is missing this one check is skipped.
describe.skipIf(!has('yamllint'))('the YAML files', () => {
  it('pass yamllint (default rules, 130-column lines)', () => {
    const config = '{extends: default, rules: {line-length: {max: 130}, document-start: disable, truthy: {check-keys: false}}}';
    execFileSync('yamllint', ['-s', '-d', config, join(root, 'deploy', 'k8s'), join(root, 'deploy', 'argocd')], { encoding: 'utf8' });
  });
});

// ---- ArgoCD ------------------------------------------------------------------------------------

describe('ArgoCD', () => {
  it('every object has its shape', () => {
    expect(argocd.map((o) => o.kind).sort()).toEqual(['AppProject', 'Application', 'Application', 'Application', 'Application', 'Application']);
    for (const o of argocd) validate(o);
  });

  it('staging follows develop and syncs itself; production follows main and is synced by hand', () => {
    const staging = get(argocd, 'Application', 'mrm-staging').spec;
    expect(staging.source).toMatchObject({ targetRevision: 'develop', path: 'deploy/k8s/overlays/staging' });
    expect(staging.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    const production = get(argocd, 'Application', 'mrm-production').spec;
    expect(production.source).toMatchObject({ targetRevision: 'main', path: 'deploy/k8s/overlays/production' });
    expect(production.syncPolicy.automated).toBeUndefined();
    expect(staging.source.repoURL).toBe(production.source.repoURL);
    for (const app of [staging, production]) {
      expect(existsSync(join(root, app.source.path, 'kustomization.yaml'))).toBe(true);
      // The HPAs own the replica counts.
      expect(app.ignoreDifferences).toContainEqual({ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] });
      expect(app.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    }
  });

  it('monitoring, logging and backups are Applications of their own on the production cluster, synced from main', () => {
    for (const [name, path] of [['monitoring', 'deploy/monitoring'], ['logging', 'deploy/logging'], ['backup', 'deploy/backup/k8s']]) {
      const app = get(argocd, 'Application', `mrm-${name}`).spec;
      expect(app.source).toMatchObject({ targetRevision: 'main', path });
      expect(app.destination.name).toBe(get(argocd, 'Application', 'mrm-production').spec.destination.name);
      expect(existsSync(join(root, app.source.path, 'kustomization.yaml'))).toBe(true);
      // Their namespaces are the production overlay's, so the project already admits them.
      const used = [...new Set(render(join(root, app.source.path)).map((o) => o.metadata.namespace).filter(Boolean))];
      for (const ns of used) expect(rendered.production.some((o) => o.kind === 'Namespace' && o.metadata.name === ns), ns).toBe(true);
    }
  });

  it('the project admits this repository and exactly the namespaces each overlay renders into', () => {
    const project = get(argocd, 'AppProject', 'mrm').spec;
    expect(project.sourceRepos).toEqual([get(argocd, 'Application', 'mrm-production').spec.source.repoURL]);
    for (const [envName, app] of [['production', 'mrm-production'], ['staging', 'mrm-staging']] as const) {
      const cluster = get(argocd, 'Application', app).spec.destination.name;
      const allowed = project.destinations.filter((d: Obj) => d.name === cluster).map((d: Obj) => d.namespace).sort();
      const used = [
        ...new Set(rendered[envName].map((o) => (o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace))),
      ].sort();
      expect(allowed, envName).toEqual(used);
    }
  });
});
