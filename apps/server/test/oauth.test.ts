import { describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register, type Api, type Workspace } from './helpers.js';

interface Created {
  id: string;
  clientId: string;
  clientSecret: string;
}

async function createApp(api: Api, owner: Workspace, scopes: string[], name = 'Reporting'): Promise<Created> {
  const res = await api.post('/api/v1/oauth-clients', { name, scopes }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The token endpoint as RFC 6749 clients call it: a form-encoded body. */
function tokenRequest(api: Api, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return api.call('POST', '/api/v1/oauth/token', {
    raw: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function machineToken(api: Api, app: Created, scope?: string): Promise<string> {
  const res = await tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, ...(scope ? { scope } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token;
}

describe.each(['postgres', 'pglite'] as const)('OAuth machine clients on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('an owner creates a client, sees its secret once, and exchanges it for a token that works only within its scopes', async () => {
    const owner = await register(api, 'Machines');
    const acme = await api.post('/api/v1/clients', { name: 'Acme' }, { token: owner.accessToken });
    expect(acme.status).toBe(201);

    const scopes = ['clients:read', 'clients:write', 'projects:read'];
    const created = await api.post('/api/v1/oauth-clients', { name: 'BI export', scopes }, { token: owner.accessToken });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'BI export', scopes, revokedAt: null, clientId: expect.any(String), clientSecret: expect.any(String) });
    const app: Created = created.body;

    const listed = await api.get('/api/v1/oauth-clients', { token: owner.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: app.id, clientId: app.clientId, name: 'BI export', scopes })]);
    expect(listed.body.items[0]).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(listed.body)).not.toContain(app.clientSecret);

    const viaForm = await tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
    expect(viaForm.status, JSON.stringify(viaForm.body)).toBe(200);
    expect(viaForm.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), expires_in: expect.any(Number) });
    expect(viaForm.body.expires_in).toBeGreaterThan(0);
    expect(viaForm.body.scope.split(' ').sort()).toEqual([...scopes].sort());
    expect(viaForm.headers.get('cache-control')).toContain('no-store');

    const viaBasic = await tokenRequest(api, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) });
    expect(viaBasic.status, JSON.stringify(viaBasic.body)).toBe(200);
    expect(viaBasic.body.token_type).toBe('Bearer');

    for (const token of [viaForm.body.access_token, viaBasic.body.access_token]) {
      const clients = await api.get('/api/v1/clients', { token });
      expect(clients.status).toBe(200);
      expect(clients.body.items.map((c: { id: string }) => c.id)).toContain(acme.body.id);
      expect((await api.get('/api/v1/projects', { token })).status).toBe(200);
    }
    const token = viaForm.body.access_token;
    const made = await api.post('/api/v1/clients', { name: 'Made by a machine' }, { token });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const trail = await api.get(`/api/v1/audit-log?entityId=${made.body.id}`, { token: owner.accessToken });
    expect(trail.body.items).toEqual([expect.objectContaining({ action: 'client.create', actorType: 'oauth_client', actorId: app.id })]);

    expectProblem(await api.post('/api/v1/projects', { clientId: acme.body.id, name: 'Out of scope' }, { token }), 403);
    expectProblem(await api.get('/api/v1/members', { token }), 403);
    expectProblem(await api.get('/api/v1/audit-log', { token }), 403);
    expectProblem(await api.post('/api/v1/oauth-clients', { name: 'Child', scopes: ['clients:read'] }, { token }), 403);
    const projects = await api.get(`/api/v1/projects?clientId=${acme.body.id}`, { token: owner.accessToken });
    expect(projects.body.items).toEqual([]);

    // Asking for fewer scopes yields a token that holds only those.
    const narrow = await tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'clients:read' });
    expect(narrow.status, JSON.stringify(narrow.body)).toBe(200);
    expect(narrow.body.scope).toBe('clients:read');
    expect((await api.get('/api/v1/clients', { token: narrow.body.access_token })).status).toBe(200);
    expectProblem(await api.post('/api/v1/clients', { name: 'Narrow write' }, { token: narrow.body.access_token }), 403);
    expectProblem(await api.get('/api/v1/projects', { token: narrow.body.access_token }), 403);
  });

  it('deleting a client refuses its already-issued tokens with 401 and issues no new ones', async () => {
    const owner = await register(api, 'Revoking');
    const app = await createApp(api, owner, ['clients:read']);
    const token = await machineToken(api, app);
    expect((await api.get('/api/v1/clients', { token })).status).toBe(200);

    expect((await api.del(`/api/v1/oauth-clients/${app.id}`, { token: owner.accessToken })).status).toBe(204);
    expectProblem(await api.get('/api/v1/clients', { token }), 401);

    const again = await tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('invalid_client');

    const listed = await api.get('/api/v1/oauth-clients', { token: owner.accessToken });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: app.id, revokedAt: expect.any(String) })]);
  });
});

describe('OAuth errors and boundaries on postgres', () => {
  const api = client(inject('backends').postgres.url);

  it('a scope the client was not granted is invalid_scope', async () => {
    const owner = await register(api, 'Scopes');
    const app = await createApp(api, owner, ['clients:read']);
    for (const scope of ['audit:read', 'clients:read projects:read', 'no-such-scope']) {
      const res = await tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope });
      expect(res.status, `${scope}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toBe('invalid_scope');
      expect(res.body.access_token).toBeUndefined();
    }
  });

  it('a wrong secret or an unknown client is invalid_client', async () => {
    const owner = await register(api, 'Secrets');
    const app = await createApp(api, owner, ['clients:read']);
    const attempts = [
      tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: `${app.clientSecret}x` }),
      tokenRequest(api, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, 'wrong-secret') }),
      tokenRequest(api, { grant_type: 'client_credentials', client_id: 'mrm_000000000000000000000000', client_secret: app.clientSecret }),
      tokenRequest(api, { grant_type: 'client_credentials', client_id: app.clientId }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.error).toBe('invalid_client');
      expect(res.body.access_token).toBeUndefined();
    }
  });

  it('grant_type=password is unsupported_grant_type', async () => {
    const owner = await register(api, 'Grants');
    const app = await createApp(api, owner, ['clients:read']);
    const res = await tokenRequest(api, { grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret, username: owner.email, password: 'x' });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
    expect(res.body.access_token).toBeUndefined();
  });

  it('a machine token cannot read another workspace', async () => {
    const mine = await register(api, 'Mine');
    const theirs = await register(api, 'Theirs');
    const theirClient = await api.post('/api/v1/clients', { name: 'Their secret client' }, { token: theirs.accessToken });
    expect(theirClient.status).toBe(201);
    const token = await machineToken(api, await createApp(api, mine, ['clients:read']));

    expectProblem(await api.get('/api/v1/clients', { token, tenant: theirs.tenantId }), 404);
    expectProblem(await api.get(`/api/v1/clients/${theirClient.body.id}`, { token, tenant: theirs.tenantId }), 404);
    expectProblem(await api.get(`/api/v1/clients/${theirClient.body.id}`, { token }), 404);
    const own = await api.get('/api/v1/clients', { token });
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
  });

  it('only roles that manage OAuth clients may create them', async () => {
    const owner = await register(api, 'Managers');
    const planner = await addMember(api, owner, 'planner');
    expectProblem(await api.post('/api/v1/oauth-clients', { name: 'Planner app', scopes: ['clients:read'] }, { token: planner.token }), 403);
    expectProblem(await api.get('/api/v1/oauth-clients', { token: planner.token }), 403);
    const listed = await api.get('/api/v1/oauth-clients', { token: owner.accessToken });
    expect(listed.body.items).toEqual([]);

    const admin = await addMember(api, owner, 'admin');
    const byAdmin = await api.post('/api/v1/oauth-clients', { name: 'Admin app', scopes: ['clients:read', 'audit:read', 'oauth-clients:manage'] }, { token: admin.token });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201);
  });
});
