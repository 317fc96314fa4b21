import { describe, expect, it } from 'vitest';
import { assignableRoles, can, CreateProjectRequest, CreateClientRequest, ROLES, ROLE_PERMISSIONS, ClientListQuery } from './index.js';

describe('role map', () => {
  it('lets only owners and admins manage people, machine clients and read the audit trail beyond analysts', () => {
    for (const role of ROLES) {
      expect(can(role, 'members:manage')).toBe(role === 'owner' || role === 'admin');
      expect(can(role, 'oauth-clients:manage')).toBe(role === 'owner' || role === 'admin');
    }
    expect(ROLE_PERMISSIONS.viewer.every((p) => p.endsWith(':read'))).toBe(true);
  });

  it('never lets anyone grant a role above their own', () => {
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('owner')).toContain('owner');
    expect(assignableRoles('planner')).toEqual([]);
  });
});

describe('request schemas', () => {
  it('reject unknown fields and name them', () => {
    const r = CreateClientRequest.safeParse({ name: 'A', colour: 'red' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('colour');
  });

  it('put a date-order error on endDate', () => {
    const r = CreateProjectRequest.safeParse({ clientId: crypto.randomUUID(), name: 'P', startDate: '2027-02-01', endDate: '2027-01-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['endDate']);
  });

  it('keeps money as decimal strings with at most two decimals', () => {
    const base = { clientId: crypto.randomUUID(), name: 'P' };
    expect(CreateProjectRequest.safeParse({ ...base, budget: '10.5' }).success).toBe(true);
    expect(CreateProjectRequest.safeParse({ ...base, budget: 10.5 }).success).toBe(false);
    expect(CreateProjectRequest.safeParse({ ...base, budget: '10.555' }).success).toBe(false);
  });

  it('coerce and bound page sizes from the query string', () => {
    expect(ClientListQuery.parse({ limit: '20' }).limit).toBe(20);
    expect(ClientListQuery.safeParse({ limit: '500' }).success).toBe(false);
    expect(ClientListQuery.parse({}).sort).toBe('name');
  });
});
