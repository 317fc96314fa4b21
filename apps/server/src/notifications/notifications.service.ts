import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { notificationReads, notifications } from '../db/schema.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';

// A notice is for the whole workspace (user_id null) or for one member; read marks are per member.
const visibleTo = (access: Access) =>
  and(eq(notifications.tenantId, access.tenantId), access.actorType === 'user' ? or(isNull(notifications.userId), eq(notifications.userId, access.actorId)) : isNull(notifications.userId));

const readerOf = (access: Access) => (access.actorType === 'user' ? access.actorId : null);

@Injectable()
export class NotificationsService {
  constructor(private readonly tenancy: Tenancy) {}

  /** Read from the primary: the count must drop the moment a member marks something read. */
  list(ctx: RequestContext, q: { unread?: boolean; limit: number }) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const reader = readerOf(access);
      // An API client has no read marks: everything stays unread for it.
      const mine = and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, reader ?? sql`null`));
      const rows = await tx.select({ n: notifications, readAt: notificationReads.readAt }).from(notifications).leftJoin(notificationReads, mine)
        .where(and(visibleTo(access), q.unread ? isNull(notificationReads.readAt) : undefined))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit);
      const [{ unread }] = await tx.select({ unread: count() }).from(notifications).leftJoin(notificationReads, mine).where(and(visibleTo(access), isNull(notificationReads.readAt)));
      return {
        items: rows.map(({ n, readAt }) => ({ id: n.id, kind: n.kind, entity: n.entity, payload: n.payload, createdAt: n.createdAt, readAt })),
        unreadCount: Number(unread),
      };
    });
  }

  /** Marks one notification (or, without an id, every visible one) read for the caller. */
  markRead(ctx: RequestContext, id?: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const reader = readerOf(access);
      if (!reader) throw new ProblemException(403, 'forbidden', 'Read marks belong to people; an API client has none.', [{ field: 'Authorization', message: 'sign in as a member' }]);
      const ids = await visibleIds(tx, access, id);
      if (id && !ids.length) throw notFound('Notification');
      if (!ids.length) return;
      await tx.insert(notificationReads)
        .values(ids.map((notificationId) => ({ tenantId: access.tenantId, notificationId, userId: reader })))
        .onConflictDoNothing();
    });
  }
}

async function visibleIds(tx: Tx, access: Access, id?: string): Promise<string[]> {
  const rows = await tx.select({ id: notifications.id }).from(notifications).where(and(visibleTo(access), id ? eq(notifications.id, id) : undefined));
  return rows.map((r) => r.id);
}
