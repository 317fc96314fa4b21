import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register } from './helpers.js';

const META = { accessToken: 'EAAB-secret-token-0123456789' };

describe.each(['postgres', 'pglite'] as const)('ad-platform connections on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  async function setUp() {
    const owner = await register(api, 'Агентство');
    const c = await api.post('/api/v1/clients', { name: 'ООО «Ромашка»' }, { token: owner.accessToken });
    return { owner, clientId: c.body.id as string };
  }

  it('keeps credentials out of every answer and the audit log, and says which fields are stored', async () => {
    const { owner, clientId } = await setUp();
    const token = owner.accessToken;
    const created = await api.post('/api/v1/connections', { platform: 'meta', name: 'Meta — Ромашка', clientId, accounts: [{ id: 'act_1001', name: 'Основной' }], credentials: META }, { token });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ platform: 'meta', clientId, scheduleMinutes: 60, status: 'active', lastSyncAt: null, credentials: { fields: ['accessToken'] } });
    expect(created.headers.get('location')).toBe(`/api/v1/connections/${created.body.id}`);
    const texts = [
      JSON.stringify(created.body),
      JSON.stringify((await api.get(`/api/v1/connections/${created.body.id}`, { token })).body),
      JSON.stringify((await api.get('/api/v1/connections', { token })).body),
      JSON.stringify((await api.get('/api/v1/audit-log?entityType=connection', { token })).body),
    ];
    for (const t of texts) expect(t).not.toContain(META.accessToken);
    expect((await api.get(`/api/v1/connections?clientId=${clientId}`, { token })).body.items).toHaveLength(1);
  });

  it('checks credentials against the platform, updates under If-Match, deletes, and hides other workspaces', async () => {
    const { owner, clientId } = await setUp();
    const token = owner.accessToken;
    const wrong = await api.post('/api/v1/connections', { platform: 'google_ads', name: 'G', clientId, accounts: [{ id: '1234567890' }], credentials: META }, { token });
    expectProblem(wrong, 400);
    const noClient = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId: crypto.randomUUID(), accounts: [{ id: '55' }], credentials: { accessToken: 'x' } }, { token });
    expectProblem(noClient, 400, 'clientId');
    const vk = await api.post('/api/v1/connections', { platform: 'vk_ads', name: 'VK', clientId, accounts: [{ id: '55' }], credentials: { accessToken: 'x' } }, { token });
    expect(vk.status).toBe(201);

    expectProblem(await api.patch(`/api/v1/connections/${vk.body.id}`, { name: 'VK Ads' }, { token }), 428);
    expectProblem(await api.patch(`/api/v1/connections/${vk.body.id}`, { name: 'VK Ads' }, { token, headers: { 'if-match': '"v9"' } }), 412);
    const badCreds = await api.patch(`/api/v1/connections/${vk.body.id}`, { credentials: { token: 'y' } }, { token, headers: { 'if-match': '"v1"' } });
    expectProblem(badCreds, 400, 'credentials.accessToken');
    const renamed = await api.patch(`/api/v1/connections/${vk.body.id}`, { name: 'VK Ads', credentials: { accessToken: 'new-token' }, status: 'paused', scheduleMinutes: 30 }, { token, headers: { 'if-match': '"v1"' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'VK Ads', status: 'paused', scheduleMinutes: 30, version: 2 });
    expect(renamed.headers.get('etag')).toBe('"v2"');

    const other = await register(api, 'Чужое агентство');
    expectProblem(await api.get(`/api/v1/connections/${vk.body.id}`, { token: other.accessToken }), 404);
    expect((await api.get('/api/v1/connections', { token: other.accessToken })).body.items).toEqual([]);

    expect((await api.del(`/api/v1/connections/${vk.body.id}`, { token })).status).toBe(204);
    expectProblem(await api.get(`/api/v1/connections/${vk.body.id}`, { token }), 404);
  });

  it('lets buyers manage connections and viewers only read them', async () => {
    const { owner, clientId } = await setUp();
    const buyer = await addMember(api, owner, 'buyer');
    const viewer = await addMember(api, owner, 'viewer');
    const body = { platform: 'yandex_direct', name: 'Директ', clientId, accounts: [{ id: 'romashka-direct' }], credentials: { token: 'y0_secret', clientLogin: 'romashka' } };
    expect((await api.post('/api/v1/connections', body, { token: buyer.token })).status).toBe(201);
    expectProblem(await api.post('/api/v1/connections', body, { token: viewer.token }), 403);
    expect((await api.get('/api/v1/connections', { token: viewer.token })).body.items).toHaveLength(1);
  });
});

describe('credentials at rest', () => {
  it('stores only ciphertext in PostgreSQL', async () => {
    const api = client(inject('backends').postgres.url);
    const owner = await register(api, 'Агентство');
    const c = await api.post('/api/v1/clients', { name: 'Клиент' }, { token: owner.accessToken });
    const conn = await api.post('/api/v1/connections', { platform: 'meta', name: 'M', clientId: c.body.id, accounts: [{ id: 'act_1' }], credentials: META }, { token: owner.accessToken });
    const db = new pg.Client({ connectionString: inject('pgDatabaseUrl') });
    await db.connect();
    try {
      const { rows } = await db.query('select credentials, key_id from connections where id = $1', [conn.body.id]);
      expect(rows[0].credentials).not.toContain(META.accessToken);
      expect(Buffer.from(rows[0].credentials, 'base64').toString('latin1')).not.toContain(META.accessToken);
      expect(rows[0].key_id).toBe(conn.body.credentials.keyId);
    } finally {
      await db.end();
    }
  });

  it('opens with the key a row names after a new key is added, and not once moved to another row', async () => {
    const { CredentialsCipher, sealContext } = await import('../dist/connections/credentials-cipher.js');
    const { randomBytes } = await import('node:crypto');
    const k1 = `k1:${randomBytes(32).toString('base64')}`;
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    const old = CredentialsCipher.fromConfig({ CREDENTIALS_KEYS: k1 } as never);
    const sealed = old.seal(META, sealContext('t1', 'c1'));
    const rotated = CredentialsCipher.fromConfig({ CREDENTIALS_KEYS: `${k2},${k1}` } as never);
    expect(rotated.open(sealed, sealContext('t1', 'c1'))).toEqual(META);
    expect(rotated.seal(META, 'x').keyId).toBe('k2');
    expect(() => rotated.open(sealed, sealContext('t1', 'c2'))).toThrow();
    expect(() => CredentialsCipher.fromConfig({ CREDENTIALS_KEYS: k2 } as never).open(sealed, sealContext('t1', 'c1'))).toThrow('no longer holds');
  });
});
