import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, PASSWORD, register, uniqueEmail } from './helpers.js';

describe.each(['postgres', 'pglite'] as const)('auth on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('registers, logs in, rotates refresh tokens, revokes the family on reuse, logs out', async () => {
    const email = uniqueEmail();
    const reg = await api.post('/api/v1/auth/register', { tenantName: 'Агентство «Север»', name: 'Анна', email, password: PASSWORD });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const me = await api.get('/api/v1/me', { token: reg.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    expect(me.body.role).toBe('owner');
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantName: 'Агентство «Север»', role: 'owner' })]);

    const wrong = await api.post('/api/v1/auth/login', { email, password: 'not the password' });
    expectProblem(wrong, 401);
    const login = await api.post('/api/v1/auth/login', { email: email.toUpperCase(), password: PASSWORD });
    expect(login.status).toBe(200);

    const first = await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    const second = await api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    // Replaying the first (already rotated) token signs the whole login out, including the newest token.
    const replay = await api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expectProblem(replay, 401);
    expectProblem(await api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken }), 401);

    // Another login (the registration's own family) is untouched, until it logs out.
    const other = await api.post('/api/v1/auth/refresh', { refreshToken: reg.body.refreshToken });
    expect(other.status).toBe(200);
    const out = await api.post('/api/v1/auth/logout', { refreshToken: other.body.refreshToken });
    expect(out.status).toBe(204);
    expectProblem(await api.post('/api/v1/auth/refresh', { refreshToken: other.body.refreshToken }), 401);
  });

  it('refuses a second account with the same email, and bad credentials without saying which part was wrong', async () => {
    const owner = await register(api);
    const dup = await api.post('/api/v1/auth/register', { tenantName: 'Other', name: 'X', email: owner.email, password: PASSWORD });
    expectProblem(dup, 409, 'email');
    const unknown = await api.post('/api/v1/auth/login', { email: uniqueEmail(), password: PASSWORD });
    const wrong = await api.post('/api/v1/auth/login', { email: owner.email, password: 'wrong-password' });
    expectProblem(unknown, 401);
    expectProblem(wrong, 401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('lets exactly one of two simultaneous sign-ups with the same email through', async () => {
    const email = uniqueEmail('race');
    const body = (n: number) => ({ tenantName: `Race ${n}`, name: 'R', email, password: PASSWORD });
    const replies = await Promise.all([1, 2, 3].map((n) => api.post('/api/v1/auth/register', body(n))));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expectProblem(r, 409, 'email');
  });

  it('rejects missing, forged and garbled access tokens with 401', async () => {
    expectProblem(await api.get('/api/v1/me'), 401);
    expectProblem(await api.get('/api/v1/me', { token: 'not-a-jwt' }), 401);
    const owner = await register(api);
    const [h, p] = owner.accessToken.split('.');
    expectProblem(await api.get('/api/v1/me', { token: `${h}.${p}.forgedsignature` }), 401);
  });

  it('takes the refresh token from the cookie the web app keeps', async () => {
    const owner = await register(api);
    const res = await api.call('POST', '/api/v1/auth/refresh', { body: {}, headers: { cookie: `other=1; mrm_refresh=${owner.refreshToken}` } });
    expect(res.status).toBe(200);
    expectProblem(await api.post('/api/v1/auth/refresh', {}), 400, 'refreshToken');
  });
});
