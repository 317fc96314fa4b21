import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LineItem } from '@mrm/contracts';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { actorOf, audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { etagOf, requireIfMatch } from '../common/http.js';
import { invalid, notFound, ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { lineItems } from '../db/schema.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { mergeFields, toColumns, toLineItem, type LineInsert, type LineRow } from './lineitems.mapper.js';
import { plansRepository as plans, type PlanRow } from './plans.repository.js';
import type { BulkUpsertDto, LineItemInputDto, LineItemPatchDto } from './plans.schema.js';
import { applyChange, mustGet, mustLock } from './plans.service.js';

// Inserts go in chunks: PostgreSQL takes at most 65,535 parameters in one statement.
const CHUNK = 1000;

/** Editing a line reopens an approved or live plan as a new draft revision; in review it is frozen. */
async function openForEdit(tx: Tx, access: Access, plan: PlanRow): Promise<void> {
  if (plan.status !== 'draft') await applyChange(tx, actorOf(access), plan, 'edit', {}, 'plan.update');
}

function newRow(access: Access, plan: PlanRow, input: Partial<LineItem>, position: number, id = randomUUID()): LineInsert {
  return {
    id,
    tenantId: access.tenantId,
    clientId: plan.clientId,
    planId: plan.id,
    position,
    ...(toColumns(input) as Required<Pick<LineInsert, 'name' | 'startDate' | 'endDate' | 'costTotal'>>),
    fields: mergeFields({}, input),
  };
}

async function insertRows(tx: Tx, rows: LineInsert[]): Promise<LineRow[]> {
  const out: LineRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await tx.insert(lineItems).values(rows.slice(i, i + CHUNK)).returning()));
  return out;
}

@Injectable()
export class LineItemsService {
  constructor(private readonly tenancy: Tenancy) {}

  list(ctx: RequestContext, planId: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, planId);
      return { items: (await plans.lines(tx, access.tenantId, planId)).map(toLineItem) };
    });
  }

  create(ctx: RequestContext, planId: string, body: LineItemInputDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      await openForEdit(tx, access, plan);
      const [{ last }] = await tx.select({ last: max(lineItems.position) }).from(lineItems).where(and(eq(lineItems.tenantId, access.tenantId), eq(lineItems.planId, planId)));
      const [row] = await insertRows(tx, [newRow(access, plan, body as Partial<LineItem>, (last ?? -1) + 1)]);
      const item = toLineItem(row);
      await audit(tx, actorOf(access), { action: 'line_item.create', entityType: 'line_item', entityId: row.id, after: item });
      return item;
    });
  }

  update(ctx: RequestContext, planId: string, id: string, ifMatch: string | undefined, body: LineItemPatchDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      const [current] = await plans.linesByIds(tx, access.tenantId, planId, [id]);
      if (!current) throw notFound('Line item');
      requireIfMatch(ifMatch, current.version);
      const input = body as Partial<LineItem>;
      const start = input.startDate ?? current.startDate;
      const end = input.endDate ?? current.endDate;
      if (end < start) throw invalid('endDate', 'must not be before startDate');
      await openForEdit(tx, access, plan);
      const [row] = await tx
        .update(lineItems)
        .set({ ...toColumns(input), fields: mergeFields(current.fields, input), version: sql`${lineItems.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(lineItems.tenantId, access.tenantId), eq(lineItems.id, id)))
        .returning();
      const item = toLineItem(row);
      await audit(tx, actorOf(access), { action: 'line_item.update', entityType: 'line_item', entityId: id, before: toLineItem(current), after: item });
      return item;
    });
  }

  remove(ctx: RequestContext, planId: string, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      const [current] = await plans.linesByIds(tx, access.tenantId, planId, [id]);
      if (!current) throw notFound('Line item');
      await openForEdit(tx, access, plan);
      await tx.delete(lineItems).where(and(eq(lineItems.tenantId, access.tenantId), eq(lineItems.id, id)));
      await audit(tx, actorOf(access), { action: 'line_item.delete', entityType: 'line_item', entityId: id, before: toLineItem(current) });
    });
  }

  /**
   * Up to 5,000 rows in one transaction: all of them apply or none does. Rows with an id update
   * that line (their version, when given, must be current); rows without create lines. Every
   * problem is reported with its row number before anything is written.
   */
  bulkUpsert(ctx: RequestContext, planId: string, body: BulkUpsertDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      const result = await applyRows(tx, access, plan, body.items, body.deleteMissing);
      return { ...result, items: result.items.map(toLineItem) };
    });
  }
}

export type RowInput = Partial<LineItem> & { id?: string; version?: number };

/**
 * The bulk write behind the bulk endpoint and file imports, on a plan already locked by the caller.
 * Checks every row first (unknown or repeated ids, stale versions, date order on the merged row),
 * then rewrites updated lines whole (same id, next version) and inserts new ones in chunks.
 */
export async function applyRows(tx: Tx, access: Access, plan: PlanRow, items: readonly RowInput[], replacing: boolean) {
  const existing = await plans.lines(tx, access.tenantId, plan.id);
  const byId = new Map(existing.map((l) => [l.id, l]));
  const errors: Array<{ field: string; message: string }> = [];
  const stale: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!item.id) return;
    const current = byId.get(item.id);
    if (!current) errors.push({ field: `items.${i}.id`, message: 'no such line in this plan' });
    else if (seen.has(item.id)) errors.push({ field: `items.${i}.id`, message: 'the same line appears twice' });
    else if (item.version !== undefined && item.version !== current.version) stale.push({ field: `items.${i}.version`, message: `the line changed since (now ${etagOf(current.version)})` });
    seen.add(item.id);
  });
  if (errors.length) throw new ProblemException(400, 'validation', `${errors.length} row(s) are invalid; nothing was changed.`, errors);
  if (stale.length) throw new ProblemException(412, 'stale-etag', `${stale.length} row(s) changed since you read them; nothing was changed.`, stale);

  let next = replacing ? 0 : existing.reduce((m, l) => Math.max(m, l.position + 1), 0);
  const rows: LineInsert[] = items.map((item, i) => {
    const { id, version: _v, ...input } = item;
    const current = id ? byId.get(id) : undefined;
    if (!current) return newRow(access, plan, input, replacing ? i : next++);
    return {
      ...current,
      ...toColumns(input),
      fields: mergeFields(current.fields, input),
      position: replacing ? i : current.position,
      version: current.version + 1,
      updatedAt: new Date().toISOString(),
    };
  });
  // Dates are checked on the merged row: an update may change only one end of the range.
  const badDates = rows.flatMap((r, i) => (r.endDate! < r.startDate! ? [{ field: `items.${i}.endDate`, message: 'must not be before startDate' }] : []));
  if (badDates.length) throw new ProblemException(400, 'validation', `${badDates.length} row(s) are invalid; nothing was changed.`, badDates);
  await openForEdit(tx, access, plan);

  const rewritten = [...seen];
  const removed = replacing ? existing.filter((l) => !seen.has(l.id)).map((l) => l.id) : [];
  const gone = [...rewritten, ...removed];
  for (let i = 0; i < gone.length; i += CHUNK) {
    await tx.delete(lineItems).where(and(eq(lineItems.tenantId, access.tenantId), eq(lineItems.planId, plan.id), inArray(lineItems.id, gone.slice(i, i + CHUNK))));
  }
  const saved = (await insertRows(tx, rows)).sort((a, b) => a.position - b.position);
  const result = { created: rows.length - rewritten.length, updated: rewritten.length, deleted: removed.length };
  await audit(tx, actorOf(access), { action: 'line_item.bulk_upsert', entityType: 'media_plan', entityId: plan.id, after: { ...result, ids: saved.map((s) => s.id) } });
  return { ...result, items: saved };
}
