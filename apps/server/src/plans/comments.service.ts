import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { actorOf, audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { isoReq } from '../common/http.js';
import { ProblemException } from '../common/problem.js';
import { memberships, planComments, users } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { plansRepository as plans } from './plans.repository.js';
import { mustGet } from './plans.service.js';

type CommentRow = typeof planComments.$inferSelect;
const toComment = (c: CommentRow) => ({ id: c.id, lineItemId: c.lineItemId, authorId: c.authorId, authorName: c.authorName, body: c.body, mentions: c.mentions, createdAt: isoReq(c.createdAt) });

/** Discussion on a plan or one of its lines; mentions name members (they are notified once email lands). */
@Injectable()
export class CommentsService {
  constructor(private readonly tenancy: Tenancy) {}

  create(ctx: RequestContext, planId: string, body: { body: string; lineItemId?: string; mentions?: string[] }) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustGet(tx, access, planId);
      const errors: Array<{ field: string; message: string }> = [];
      if (body.lineItemId && (await plans.linesByIds(tx, access.tenantId, planId, [body.lineItemId])).length === 0) {
        errors.push({ field: 'lineItemId', message: 'no such line in this plan' });
      }
      const mentions = [...new Set(body.mentions ?? [])];
      if (mentions.length) {
        const found = new Set((await tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, access.tenantId), inArray(memberships.userId, mentions)))).map((m) => m.id));
        mentions.forEach((id, i) => found.has(id) || errors.push({ field: `mentions.${i}`, message: 'not a member of this workspace' }));
      }
      if (errors.length) throw new ProblemException(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      const [author] = access.actorType === 'user' ? await tx.select({ name: users.name }).from(users).where(eq(users.id, access.actorId)) : [];
      const [row] = await tx
        .insert(planComments)
        .values({ id: randomUUID(), tenantId: access.tenantId, clientId: plan.clientId, planId, lineItemId: body.lineItemId ?? null, authorId: access.actorType === 'user' ? access.actorId : null, authorName: author?.name ?? 'API client', body: body.body, mentions })
        .returning();
      await audit(tx, actorOf(access), { action: 'comment.create', entityType: 'plan_comment', entityId: row.id, after: toComment(row) });
      return toComment(row);
    });
  }

  list(ctx: RequestContext, planId: string, lineItemId?: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      const rows = await tx
        .select()
        .from(planComments)
        .where(and(eq(planComments.tenantId, access.tenantId), eq(planComments.planId, planId), lineItemId ? eq(planComments.lineItemId, lineItemId) : undefined))
        .orderBy(asc(planComments.createdAt));
      return { items: rows.map(toComment) };
    });
  }
}
