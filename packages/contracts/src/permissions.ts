// The one place that says what each role may do. Machine clients get scopes named like these
// permissions, never more than the admin who created them holds.
export const ROLES = ['owner', 'admin', 'planner', 'buyer', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'clients:read',
  'clients:write',
  'projects:read',
  'projects:write',
  'members:read',
  'members:manage',
  'oauth-clients:manage',
  'audit:read',
  'metrics:read',
  'jobs:manage',
  'connections:read',
  'connections:manage',
  'actuals:upload',
  'plans:read',
  'plans:write',
  'plans:approve',
  'plans:share',
  'plans:comment',
  'reports:read',
  'reports:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['clients:read', 'projects:read', 'members:read', 'plans:read', 'connections:read', 'reports:read'];

// Planners build and submit plans and share them with clients; approving is for owners and
// admins, so nobody signs off their own work by default.
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  planner: [...READ, 'clients:write', 'projects:write', 'plans:write', 'plans:share', 'plans:comment', 'reports:write'],
  buyer: [...READ, 'projects:write', 'plans:comment', 'connections:manage', 'actuals:upload', 'reports:write'],
  analyst: [...READ, 'audit:read', 'plans:comment', 'actuals:upload', 'reports:write'],
  viewer: READ,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles an actor of `role` may hand out: nobody grants more than they hold, only owners make owners. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return [...ROLES];
  if (role === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}
