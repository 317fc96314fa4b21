import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import type { CreateReport } from '@mrm/contracts';
import { audit, actorOf } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { isoReq, iso } from '../common/http.js';
import { notFound } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { reportSchedules } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';
import { checkReport } from './check.js';
import { nextRun } from './cron.js';
import { userLocale } from './runs.js';

type Row = typeof reportSchedules.$inferSelect;

export interface ScheduleInput {
  name: string;
  report: CreateReport;
  cron: string;
  timezone: string;
  recipients: string[];
  enabled: boolean;
}

const toSchedule = (r: Row) => ({
  id: r.id,
  name: r.name,
  report: { type: r.type as CreateReport['type'], format: r.format as CreateReport['format'], locale: r.locale as 'ru' | 'en', params: r.params },
  clientId: r.clientId,
  cron: r.cron,
  timezone: r.timezone,
  recipients: r.recipients,
  enabled: r.enabled,
  nextRunAt: iso(r.nextRunAt),
  lastRunAt: iso(r.lastRunAt),
  createdAt: isoReq(r.createdAt),
  updatedAt: isoReq(r.updatedAt),
});

const dedupe = (emails: string[]) => [...new Map(emails.map((e) => [e.trim().toLowerCase(), e.trim()] as const).reverse()).values()].reverse();

@Injectable()
export class SchedulesService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(ctx: RequestContext) {
    return this.tenancy.run(ctx, async (tx, access) => ({
      items: (await tx.select().from(reportSchedules).where(eq(reportSchedules.tenantId, access.tenantId)).orderBy(desc(reportSchedules.createdAt)).limit(500)).map(toSchedule),
    }));
  }

  async get(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => toSchedule(await this.mustGet(tx, access.tenantId, id)));
  }

  private async mustGet(tx: Tx, tenantId: string, id: string): Promise<Row> {
    const [row] = await tx.select().from(reportSchedules).where(and(eq(reportSchedules.tenantId, tenantId), eq(reportSchedules.id, id)));
    if (!row) throw notFound('Report schedule');
    return row;
  }

  async create(ctx: RequestContext, input: ScheduleInput) {
    // Inside the transaction: the workspace and the caller's access are checked before the body is.
    return this.tenancy.run(ctx, async (tx, access) => {
      const next = nextRun(input.cron, input.timezone, new Date());
      const { clientId } = await checkReport(tx, access.tenantId, input.report, 'report.');
      const locale = input.report.locale ?? (await userLocale(tx, access.actorType === 'user' ? access.actorId : null));
      const [row] = await tx
        .insert(reportSchedules)
        .values({
          id: randomUUID(), tenantId: access.tenantId, clientId, name: input.name, type: input.report.type, format: input.report.format, params: input.report.params as Record<string, unknown>,
          locale, cron: input.cron.trim(), timezone: input.timezone, recipients: dedupe(input.recipients), enabled: input.enabled,
          nextRunAt: input.enabled ? next.toISOString() : null, createdBy: access.actorType === 'user' ? access.actorId : null,
        })
        .returning();
      await audit(tx, actorOf(access), { action: 'report_schedule.create', entityType: 'report_schedule', entityId: row.id, after: toSchedule(row) });
      return toSchedule(row);
    });
  }

  async update(ctx: RequestContext, id: string, patch: Partial<ScheduleInput>) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await this.mustGet(tx, access.tenantId, id);
      const cron = patch.cron?.trim() ?? current.cron;
      const timezone = patch.timezone ?? current.timezone;
      const enabled = patch.enabled ?? current.enabled;
      const next = nextRun(cron, timezone, new Date());
      const set: Partial<typeof reportSchedules.$inferInsert> = { cron, timezone, enabled, nextRunAt: enabled ? next.toISOString() : null, updatedAt: new Date().toISOString() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.recipients !== undefined) set.recipients = dedupe(patch.recipients);
      if (patch.report !== undefined) {
        const { clientId } = await checkReport(tx, access.tenantId, patch.report, 'report.');
        Object.assign(set, { clientId, type: patch.report.type, format: patch.report.format, params: patch.report.params, locale: patch.report.locale ?? current.locale });
      }
      const [row] = await tx.update(reportSchedules).set(set).where(and(eq(reportSchedules.tenantId, access.tenantId), eq(reportSchedules.id, id))).returning();
      await audit(tx, actorOf(access), { action: 'report_schedule.update', entityType: 'report_schedule', entityId: id, before: toSchedule(current), after: toSchedule(row) });
      return toSchedule(row);
    });
  }

  async remove(ctx: RequestContext, id: string) {
    await this.tenancy.run(ctx, async (tx, access) => {
      const current = await this.mustGet(tx, access.tenantId, id);
      await tx.delete(reportSchedules).where(and(eq(reportSchedules.tenantId, access.tenantId), eq(reportSchedules.id, id)));
      await audit(tx, actorOf(access), { action: 'report_schedule.delete', entityType: 'report_schedule', entityId: id, before: toSchedule(current) });
    });
  }
}
