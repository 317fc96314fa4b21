import { Injectable } from '@nestjs/common';
import { actorOf } from '../audit/audit.service.js';
import { LineItemInput } from '@mrm/contracts';
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../common/context.js';
import { ProblemException } from '../common/problem.js';
import { fieldErrors } from '../common/problem.filter.js';
import { clients, tenants, users } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { exportWorkbook, importRows } from './io/xlsx.js';
import { fromStandardDocument, toStandardDocument, validateStandardDocument } from './io/standard.js';
import { applyRows, type RowInput } from './lineitems.service.js';
import { toLineItem } from './lineitems.mapper.js';
import { plansRepository as plans } from './plans.repository.js';
import { toPlan } from './plans.schema.js';
import { applyChange, mustGet, mustLock } from './plans.service.js';
import { computeTotals } from './totals.js';
import { versionRow, type Snapshot } from './versions.service.js';

export type ImportKind = 'xlsx' | 'csv' | 'json';
type FieldError = { field: string; message: string; row?: number; column?: string };

const refuse = (detail: string, errors: FieldError[]) => new ProblemException(400, 'import-invalid', detail, errors);

/** Plans in and out of files: the open standard's JSON and Excel (or CSV) as planners keep them. */
@Injectable()
export class TransferService {
  constructor(private readonly tenancy: Tenancy) {}

  /** The plan as it is now, or one frozen version, as an .xlsx workbook or an open-standard document. */
  export(ctx: RequestContext, planId: string, opts: { format: 'xlsx' | 'json'; version?: number; locale: 'ru' | 'en' }) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const row = await mustGet(tx, access, planId);
      const current = toPlan(row);
      let plan = current;
      let lines;
      let totals;
      if (opts.version) {
        const v = await versionRow(tx, access.tenantId, planId, opts.version);
        if (!v) throw new ProblemException(404, 'not-found', `Version ${opts.version} was not found.`, [{ field: 'version', message: 'no such version' }]);
        const snap = v.snapshot as Snapshot;
        plan = { ...current, ...snap.plan, status: v.status === 'approved' ? 'approved' : current.status };
        lines = snap.lineItems;
        totals = v.totals as ReturnType<typeof computeTotals>;
      } else {
        const rows = await plans.lines(tx, access.tenantId, planId);
        lines = rows.map(toLineItem);
        totals = computeTotals(rows, row);
      }
      const [names] = await tx
        .select({ agency: tenants.name, client: clients.name })
        .from(tenants)
        .innerJoin(clients, eq(clients.tenantId, tenants.id))
        .where(and(eq(tenants.id, access.tenantId), eq(clients.id, row.clientId)));
      const version = opts.version ? ` v${opts.version}` : '';
      if (opts.format === 'json') {
        const [me] = access.actorType === 'user' ? await tx.select({ name: users.name }).from(users).where(eq(users.id, access.actorId)) : [];
        const doc = toStandardDocument(plan, lines, {
          documentId: `${planId}${opts.version ? `-v${opts.version}` : ''}`,
          createdByName: me?.name ?? 'API client',
          createdById: access.actorId,
          createdAt: new Date(),
          comments: plan.notes ?? undefined,
          clientName: names?.client,
          agencyName: names?.agency,
        });
        return { body: JSON.stringify(doc, null, 2), type: 'application/json; charset=utf-8', filename: `${plan.name}${version}.json` };
      }
      const body = await exportWorkbook(plan, lines, totals, { locale: opts.locale, clientName: names?.client });
      return { body, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${plan.name}${version}.xlsx` };
    });
  }

  /**
   * Reads a file into line items and applies them all or not at all. Every bad cell or JSON path is
   * reported; a dry run shows the column mapping and the problems without changing anything.
   */
  async import(ctx: RequestContext, planId: string, kind: ImportKind, body: unknown, opts: { mode: 'append' | 'replace'; dryRun: boolean; mapping?: Record<string, string> }) {
    // Another tenant's plan is a 404 whatever the file holds; the file is read outside any lock.
    await this.tenancy.run(ctx, (tx, access) => mustGet(tx, access, planId));
    const parsed = await this.read(kind, body, opts.mapping);
    const items: RowInput[] = [];
    const errors: FieldError[] = [];
    parsed.lineItems.forEach((item, i) => {
      const check = LineItemInput.safeParse(item);
      if (!check.success) for (const e of fieldErrors(check.error)) errors.push({ ...e, field: parsed.where(i, e.field) });
      else items.push({ ...(check.data as RowInput), ...(opts.mode === 'replace' && parsed.ids[i] ? { id: parsed.ids[i]! } : {}) });
    });
    if (errors.length) throw refuse(`${errors.length} problem(s) in the file; nothing was changed.`, errors);
    const summary = { format: kind, rows: items.length, mapping: parsed.mapping };
    if (opts.dryRun) return { ...summary, applied: false, created: 0, updated: 0, deleted: 0 };
    return this.tenancy.run(ctx, async (tx, access) => {
      const plan = await mustLock(tx, access, planId);
      // Ids from an export of another plan name nothing here: those rows are created afresh.
      const mine = new Set((await plans.lines(tx, access.tenantId, planId)).map((l) => l.id));
      const rows = items.map((r) => (r.id && !mine.has(r.id) ? { ...r, id: undefined } : r));
      const result = await applyRows(tx, access, plan, rows, opts.mode === 'replace');
      if (opts.mode === 'replace' && parsed.plan) {
        const fresh = (await plans.get(tx, access.tenantId, planId))!;
        await applyChange(tx, actorOf(access), fresh, 'edit', parsed.plan, 'plan.import');
      }
      return { ...summary, applied: true, created: result.created, updated: result.updated, deleted: result.deleted };
    });
  }

  private async read(kind: ImportKind, body: unknown, mapping?: Record<string, string>) {
    if (kind === 'json') {
      const issues = validateStandardDocument(body);
      if (issues.length) throw refuse(`The document does not follow the Media Plan Open Data Standard v3.0 (${issues.length} problem(s)); nothing was changed.`, issues.map((i) => ({ field: i.path === '' || i.path === '/' ? '(body)' : i.path, message: i.message })));
      const { plan, lineItems } = fromStandardDocument(body);
      const planPatch = Object.fromEntries(
        Object.entries({ budget: plan.budget, startDate: plan.startDate, endDate: plan.endDate, notes: plan.notes, vatRate: plan.vatRate, agencyCommission: plan.agencyCommission, ...(plan.currency ? { currency: plan.currency } : {}) }).filter(([, v]) => v !== undefined),
      );
      return { lineItems, ids: lineItems.map(() => null), mapping: {}, plan: planPatch, where: (i: number, f: string) => `/lineitems/${i}/${f}` };
    }
    if (!Buffer.isBuffer(body) || body.length === 0) throw refuse('The request body is empty; send the file itself.', [{ field: '(body)', message: 'empty' }]);
    const result = await importRows(body, { kind, mapping });
    if (result.errors.length) {
      throw refuse(
        `${result.errors.length} problem(s) in the file; nothing was changed.`,
        result.errors.map((e) => ({ field: e.column || '(file)', message: e.message, row: e.row, column: e.column })),
      );
    }
    return { lineItems: result.lineItems, ids: result.lineIds, mapping: result.mapping, plan: null, where: (i: number, f: string) => `items.${i}.${f}` };
  }
}
