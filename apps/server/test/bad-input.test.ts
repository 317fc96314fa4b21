import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addMember, client, register, uniqueEmail, type Reply } from './helpers.js';
import { FORM_TYPE, METHODS, OAUTH_ERRORS, OAUTH_TOKEN, fillPath, form, operations, spec, type Ctx, type Request, type Want } from './bad-input/cases.js';

/*
 * Every operation in the committed OpenAPI document is sent malformed input (the cases come from
 * bad-input/cases.ts), and every answer must be a 4xx problem+json that names what was wrong.
 */

/* ---------- assertions ---------- */

function send(api: ReturnType<typeof client>, ctx: Ctx, r: Request): Promise<Reply> {
  const token = r.anonymous ? undefined : ctx.token;
  const payload = r.raw ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
  if (payload && payload.length > 1_048_576) return sendOversized(api.base, r, payload, token);
  return api.call(r.method, `${r.path}${r.query ?? ''}`, { raw: r.raw, body: r.body, headers: r.headers, token });
}

/**
 * The server answers 413 as soon as the declared length is too large and closes the connection,
 * so the client may still be writing: read the answer and ignore the broken pipe, as browsers do.
 */
function sendOversized(base: string, r: Request, payload: string, token?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', ...(r.headers ?? {}), 'content-length': Buffer.byteLength(payload) };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = httpRequest(`${base}${r.path}${r.query ?? ''}`, { method: r.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const type = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: type.includes('json') && text ? JSON.parse(text) : text });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    req.end(payload);
  });
}

function describeExchange(r: Request, res: Reply): string {
  const sent = r.raw !== undefined ? r.raw : r.body !== undefined ? JSON.stringify(r.body) : '';
  const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return `${r.method} ${r.path}${r.query ?? ''} ${JSON.stringify(r.headers ?? {})} ${sent.length > 300 ? `${sent.slice(0, 120)}… (${sent.length} bytes)` : sent}\n→ ${res.status} ${res.headers.get('content-type')} ${body.slice(0, 600)}`;
}

function expectBadInputAnswer(r: Request, res: Reply, want: Want, oauth: boolean): void {
  const where = describeExchange(r, res);
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<string, any>;
  const fields: string[] = Array.isArray(body.errors) ? body.errors.map((e: { field: string }) => e?.field) : [];
  expect.soft(res.status, `never 5xx, always 4xx: ${where}`).toBeGreaterThanOrEqual(400);
  expect.soft(res.status, `never 5xx, always 4xx: ${where}`).toBeLessThan(500);
  if (want.status !== undefined) expect.soft([want.status].flat(), `status: ${where}`).toContain(res.status);
  expect.soft(res.headers.get('content-type') ?? '', `content type: ${where}`).toMatch(/^application\/problem\+json\b/);
  expect.soft(body, `problem members: ${where}`).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status });
  if (want.field) {
    const named = fields.some((f) => f === want.field || f?.startsWith(`${want.field}.`) || f?.toLowerCase() === want.field!.toLowerCase());
    expect.soft(named, `errors[].field names ${want.field} (got ${JSON.stringify(fields)}): ${where}`).toBe(true);
  }
  if (want.anyField) expect.soft(fields.length, `errors[] names a field: ${where}`).toBeGreaterThan(0);
  if (oauth && (res.status === 400 || res.status === 401)) {
    expect.soft(OAUTH_ERRORS, `RFC 6749 error code in \`error\`: ${where}`).toContain(body.error);
  }
}

/* ---------- the run ---------- */

describe('bad input on postgres', () => {
  const api = client(inject('backends').postgres.url);
  const ctx: Ctx = { api, token: '', ids: {}, oauthClientId: '', oauthSecret: '' };

  beforeAll(async () => {
    const owner = await register(api, 'Bad Input Agency');
    ctx.token = owner.accessToken;
    const auth = { token: owner.accessToken };
    // Two of each, so that list endpoints hand out a cursor to tamper with.
    const c = await api.post('/api/v1/clients', { name: 'Bad Input Client' }, auth);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await api.post('/api/v1/clients', { name: 'Bad Input Client 2' }, auth)).status).toBe(201);
    const p = await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Bad Input Project' }, auth);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect((await api.post('/api/v1/projects', { clientId: c.body.id, name: 'Bad Input Project 2' }, auth)).status).toBe(201);
    const member = await addMember(api, owner, 'viewer');
    const inv = await api.post('/api/v1/invitations', { email: uniqueEmail('pending'), role: 'viewer' }, auth);
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const oc = await api.post('/api/v1/oauth-clients', { name: 'Bad Input Machine', scopes: ['clients:read'] }, auth);
    expect(oc.status, JSON.stringify(oc.body)).toBe(201);
    // A submitted plan with a line, a frozen version and a share link; a second plan for list cursors.
    const plan = await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Bad Input Plan' }, auth);
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect((await api.post('/api/v1/media-plans', { projectId: p.body.id, name: 'Bad Input Plan 2' }, auth)).status).toBe(201);
    const li = await api.post(`/api/v1/media-plans/${plan.body.id}/line-items`, { name: 'Line', startDate: '2027-01-01', endDate: '2027-01-31', costTotal: '100.00' }, auth);
    expect(li.status, JSON.stringify(li.body)).toBe(201);
    expect((await api.post(`/api/v1/media-plans/${plan.body.id}/submit`, {}, auth)).status).toBe(200);
    const share = await api.post(`/api/v1/media-plans/${plan.body.id}/share`, {}, auth);
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    const conn = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'Bad Input Connection', clientId: c.body.id, accounts: [{ id: '1' }], credentials: { accessToken: 'x' } }, auth);
    expect(conn.status, JSON.stringify(conn.body)).toBe(201);
    const reports = [];
    for (let i = 0; i < 2; i++) reports.push(await api.post('/api/v1/reports', { type: 'pacing', format: 'csv', params: { planId: plan.body.id } }, auth));
    expect(reports.map((r) => r.status), JSON.stringify(reports[0].body)).toEqual([202, 202]);
    const schedule = await api.post('/api/v1/report-schedules', { name: 'Bad Input Schedule', report: { type: 'pacing', format: 'csv', params: { planId: plan.body.id } }, cron: '0 9 * * 1', recipients: ['cmo@example.test'] }, auth);
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    ctx.ids = {
      client: c.body.id,
      project: p.body.id,
      member: member.userId,
      invitation: inv.body.id,
      oauthClient: oc.body.id,
      plan: plan.body.id,
      lineItem: li.body.id,
      version: '1',
      share: share.body.id,
      shareToken: share.body.token,
      connection: conn.body.id,
      report: reports[0].body.id,
      reportSchedule: schedule.body.id,
    };
    ctx.oauthClientId = oc.body.clientId;
    ctx.oauthSecret = oc.body.clientSecret;
  });

  it('the document lists operations to walk', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  for (const { key, oauth, cases } of operations.filter((o) => o.cases.length > 0)) {
    describe(key, () => {
      for (const { label, request, want } of cases) {
        it(label, async () => {
          const r = await request(ctx);
          expectBadInputAnswer(r, await send(api, ctx, r), want, oauth);
        });
      }
    });
  }

  describe('routes and methods the document does not declare', () => {
    const cases: Array<{ label: string; request: (c: Ctx) => Request }> = [
      { label: 'GET /api/v1/no-such-route → 404', request: () => ({ method: 'GET', path: '/api/v1/no-such-route' }) },
      { label: 'POST /api/v1/no-such-route with JSON → 404', request: () => ({ method: 'POST', path: '/api/v1/no-such-route', body: {} }) },
      { label: 'GET /api/v2/clients → 404', request: () => ({ method: 'GET', path: '/api/v2/clients' }) },
      { label: 'GET /no-such-route outside the API prefix → 404', request: () => ({ method: 'GET', path: '/no-such-route' }) },
      { label: 'GET a sub-resource that does not exist → 404', request: (c) => ({ method: 'GET', path: `/api/v1/clients/${c.ids.client}/no-such-thing` }) },
    ];
    for (const { label, request } of cases) {
      it(label, async () => {
        const r = request(ctx);
        expectBadInputAnswer(r, await send(api, ctx, r), { status: 404 }, false);
      });
    }

    // A concrete path can fall under another template (DELETE /invitations/accept is DELETE /invitations/{id}).
    const templateMatches = (template: string, concrete: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(concrete);
    const undeclared = Object.entries(spec.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => !item[m] && !Object.entries(spec.paths).some(([other, o]) => other !== path && o[m] && templateMatches(other, path))).map((m) => ({ path, method: m.toUpperCase() })),
    );
    for (const { path, method } of undeclared) {
      it(`${method} ${path} → 404 or 405`, async () => {
        const r: Request = { method, path: fillPath(path, ctx), ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: {} } : {}) };
        expectBadInputAnswer(r, await send(api, ctx, r), { status: [404, 405] }, false);
      });
    }
  });

  describe(`${OAUTH_TOKEN} answers RFC 6749 errors`, () => {
    const path = '/api/v1/oauth/token';
    const formReq = (raw: string, headers: Record<string, string> = {}): Request => ({ method: 'POST', path, raw, headers: { 'content-type': FORM_TYPE, ...headers }, anonymous: true });
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const cases: Array<{ label: string; want: Want; request: (c: Ctx) => Request }> = [
      { label: 'form grant_type=password → 400 unsupported_grant_type naming grant_type', want: { status: 400, field: 'grant_type' }, request: () => formReq('grant_type=password') },
      { label: 'JSON grant_type=password → 400 naming grant_type', want: { status: 400, field: 'grant_type' }, request: () => ({ method: 'POST', path, body: { grant_type: 'password' }, anonymous: true }) },
      { label: 'client_credentials without client credentials → 401', want: { status: 401 }, request: () => formReq('grant_type=client_credentials') },
      { label: 'client_id with characters no client id has → 401', want: { status: 401 }, request: () => formReq(form({ grant_type: 'client_credentials', client_id: 'a b;c', client_secret: 'x' })) },
      { label: 'a wrong secret for a real client → 401', want: { status: 401 }, request: (c) => formReq(form({ grant_type: 'client_credentials', client_id: c.oauthClientId, client_secret: 'wrong' })) },
      { label: 'a scope the client was not granted → 400 naming scope', want: { status: 400, field: 'scope' }, request: (c) => formReq(form({ grant_type: 'client_credentials', client_id: c.oauthClientId, client_secret: c.oauthSecret, scope: 'audit:read' })) },
      { label: 'a scope that does not exist → 400 naming scope', want: { status: 400, field: 'scope' }, request: (c) => formReq(form({ grant_type: 'client_credentials', client_id: c.oauthClientId, client_secret: c.oauthSecret, scope: 'everything' })) },
      { label: 'Basic credentials without a colon → 401 naming Authorization', want: { status: 401, field: 'Authorization' }, request: () => formReq('grant_type=client_credentials', { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }) },
      { label: 'Basic credentials with broken percent-encoding → 400 or 401', want: { status: [400, 401] }, request: () => formReq('grant_type=client_credentials', { authorization: basic('%zz', 'secret') }) },
      { label: 'Basic credentials with a broken percent-encoded secret → 400 or 401', want: { status: [400, 401] }, request: (c) => formReq('grant_type=client_credentials', { authorization: basic(c.oauthClientId, '%E0%A4%A') }) },
    ];
    for (const { label, request, want } of cases) {
      it(label, async () => {
        const r = request(ctx);
        expectBadInputAnswer(r, await send(api, ctx, r), want, true);
      });
    }
  });

  describe('the refresh cookie the web app sends', () => {
    // Logging out an unknown session is a quiet 204 by design, so an empty cookie is only bad input for refresh.
    const cases = [
      { path: '/api/v1/auth/refresh', what: 'a cookie of broken percent-encoding', cookie: 'mrm_refresh=%E0%A4%A' },
      { path: '/api/v1/auth/logout', what: 'a cookie of broken percent-encoding', cookie: 'mrm_refresh=%E0%A4%A' },
      { path: '/api/v1/auth/refresh', what: 'an empty cookie', cookie: 'mrm_refresh=' },
    ];
    for (const { path, what, cookie } of cases) {
      it(`POST ${path} with ${what} → 400 or 401`, async () => {
        const r: Request = { method: 'POST', path, body: {}, headers: { cookie }, anonymous: true };
        expectBadInputAnswer(r, await send(api, ctx, r), { status: [400, 401] }, false);
      });
    }
  });
});
