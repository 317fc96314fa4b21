// Queues the runs of report schedules that are due. Every worker runs one; they agree without
// talking: each locks the schedule row before queueing its slot, and (schedule, slot) is unique
// on the runs, so however many pods look, a slot makes one run. A schedule that was due while no
// worker ran fires once on the next pass, not once per missed slot.
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { reportSchedules } from '../db/schema.js';
import { Poller } from '../jobs/poller.js';
import { CreateReport } from '@mrm/contracts';
import { nextRun } from './cron.js';
import { createRun } from './runs.js';

export class ReportScheduler {
  private readonly poller: Poller;

  constructor(private readonly db: Database, private readonly logger: Logger, everyMs: number, private readonly now = () => new Date()) {
    this.poller = new Poller(() => this.pass(), { everyMs, logger, what: 'report scheduler pass' });
  }

  start(): void {
    this.poller.start();
  }

  /** Queues a run for every due schedule; returns how many this pass queued. */
  async pass(): Promise<number> {
    const now = this.now();
    const due = await this.db.run({ tenantId: null, relay: true }, (tx) =>
      tx
        .select({ id: reportSchedules.id, tenantId: reportSchedules.tenantId })
        .from(reportSchedules)
        .where(and(eq(reportSchedules.enabled, true), isNotNull(reportSchedules.nextRunAt), lte(reportSchedules.nextRunAt, now.toISOString())))
        .limit(200),
    );
    let queued = 0;
    for (const s of due) {
      try {
        queued += await this.fire(s.tenantId, s.id, now);
      } catch (err) {
        this.logger.warn({ schedule_id: s.id, err: (err as Error).message }, 'report schedule not queued');
      }
    }
    return queued;
  }

  private fire(tenantId: string, id: string, now: Date): Promise<number> {
    return this.db.run({ tenantId }, async (tx) => {
      const [s] = await tx.select().from(reportSchedules).where(and(eq(reportSchedules.tenantId, tenantId), eq(reportSchedules.id, id))).for('update');
      if (!s || !s.enabled || !s.nextRunAt || new Date(s.nextRunAt) > now) return 0;
      const slot = new Date(s.nextRunAt).toISOString();
      const next = nextRun(s.cron, s.timezone, now);
      await tx.update(reportSchedules).set({ nextRunAt: next.toISOString(), lastRunAt: sql`now()` }).where(and(eq(reportSchedules.tenantId, tenantId), eq(reportSchedules.id, id)));
      const report = CreateReport.safeParse({ type: s.type, format: s.format, locale: s.locale, params: s.params });
      if (!report.success) {
        this.logger.warn({ schedule_id: id, err: report.error.issues[0]?.message }, 'report schedule has parameters that are no longer valid');
        return 0;
      }
      const run = await createRun(tx, { tenantId, clientId: s.clientId, report: report.data, locale: s.locale === 'en' ? 'en' : 'ru', requestedBy: s.createdBy, schedule: { id, slot, recipients: s.recipients } });
      return run ? 1 : 0;
    });
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }
}
