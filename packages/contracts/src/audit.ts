import { z } from 'zod';
import { PageQuery, Uuid } from './common.js';

export const AuditEntry = z.object({
  id: Uuid,
  actorType: z.enum(['user', 'oauth_client', 'client_link', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export const AuditList = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export const AuditListQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
});
