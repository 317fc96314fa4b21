import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, PASSWORD, register } from './helpers.js';

const { url, logFile } = inject('backends').postgres;
const api = client(url);

const logLines = () =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function eventually<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('operations endpoints', () => {
  it('answers liveness and readiness', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await api.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', 'analytics (embedded)': 'ok' } });
  });

  it('exports the request, process and business series', async () => {
    const owner = await register(api);
    const c = await api.post('/api/v1/clients', { name: 'Metrics' }, { token: owner.accessToken });
    await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Counted' }, { token: owner.accessToken });
    await api.get(`/api/v1/clients/${c.body.id}`, { token: owner.accessToken });
    const text = (await api.get('/metrics')).body as string;
    expect(text).toMatch(/http_requests_total\{[^}]*method="GET"[^}]*route="\/api\/v1\/clients\/:id"[^}]*status="200"[^}]*\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*le="0\.05"/);
    expect(text).toMatch(/^mrm_projects_created_total\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^mrm_api_calls_total\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^mrm_active_users\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds/m);
    // Unmatched paths collapse into one label instead of one series per URL.
    await api.get('/api/v1/no-such-thing-123');
    expect((await api.get('/metrics')).body).toMatch(/route="unmatched"/);
  });
});

describe('request logs', () => {
  it('writes one JSON line per request with every field the log pipeline indexes', async () => {
    const owner = await register(api);
    const rid = `req-test-${Date.now()}`;
    const res = await api.get('/api/v1/clients', { token: owner.accessToken, headers: { 'x-request-id': rid } });
    expect(res.headers.get('x-request-id')).toBe(rid);
    const line = await eventually(() => logLines().find((l) => l.request_id === rid));
    expect(line).toMatchObject({
      level: 'info',
      service: 'api',
      pod: expect.any(String),
      request_id: rid,
      user_id: owner.userId,
      tenant_id: owner.tenantId,
      method: 'GET',
      path: '/api/v1/clients',
      status: 200,
      duration_ms: expect.any(Number),
      message: expect.stringContaining('GET /api/v1/clients 200'),
    });
    expect(new Date(String(line.timestamp)).toISOString()).toBe(line.timestamp);
  });

  it('generates a request id when none (or a hostile one) is sent', async () => {
    const plain = await api.get('/health');
    expect(plain.headers.get('x-request-id')).toMatch(/^req_/);
    const hostile = await api.get('/health', { headers: { 'x-request-id': 'a b"{injected' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('never writes passwords, tokens or client secrets', async () => {
    const owner = await register(api);
    const login = await api.post('/api/v1/auth/login', { email: owner.email, password: PASSWORD });
    await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    const oc = await api.post('/api/v1/oauth-clients', { name: 'bot', scopes: ['clients:read'] }, { token: owner.accessToken });
    await api.call('POST', '/api/v1/oauth/token', {
      raw: `grant_type=client_credentials&client_id=${oc.body.clientId}&client_secret=${oc.body.clientSecret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await api.post('/api/v1/auth/login', { email: owner.email, password: 'wrong-password-on-purpose' });
    await eventually(() => (logLines().some((l) => l.path === '/api/v1/oauth/token') ? true : undefined));
    const text = readFileSync(logFile, 'utf8');
    for (const secret of [PASSWORD, 'wrong-password-on-purpose', login.body.accessToken, login.body.refreshToken, owner.refreshToken, oc.body.clientSecret]) {
      expect(text.includes(secret), `log contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
    }
  });
});

describe('HTTP hygiene', () => {
  it('sets security headers on every response, errors included', async () => {
    for (const res of [await api.get('/health'), await api.get('/api/v1/me'), await api.get('/api/v1/nope')]) {
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('allows the web origin only', async () => {
    const pre = (origin: string) =>
      api.call('OPTIONS', '/api/v1/clients', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,if-match' } });
    const ok = await pre('http://localhost:3001');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3001');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await pre('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown routes and methods as problems, with no stack trace', async () => {
    const res = await api.get('/api/v1/definitely/not/here');
    expectProblem(res, 404);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('serves the OpenAPI document and its interactive page', async () => {
    const doc = await api.get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/projects');
    const page = await api.get('/api/v1/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/swagger/i);
  });
});
