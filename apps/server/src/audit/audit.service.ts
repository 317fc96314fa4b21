import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.js';
import { auditLog } from '../db/schema.js';

export interface AuditActor {
  tenantId: string;
  actorType: 'user' | 'oauth_client' | 'client_link' | 'system';
  actorId: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it records: no change without its trail. */
export async function audit(tx: Tx, actor: AuditActor, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values({
    id: randomUUID(),
    tenantId: actor.tenantId,
    actorType: actor.actorType,
    actorId: actor.actorId,
    requestId: actor.requestId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}

export const actorOf = (a: { tenantId: string; actorType: 'user' | 'oauth_client'; actorId: string; requestId: string }): AuditActor => ({
  tenantId: a.tenantId,
  actorType: a.actorType,
  actorId: a.actorId,
  requestId: a.requestId,
});
