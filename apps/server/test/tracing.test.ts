import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { client, register, type Api } from './helpers.js';
import { until } from './setup/processes.js';
import pg from 'pg';
import { freshDatabase, migrateAndCreateLogin } from './setup/global.js';
import { PG_ADMIN_URL, REDIS_URL, startServer, type RunningServer } from './setup/servers.js';

interface Attr { key: string; value: { stringValue?: string; intValue?: number | string; boolValue?: boolean } }
interface Span { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: Attr[]; service: string; resource: Attr[] }

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

const attr = (attrs: Attr[], key: string) => {
  const v = attrs.find((a) => a.key === key)?.value;
  return v?.stringValue ?? v?.intValue ?? v?.boolValue;
};
const path = (s: Span) => String(attr(s.attributes, 'url.path') ?? attr(s.attributes, 'http.target') ?? '');

/** A stand-in for Jaeger's OTLP/HTTP port: keeps every span it is sent (JSON encoding). */
class Receiver {
  readonly spans: Span[] = [];
  requests = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests++;
        if (req.method === 'POST' && req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          for (const rs of body.resourceSpans ?? []) {
            const resource: Attr[] = rs.resource?.attributes ?? [];
            const service = String(attr(resource, 'service.name'));
            for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) this.spans.push({ ...s, attributes: s.attributes ?? [], service, resource });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  byId(id: string | undefined): Span | undefined {
    return id ? this.spans.find((s) => s.spanId === id) : undefined;
  }

  /** Whether `span`'s parents lead to `ancestor`. */
  descendsFrom(span: Span, ancestor: Span): boolean {
    for (let s: Span | undefined = span; s; s = this.byId(s.parentSpanId)) if (s.parentSpanId === ancestor.spanId) return true;
    return false;
  }
}

describe('tracing: a request and the job it queued are one trace', () => {
  const receiver = new Receiver();
  let server: RunningServer;
  let worker: RunningServer;
  let api: Api;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;

  beforeAll(async () => {
    await receiver.start();
    // A database of its own: on the shared one, the shared server's relay (not traced) would race
    // this worker's for the outbox row.
    db = await freshDatabase();
    await migrateAndCreateLogin(db.ownerUrl);
    // An api and a worker process, as deployed: the context has to cross PostgreSQL and Redis.
    const env = {
      DATABASE_URL: db.appUrl,
      MRM_MIGRATE_ON_START: 'false',
      REDIS_URL,
      REDIS_PREFIX: `{mrmtest-trace-${process.pid}-${Date.now()}}`,
      OUTBOX_POLL_MS: '100',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    };
    [server, worker] = await Promise.all([startServer({ ...env, MRM_ROLE: 'api' }, { timeoutMs: 120_000 }), startServer({ ...env, MRM_ROLE: 'worker' }, { timeoutMs: 120_000 })]);
    api = client(server.url);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await receiver.stop();
    if (!db) return;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${db.name} with (force)`);
    await admin.end();
  });

  it('follows a plan submission from the HTTP request through the outbox into the worker', async () => {
    const owner = await register(api, 'Агентство трассировки');
    const token = owner.accessToken;
    const c = await api.post('/api/v1/clients', { name: 'ООО «Трасса»' }, { token });
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Весна' }, { token });
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'План' }, { token });
    await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Поиск', startDate: '2027-03-01', endDate: '2027-03-31', costTotal: '1000' }, { token });
    const submitPath = `/api/v1/media-plans/${plan.body.id}/submit`;
    const submitted = await api.post(submitPath, {}, { token });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // Probes and scrapes in the middle of it all: none of them may show up.
    for (const probe of ['/health', '/ready', '/metrics', '/api/v1/docs']) await api.get(probe);

    const request = () => receiver.spans.find((s) => s.kind === SERVER && path(s) === submitPath);
    const job = () => receiver.spans.find((s) => s.name === 'job plan.review-requested' && s.traceId === request()?.traceId);
    await until(async () => !!request() && !!job(), 30_000);
    const http = request()!;
    const run = job()!;

    expect(http.name).toBe('POST /api/v1/media-plans/:id/submit');
    expect(attr(http.attributes, 'mrm.request_id')).toBe(submitted.headers.get('x-request-id'));
    expect(http.service).toBe('api');
    expect(attr(http.resource, 'deployment.environment')).toBe('test');
    // The job's span is in the request's trace, under it (through the relay's hand-over span).
    expect(run.kind).toBe(CONSUMER);
    expect(receiver.descendsFrom(run, http)).toBe(true);
    const dispatch = receiver.byId(run.parentSpanId)!;
    expect(dispatch.name).toBe('outbox.dispatch plan.review-requested');
    expect(dispatch.parentSpanId).toBe(http.spanId);
    expect(dispatch.service).toBe('worker');
    expect(run.service).toBe('worker');
    expect(attr(run.attributes, 'messaging.destination.name')).toBe('email');
    expect(attr(run.attributes, 'mrm.job.name')).toBe('plan.review-requested');
    expect(String(attr(run.attributes, 'messaging.message.id'))).toMatch(/^plan\.review-requested\./);
    expect(Number(attr(run.attributes, 'mrm.job.attempt'))).toBe(1);
    expect(attr(run.attributes, 'mrm.tenant_id')).toBe(owner.tenantId);

    // The request's SQL is traced under it; so is the worker's.
    const queries = receiver.spans.filter((s) => s.traceId === http.traceId && s.kind === CLIENT && (attr(s.attributes, 'db.system') ?? attr(s.attributes, 'db.system.name')) === 'postgresql');
    expect(queries.some((q) => receiver.descendsFrom(q, http) && !receiver.descendsFrom(q, run))).toBe(true);
    expect(queries.some((q) => receiver.descendsFrom(q, run))).toBe(true);

    // Give the probes' spans, were there any, time to arrive; then there must be none.
    await new Promise((r) => setTimeout(r, 700));
    const probed = receiver.spans.filter((s) => /^\/(health|ready|metrics)|^\/api\/v1\/docs/.test(path(s)));
    expect(probed.map((s) => `${s.name} ${path(s)}`)).toEqual([]);

    // The request's log line carries its trace.
    const lines = readFileSync(server.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const logged = lines.find((l) => l.path === submitPath && l.status === 200);
    expect(logged?.trace_id).toBe(http.traceId);
    expect(logged?.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sends nothing and tags no log line when the variable is not set (the shared servers)', async () => {
    const before = receiver.requests;
    const shared = inject('backends').postgres;
    const other = client(shared.url);
    await register(other, 'Без трассировки');
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toBe(before);
    const lines = readFileSync(shared.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('"trace_id"'))).toEqual([]);
  });
});
