import { describe, expect, inject, it } from 'vitest';
import { client, expectProblem, PASSWORD, register } from './helpers.js';

describe.each(['postgres', 'pglite'] as const)('the language remembered per person on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('is null until chosen, is changed with PATCH /me, and comes back on every later login', async () => {
    const owner = await register(api, 'Locale');
    const before = await api.get('/api/v1/me', { token: owner.accessToken });
    expect(before.body.user.locale).toBeNull();

    const changed = await api.patch('/api/v1/me', { locale: 'en' }, { token: owner.accessToken });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // Answered like GET /me.
    expect(changed.body).toMatchObject({ user: { id: owner.userId, email: owner.email, locale: 'en' }, tenantId: owner.tenantId, role: 'owner' });

    // A fresh login (another browser) gets the saved language from the server.
    const login = await api.post('/api/v1/auth/login', { email: owner.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect((await api.get('/api/v1/me', { token: login.body.accessToken })).body.user.locale).toBe('en');

    // Saying the same again changes nothing and records nothing.
    expect((await api.patch('/api/v1/me', { locale: 'en' }, { token: owner.accessToken })).body.user.locale).toBe('en');
    expect((await api.patch('/api/v1/me', {}, { token: owner.accessToken })).body.user.locale).toBe('en');
    expect((await api.patch('/api/v1/me', { locale: 'ru' }, { token: login.body.accessToken })).body.user.locale).toBe('ru');

    const trail = await api.get(`/api/v1/audit-log?action=user.update&entityId=${owner.userId}`, { token: owner.accessToken });
    expect(trail.body.items.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual([
      [{ locale: 'en' }, { locale: 'ru' }],
      [{ locale: null }, { locale: 'en' }],
    ]);
  });

  it('refuses a language it does not speak, and unknown fields, naming them', async () => {
    const owner = await register(api, 'Locale bad input');
    for (const body of [{ locale: 'de' }, { locale: null }, { locale: 'EN' }, { locale: 1 }]) {
      expectProblem(await api.patch('/api/v1/me', body, { token: owner.accessToken }), 400, 'locale');
    }
    expectProblem(await api.patch('/api/v1/me', { locale: 'en', theme: 'dark' }, { token: owner.accessToken }), 400, 'theme');
    expectProblem(await api.patch('/api/v1/me', { locale: 'en' }), 401);
    expect((await api.get('/api/v1/me', { token: owner.accessToken })).body.user.locale).toBeNull();
  });

  it('is for people: a machine client cannot set one', async () => {
    const owner = await register(api, 'Locale machine');
    const oc = await api.post('/api/v1/oauth-clients', { name: 'bot', scopes: ['clients:read'] }, { token: owner.accessToken });
    const token = await api.call('POST', '/api/v1/oauth/token', {
      raw: `grant_type=client_credentials&client_id=${oc.body.clientId}&client_secret=${oc.body.clientSecret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(await api.patch('/api/v1/me', { locale: 'en' }, { token: token.body.access_token }), 403);
  });
});
