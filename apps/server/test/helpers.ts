import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  tenant?: string;
}

/** A thin HTTP client: JSON in, JSON (or text) out, never throws on a status. */
export function client(base: string) {
  async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.tenant) headers['x-tenant-id'] = opts.tenant;
    let payload: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: body as T };
  }
  return {
    base,
    call,
    get: <T = any>(path: string, opts?: CallOptions) => call<T>('GET', path, opts),
    post: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('POST', path, { ...opts, body }),
    patch: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('PATCH', path, { ...opts, body }),
    put: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('PUT', path, { ...opts, body }),
    del: <T = any>(path: string, opts?: CallOptions) => call<T>('DELETE', path, opts),
  };
}
export type Api = ReturnType<typeof client>;

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(5).toString('hex')}@example.test`;
export const PASSWORD = 'correct horse battery';

export interface Workspace {
  email: string;
  accessToken: string;
  refreshToken: string;
  tenantId: string;
  userId: string;
}

/** Registers a fresh agency and returns its owner's tokens and ids. */
export async function register(api: Api, tenantName = 'Agency'): Promise<Workspace> {
  const email = uniqueEmail('owner');
  const reg = await api.post('/api/v1/auth/register', { tenantName, name: 'Owner', email, password: PASSWORD });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  const me = await api.get('/api/v1/me', { token: reg.body.accessToken });
  expect(me.status).toBe(200);
  return { email, accessToken: reg.body.accessToken, refreshToken: reg.body.refreshToken, tenantId: me.body.tenantId, userId: me.body.user.id };
}

/** Invites `email` with `role` into the owner's workspace and accepts; returns the member's access token. */
export async function addMember(api: Api, owner: Workspace, role: string, clientId?: string): Promise<{ token: string; userId: string; email: string }> {
  const email = uniqueEmail(role);
  const inv = await api.post('/api/v1/invitations', { email, role, ...(clientId ? { clientId } : {}) }, { token: owner.accessToken });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const acc = await api.post('/api/v1/invitations/accept', { token: inv.body.token, name: `A ${role}`, password: PASSWORD });
  expect(acc.status, JSON.stringify(acc.body)).toBe(200);
  const me = await api.get('/api/v1/me', { token: acc.body.accessToken });
  return { token: acc.body.accessToken, userId: me.body.user.id, email };
}

export function expectProblem(reply: Reply, status: number, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(reply.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  if (field) expect(reply.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
}
