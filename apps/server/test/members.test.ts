import { describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, PASSWORD, register, uniqueEmail, type Api, type Workspace } from './helpers.js';

type MemberItem = { userId: string; email: string; name: string; role: string; clientId: string | null };

async function members(api: Api, owner: Workspace): Promise<MemberItem[]> {
  const res = await api.get('/api/v1/members', { token: owner.accessToken });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function invite(api: Api, owner: Workspace, email: string, role: string): Promise<{ id: string; token: string }> {
  const res = await api.post('/api/v1/invitations', { email, role }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, token: res.body.token };
}

async function auditOf(api: Api, owner: Workspace, action: string, entityId: string) {
  const res = await api.get(`/api/v1/audit-log?action=${action}&entityId=${entityId}`, { token: owner.accessToken });
  expect(res.status).toBe(200);
  return res.body.items as Array<Record<string, any>>;
}

describe.each(['postgres', 'pglite'] as const)('invitations on %s', (backend) => {
  const api = client(inject('backends')[backend].url);

  it('a new person accepts with a name and password, can sign in, and is listed as a member', async () => {
    const owner = await register(api, 'Inviting');
    const email = uniqueEmail('newcomer');
    const inv = await api.post('/api/v1/invitations', { email: email.toUpperCase(), role: 'planner' }, { token: owner.accessToken });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(inv.body).toMatchObject({ email, role: 'planner', clientId: null, acceptedAt: null, token: expect.any(String) });

    const pending = await api.get('/api/v1/invitations', { token: owner.accessToken });
    expect(pending.body.items).toEqual([expect.objectContaining({ id: inv.body.id, email, acceptedAt: null })]);
    expect(pending.body.items[0].token).toBeUndefined();
    expect((await members(api, owner)).map((m) => m.email)).not.toContain(email);

    const acc = await api.post('/api/v1/invitations/accept', { token: inv.body.token, name: 'Nina Planner', password: PASSWORD });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    const me = await api.get('/api/v1/me', { token: acc.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ tenantId: owner.tenantId, role: 'planner', user: { email, name: 'Nina Planner' } });

    expect(await members(api, owner)).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: me.body.user.id, email, name: 'Nina Planner', role: 'planner', clientId: null })]),
    );
    const accepted = await api.get('/api/v1/invitations', { token: owner.accessToken });
    expect(accepted.body.items[0].acceptedAt).toEqual(expect.any(String));

    const login = await api.post('/api/v1/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
  });

  it('a person with an account joins with that account’s password and switches workspaces with X-Tenant-Id', async () => {
    const alpha = await register(api, 'Alpha');
    const beta = await register(api, 'Beta');
    const alphaClient = await api.post('/api/v1/clients', { name: 'Alpha’s client' }, { token: alpha.accessToken });
    const betaClient = await api.post('/api/v1/clients', { name: 'Beta’s client' }, { token: beta.accessToken });
    expect([alphaClient.status, betaClient.status]).toEqual([201, 201]);

    const inv = await invite(api, alpha, beta.email, 'analyst');
    const wrong = await api.post('/api/v1/invitations/accept', { token: inv.token, password: 'not the password at all' });
    expectProblem(wrong, 401);
    // A name for a new account does not stand in for the existing account's password either.
    expectProblem(await api.post('/api/v1/invitations/accept', { token: inv.token, name: 'Impostor', password: 'another password 123' }), 401);

    const acc = await api.post('/api/v1/invitations/accept', { token: inv.token, password: PASSWORD });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    const token = acc.body.accessToken;

    const me = await api.get('/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ tenantId: alpha.tenantId, role: 'analyst', user: { id: beta.userId, email: beta.email, name: 'Owner' } });
    expect(me.body.memberships).toHaveLength(2);
    expect(me.body.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenantId: alpha.tenantId, tenantName: 'Alpha', role: 'analyst' }),
        expect.objectContaining({ tenantId: beta.tenantId, tenantName: 'Beta', role: 'owner' }),
      ]),
    );

    const inBeta = await api.get('/api/v1/me', { token, tenant: beta.tenantId });
    expect(inBeta.status).toBe(200);
    expect(inBeta.body).toMatchObject({ tenantId: beta.tenantId, role: 'owner' });

    const alphaList = await api.get('/api/v1/clients', { token, tenant: alpha.tenantId });
    expect(alphaList.body.items.map((c: { id: string }) => c.id)).toEqual([alphaClient.body.id]);
    const betaList = await api.get('/api/v1/clients', { token, tenant: beta.tenantId });
    expect(betaList.body.items.map((c: { id: string }) => c.id)).toEqual([betaClient.body.id]);

    // The role follows the workspace: an analyst in Alpha, an owner in Beta.
    expectProblem(await api.post('/api/v1/clients', { name: 'Not allowed' }, { token, tenant: alpha.tenantId }), 403);
    expect((await api.post('/api/v1/clients', { name: 'Allowed' }, { token, tenant: beta.tenantId })).status).toBe(201);

    const stranger = await register(api, 'Gamma');
    expectProblem(await api.get('/api/v1/clients', { token, tenant: stranger.tenantId }), 404);

    // The old login (Beta's own tokens) still works and now sees both memberships too.
    const betaMe = await api.get('/api/v1/me', { token: beta.accessToken });
    expect(betaMe.body.tenantId).toBe(beta.tenantId);
    expect(betaMe.body.memberships).toHaveLength(2);
  });

  it('an invitation token works once, and a revoked invitation cannot be accepted', async () => {
    const owner = await register(api, 'Once');
    const first = await invite(api, owner, uniqueEmail('once'), 'buyer');
    const ok = await api.post('/api/v1/invitations/accept', { token: first.token, name: 'Bea', password: PASSWORD });
    expect(ok.status).toBe(200);
    expectProblem(await api.post('/api/v1/invitations/accept', { token: first.token, name: 'Bea again', password: PASSWORD }), 404);

    const revokedEmail = uniqueEmail('revoked');
    const second = await invite(api, owner, revokedEmail, 'buyer');
    const revoke = await api.del(`/api/v1/invitations/${second.id}`, { token: owner.accessToken });
    expect(revoke.status).toBe(204);
    expectProblem(await api.post('/api/v1/invitations/accept', { token: second.token, name: 'Rick', password: PASSWORD }), 404);
    expect((await members(api, owner)).map((m) => m.email)).not.toContain(revokedEmail);
    // No account was made from the revoked invitation.
    expectProblem(await api.post('/api/v1/auth/login', { email: revokedEmail, password: PASSWORD }), 401);
  });
});

describe('member management on postgres', () => {
  const api = client(inject('backends').postgres.url);

  it('an owner changes a member’s role and the member’s access follows at once', async () => {
    const owner = await register(api, 'Roles');
    const member = await addMember(api, owner, 'planner');
    expect((await api.post('/api/v1/clients', { name: 'As planner' }, { token: member.token })).status).toBe(201);
    expectProblem(await api.get('/api/v1/audit-log', { token: member.token }), 403);

    const res = await api.patch(`/api/v1/members/${member.userId}`, { role: 'analyst' }, { token: owner.accessToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ userId: member.userId, email: member.email, role: 'analyst', clientId: null });

    expect((await api.get('/api/v1/me', { token: member.token })).body.role).toBe('analyst');
    expectProblem(await api.post('/api/v1/clients', { name: 'As analyst' }, { token: member.token }), 403);
    expect((await api.get('/api/v1/audit-log', { token: member.token })).status).toBe(200);
    expect((await members(api, owner)).find((m) => m.userId === member.userId)?.role).toBe('analyst');
  });

  it('an admin can neither make an owner nor change an owner', async () => {
    const owner = await register(api, 'Admins');
    const admin = await addMember(api, owner, 'admin');
    const planner = await addMember(api, owner, 'planner');

    expectProblem(await api.patch(`/api/v1/members/${planner.userId}`, { role: 'owner' }, { token: admin.token }), 403);
    expectProblem(await api.post('/api/v1/invitations', { email: uniqueEmail('would-be-owner'), role: 'owner' }, { token: admin.token }), 403);
    expectProblem(await api.patch(`/api/v1/members/${owner.userId}`, { role: 'viewer' }, { token: admin.token }), 403);
    expectProblem(await api.del(`/api/v1/members/${owner.userId}`, { token: admin.token }), 403);

    const after = await members(api, owner);
    expect(after.find((m) => m.userId === owner.userId)?.role).toBe('owner');
    expect(after.find((m) => m.userId === planner.userId)?.role).toBe('planner');
    const invitations = await api.get('/api/v1/invitations', { token: owner.accessToken });
    expect(invitations.body.items.map((i: { role: string }) => i.role)).not.toContain('owner');

    // The admin does manage everyone else.
    const ok = await api.patch(`/api/v1/members/${planner.userId}`, { role: 'buyer' }, { token: admin.token });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.role).toBe('buyer');
  });

  it('the last owner can be neither demoted nor removed; with a second owner, one can step down', async () => {
    const owner = await register(api, 'Owners');
    expectProblem(await api.patch(`/api/v1/members/${owner.userId}`, { role: 'admin' }, { token: owner.accessToken }), 409);
    expectProblem(await api.del(`/api/v1/members/${owner.userId}`, { token: owner.accessToken }), 409);
    expect((await members(api, owner)).find((m) => m.userId === owner.userId)?.role).toBe('owner');
    expect(await auditOf(api, owner, 'member.update', owner.userId)).toEqual([]);
    expect(await auditOf(api, owner, 'member.remove', owner.userId)).toEqual([]);

    const second = await addMember(api, owner, 'owner');
    const stepDown = await api.patch(`/api/v1/members/${owner.userId}`, { role: 'admin' }, { token: owner.accessToken });
    expect(stepDown.status, JSON.stringify(stepDown.body)).toBe(200);
    expect(stepDown.body.role).toBe('admin');

    // Now the second owner is the last one.
    expectProblem(await api.patch(`/api/v1/members/${second.userId}`, { role: 'admin' }, { token: second.token }), 409);
    expectProblem(await api.del(`/api/v1/members/${second.userId}`, { token: second.token }), 409);
    expect((await members(api, owner)).filter((m) => m.role === 'owner').map((m) => m.userId)).toEqual([second.userId]);
  });

  it('a removed member loses access to that workspace', async () => {
    const owner = await register(api, 'Removal');
    const member = await addMember(api, owner, 'planner');
    expect((await api.get('/api/v1/clients', { token: member.token })).status).toBe(200);

    const res = await api.del(`/api/v1/members/${member.userId}`, { token: owner.accessToken });
    expect(res.status).toBe(204);
    expect((await members(api, owner)).map((m) => m.userId)).not.toContain(member.userId);
    expectProblem(await api.get('/api/v1/clients', { token: member.token }), 404);
    expectProblem(await api.post('/api/v1/clients', { name: 'Sneaky' }, { token: member.token }), 404);
    expectProblem(await api.get('/api/v1/me', { token: member.token }), 404);
    expectProblem(await api.get('/api/v1/clients', { token: member.token, tenant: owner.tenantId }), 404);
    expectProblem(await api.del(`/api/v1/members/${member.userId}`, { token: owner.accessToken }), 404);
  });

  it('only a viewer can be limited to a client: clientId with any other role is 400 naming clientId', async () => {
    const owner = await register(api, 'Limits');
    const acme = await api.post('/api/v1/clients', { name: 'Acme' }, { token: owner.accessToken });
    expect(acme.status).toBe(201);

    const email = uniqueEmail('planner');
    expectProblem(await api.post('/api/v1/invitations', { email, role: 'planner', clientId: acme.body.id }, { token: owner.accessToken }), 400, 'clientId');
    const invitations = await api.get('/api/v1/invitations', { token: owner.accessToken });
    expect(invitations.body.items.map((i: { email: string }) => i.email)).not.toContain(email);

    const viewer = await addMember(api, owner, 'viewer', acme.body.id);
    expectProblem(await api.patch(`/api/v1/members/${viewer.userId}`, { role: 'planner', clientId: acme.body.id }, { token: owner.accessToken }), 400, 'clientId');
    expect((await members(api, owner)).find((m) => m.userId === viewer.userId)).toMatchObject({ role: 'viewer', clientId: acme.body.id });

    // Promoting the limited viewer without naming a client lifts the limit rather than failing.
    const promoted = await api.patch(`/api/v1/members/${viewer.userId}`, { role: 'planner' }, { token: owner.accessToken });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'planner', clientId: null });
  });

  it('every membership change is in the audit log with who did it and the state before and after', async () => {
    const owner = await register(api, 'Audited');
    const email = uniqueEmail('audited');
    const inv = await invite(api, owner, email, 'buyer');
    const acc = await api.post('/api/v1/invitations/accept', { token: inv.token, name: 'Audrey', password: PASSWORD });
    expect(acc.status).toBe(200);
    const userId = (await api.get('/api/v1/me', { token: acc.body.accessToken })).body.user.id;
    expect((await api.patch(`/api/v1/members/${userId}`, { role: 'analyst' }, { token: owner.accessToken })).status).toBe(200);
    const revokedInv = await invite(api, owner, uniqueEmail('withdrawn'), 'viewer');
    expect((await api.del(`/api/v1/invitations/${revokedInv.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await api.del(`/api/v1/members/${userId}`, { token: owner.accessToken })).status).toBe(204);

    const created = await auditOf(api, owner, 'invitation.create', inv.id);
    expect(created).toEqual([
      expect.objectContaining({ actorType: 'user', actorId: owner.userId, entityType: 'invitation', before: null, after: expect.objectContaining({ email, role: 'buyer' }) }),
    ]);
    // The invitation token is a secret: the trail must not carry it.
    expect(JSON.stringify(created)).not.toContain(inv.token);

    expect(await auditOf(api, owner, 'invitation.accept', userId)).toEqual([
      expect.objectContaining({ actorType: 'user', actorId: userId, entityType: 'member', after: expect.objectContaining({ email, role: 'buyer' }) }),
    ]);
    expect(await auditOf(api, owner, 'member.update', userId)).toEqual([
      expect.objectContaining({
        actorId: owner.userId,
        entityType: 'member',
        before: expect.objectContaining({ userId, email, role: 'buyer' }),
        after: expect.objectContaining({ userId, email, role: 'analyst' }),
      }),
    ]);
    expect(await auditOf(api, owner, 'invitation.revoke', revokedInv.id)).toEqual([
      expect.objectContaining({ actorId: owner.userId, entityType: 'invitation', before: expect.objectContaining({ id: revokedInv.id, role: 'viewer', acceptedAt: null }) }),
    ]);
    expect(await auditOf(api, owner, 'member.remove', userId)).toEqual([
      expect.objectContaining({ actorId: owner.userId, entityType: 'member', before: expect.objectContaining({ userId, email, role: 'analyst' }), after: null }),
    ]);
    const revokedCreate = await auditOf(api, owner, 'invitation.create', revokedInv.id);
    expect(JSON.stringify(revokedCreate)).not.toContain(revokedInv.token);
  });
});
