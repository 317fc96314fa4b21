import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@mrm/contracts';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addMember, client, expectProblem, register, uniqueEmail, type Api, type Reply, type Workspace } from './helpers.js';

const tag = () => randomBytes(4).toString('hex');

async function createClient(api: Api, owner: Workspace, name: string): Promise<{ id: string; etag: string }> {
  const res = await api.post('/api/v1/clients', { name }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, etag: res.headers.get('etag')! };
}

async function createProject(api: Api, owner: Workspace, clientId: string, name: string): Promise<{ id: string; etag: string }> {
  const res = await api.post('/api/v1/projects', { clientId, name }, { token: owner.accessToken });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, etag: res.headers.get('etag')! };
}

const ids = (reply: Reply) => (reply.body.items as Array<{ id: string }>).map((i) => i.id);

describe.each(['postgres', 'pglite'] as const)('role permissions on %s', (backend) => {
  const api = client(inject('backends')[backend].url);
  let owner: Workspace;

  beforeAll(async () => {
    owner = await register(api, 'Roles');
  });

  it.each(ROLES)('%s may do exactly what ROLE_PERMISSIONS grants it, and is refused the rest with 403', async (role: Role) => {
    const may = (p: Permission) => ROLE_PERMISSIONS[role].includes(p);
    const member = await addMember(api, owner, role);
    const token = member.token;
    const target = await createClient(api, owner, `Target ${role} ${tag()}`);
    const project = await createProject(api, owner, target.id, `Plan ${role} ${tag()}`);

    const me = await api.get('/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe(role);
    expect([...me.body.permissions].sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());

    // clients:read
    const list = await api.get('/api/v1/clients?limit=200', { token });
    if (may('clients:read')) {
      expect(list.status).toBe(200);
      expect(ids(list)).toContain(target.id);
    } else expectProblem(list, 403);

    // clients:write — create
    const clientName = `Made by ${role} ${tag()}`;
    const created = await api.post('/api/v1/clients', { name: clientName }, { token });
    const byName = await api.get(`/api/v1/clients?q=${encodeURIComponent(clientName)}`, { token: owner.accessToken });
    if (may('clients:write')) {
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.name).toBe(clientName);
      expect(byName.body.items).toHaveLength(1);
    } else {
      expectProblem(created, 403);
      expect(byName.body.items).toHaveLength(0);
    }

    // clients:write — update
    const patched = await api.patch(`/api/v1/clients/${target.id}`, { industry: 'Retail' }, { token, headers: { 'if-match': target.etag } });
    const clientNow = await api.get(`/api/v1/clients/${target.id}`, { token: owner.accessToken });
    if (may('clients:write')) {
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(clientNow.body).toMatchObject({ industry: 'Retail', version: 2 });
    } else {
      expectProblem(patched, 403);
      expect(clientNow.body).toMatchObject({ industry: null, version: 1 });
    }

    // projects:write — create
    const projectName = `Project by ${role} ${tag()}`;
    const newProject = await api.post('/api/v1/projects', { clientId: target.id, name: projectName }, { token });
    const projects = await api.get(`/api/v1/projects?clientId=${target.id}`, { token: owner.accessToken });
    if (may('projects:write')) {
      expect(newProject.status, JSON.stringify(newProject.body)).toBe(201);
      expect(newProject.body).toMatchObject({ name: projectName, clientId: target.id });
      expect(ids(projects)).toContain(newProject.body.id);
    } else {
      expectProblem(newProject, 403);
      expect(ids(projects)).toEqual([project.id]);
    }

    // projects:write — update
    const projectPatch = await api.patch(`/api/v1/projects/${project.id}`, { budget: '1500.50' }, { token, headers: { 'if-match': project.etag } });
    const projectNow = await api.get(`/api/v1/projects/${project.id}`, { token: owner.accessToken });
    if (may('projects:write')) {
      expect(projectPatch.status, JSON.stringify(projectPatch.body)).toBe(200);
      expect(projectNow.body).toMatchObject({ budget: '1500.50', version: 2 });
    } else {
      expectProblem(projectPatch, 403);
      expect(projectNow.body).toMatchObject({ budget: null, version: 1 });
    }

    // members:read
    const members = await api.get('/api/v1/members', { token });
    if (may('members:read')) {
      expect(members.status).toBe(200);
      const userIds = (members.body.items as Array<{ userId: string }>).map((m) => m.userId);
      expect(userIds).toEqual(expect.arrayContaining([owner.userId, member.userId]));
    } else expectProblem(members, 403);

    // members:manage
    const inviteeEmail = uniqueEmail('invitee');
    const invite = await api.post('/api/v1/invitations', { email: inviteeEmail, role: 'viewer' }, { token });
    const invitations = await api.get('/api/v1/invitations', { token: owner.accessToken });
    const invited = (invitations.body.items as Array<{ email: string }>).some((i) => i.email === inviteeEmail);
    if (may('members:manage')) {
      expect(invite.status, JSON.stringify(invite.body)).toBe(201);
      expect(invite.body.token).toEqual(expect.any(String));
      expect(invited).toBe(true);
    } else {
      expectProblem(invite, 403);
      expect(invited).toBe(false);
    }

    // oauth-clients:manage
    const appName = `Integration of ${role} ${tag()}`;
    const app = await api.post('/api/v1/oauth-clients', { name: appName, scopes: ['clients:read'] }, { token });
    const apps = await api.get('/api/v1/oauth-clients', { token: owner.accessToken });
    const appExists = (apps.body.items as Array<{ name: string }>).some((a) => a.name === appName);
    if (may('oauth-clients:manage')) {
      expect(app.status, JSON.stringify(app.body)).toBe(201);
      expect(app.body.clientSecret).toEqual(expect.any(String));
      expect(appExists).toBe(true);
    } else {
      expectProblem(app, 403);
      expect(appExists).toBe(false);
    }

    // audit:read
    const log = await api.get(`/api/v1/audit-log?entityId=${member.userId}&action=invitation.accept`, { token });
    if (may('audit:read')) {
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([expect.objectContaining({ action: 'invitation.accept', entityId: member.userId, actorId: member.userId })]);
    } else expectProblem(log, 403);
  });

  it('a viewer limited to one client sees only that client and its projects', async () => {
    const boss = await register(api, 'Scoped');
    const mine = await createClient(api, boss, 'Visible client');
    const other = await createClient(api, boss, 'Hidden client');
    const myProject = await createProject(api, boss, mine.id, 'Visible project');
    const otherProject = await createProject(api, boss, other.id, 'Hidden project');

    const limited = await addMember(api, boss, 'viewer', mine.id);
    const open = await addMember(api, boss, 'viewer');

    const me = await api.get('/api/v1/me', { token: limited.token });
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId: boss.tenantId, role: 'viewer', clientId: mine.id })]);

    // The unlimited viewer in the same workspace sees both, so the limit is the membership's doing.
    expect(ids(await api.get('/api/v1/clients', { token: open.token })).sort()).toEqual([mine.id, other.id].sort());
    expect(ids(await api.get('/api/v1/projects', { token: open.token })).sort()).toEqual([myProject.id, otherProject.id].sort());

    const clients = await api.get('/api/v1/clients', { token: limited.token });
    expect(clients.status).toBe(200);
    expect(ids(clients)).toEqual([mine.id]);
    const projects = await api.get('/api/v1/projects', { token: limited.token });
    expect(projects.status).toBe(200);
    expect(ids(projects)).toEqual([myProject.id]);
    const filtered = await api.get(`/api/v1/projects?clientId=${other.id}`, { token: limited.token });
    expect(filtered.status).toBe(200);
    expect(filtered.body.items).toEqual([]);

    expect((await api.get(`/api/v1/clients/${mine.id}`, { token: limited.token })).status).toBe(200);
    expect((await api.get(`/api/v1/projects/${myProject.id}`, { token: limited.token })).status).toBe(200);
    expectProblem(await api.get(`/api/v1/clients/${other.id}`, { token: limited.token }), 404);
    expectProblem(await api.get(`/api/v1/projects/${otherProject.id}`, { token: limited.token }), 404);
  });
});
