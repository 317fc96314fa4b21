// Builds a report in the worker: reads what the run names, lays it out in its format, stores the
// file, and in one transaction marks the run done, notifies the requester and queues the email.
// A worker killed half way leaves the run `running`; the job is taken up again from the start
// and writes the same object key, so the run ends done once and the email is queued once.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { CreateReport } from '@mrm/contracts';
import type { DailyStatsRepository } from '../analytics/index.js';
import { todayUtc } from '../connectors/index.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { notifications, reportRuns } from '../db/schema.js';
import { JOBS } from '../jobs/catalogue.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import { enqueue } from '../jobs/outbox.js';
import type { Metrics } from '../ops/metrics.js';
import { lineFigures, performanceReport } from '../performance/performance.maths.js';
import { perfLine, planActuals } from '../performance/plan-actuals.js';
import type { ObjectStore } from '../storage/object-store.js';
import { insertionOrderReport } from './builders/insertion-order.js';
import { mediaPlanReport } from './builders/media-plan.js';
import { pacingReport } from './builders/pacing.js';
import { planVsActualReport } from './builders/plan-vs-actual.js';
import type { ReportDocument, ReportLocale } from './document.js';
import { renderReport } from './render/index.js';
import { runOf, type RunRow } from './runs.js';
import { frozenPlan, livePlan } from './sources.js';

export interface ReportDeps {
  db: Database;
  config: Config;
  stats: DailyStatsRepository;
  store: ObjectStore;
  metrics?: Metrics;
}

/** The document a run asks for; null when what it names is gone (a permanent failure). */
export async function buildDocument(deps: ReportDeps, run: RunRow, now = new Date()): Promise<ReportDocument> {
  const parsed = CreateReport.safeParse({ type: run.type, format: run.format, params: run.params });
  if (!parsed.success) throw new PermanentJobError(`the report's parameters are not valid: ${parsed.error.issues[0]?.message}`);
  const report = parsed.data;
  const locale = run.locale as ReportLocale;
  const { tenantId } = run;
  if (report.type === 'media-plan' || report.type === 'insertion-order') {
    const src = await deps.db.run({ tenantId }, (tx) => frozenPlan(tx, tenantId, report.params.planId, report.params.version));
    if (!src) throw new PermanentJobError('the plan or its approved version is gone');
    if (report.type === 'media-plan') return mediaPlanReport(src, locale, now);
    const p = report.params;
    // The same plan, version and partner always get the same order number.
    const number = `${p.planId.slice(0, 8).toUpperCase()}-${src.number}-${createHash('sha256').update(p.partner.trim().toLowerCase()).digest('hex').slice(0, 4).toUpperCase()}`;
    return insertionOrderReport(src, { partner: p.partner, vatRate: p.vatRate, paymentDays: p.paymentDays }, number, locale, now);
  }
  const src = await deps.db.run({ tenantId }, (tx) => livePlan(tx, tenantId, report.params.planId));
  if (!src) throw new PermanentJobError('the plan is gone');
  const asOf = report.params.asOf ?? todayUtc();
  const lines = src.lines.map(perfLine);
  const rows = await planActuals(deps.stats, tenantId, lines, asOf, src.plan.clientId);
  const figs = lineFigures(src.plan, lines, rows, asOf);
  const by = report.type === 'plan-vs-actual' ? report.params.groupBy : 'line_item';
  const perf = performanceReport(src.plan, figs, { asOf, grain: 'month', by, threshold: deps.config.PACING_ALERT_PERCENT });
  return report.type === 'plan-vs-actual' ? planVsActualReport(src, perf, locale, now) : pacingReport(src, perf, locale, now);
}

export function reportGenerate(deps: ReportDeps): JobHandler<'report.generate'> {
  const { db, store, config } = deps;
  const progress = (tenantId: string, runId: string, set: Partial<typeof reportRuns.$inferInsert>) =>
    db.run({ tenantId }, (tx) => tx.update(reportRuns).set(set).where(and(eq(reportRuns.tenantId, tenantId), eq(reportRuns.id, runId))));

  return {
    name: 'report.generate',
    async run({ tenantId, runId }, { attempt }) {
      const run = await db.run({ tenantId }, (tx) => runOf(tx, tenantId, runId));
      if (!run) throw new PermanentJobError(`report run ${runId} is gone`);
      if (run.status === 'done' || run.status === 'expired' || run.status === 'failed') return;
      try {
        await progress(tenantId, runId, { status: 'running', progress: 10, startedAt: new Date().toISOString(), error: null });
        const doc = await buildDocument(deps, run);
        await progress(tenantId, runId, { progress: 50, title: doc.title });
        const file = await renderReport(doc, run.format as 'pdf' | 'xlsx' | 'csv');
        await progress(tenantId, runId, { progress: 85 });
        const fileName = `${doc.fileStem}.${file.extension}`;
        const objectKey = `reports/${tenantId}/${runId}.${file.extension}`;
        await store.put(objectKey, file.body, { contentType: file.contentType, filename: fileName });
        const expiresAt = new Date(Date.now() + config.REPORT_RETENTION_DAYS * 86_400_000).toISOString();
        await db.run({ tenantId }, async (tx) => {
          const [done] = await tx
            .update(reportRuns)
            .set({ status: 'done', progress: 100, objectKey, fileName, sizeBytes: file.body.length, finishedAt: new Date().toISOString(), expiresAt, error: null })
            .where(and(eq(reportRuns.tenantId, tenantId), eq(reportRuns.id, runId), eq(reportRuns.status, 'running')))
            .returning({ id: reportRuns.id });
          if (!done) return;
          if (run.requestedBy) {
            await tx.insert(notifications).values({
              id: randomUUID(), tenantId, userId: run.requestedBy, kind: 'report-ready', entity: `report_run:${runId}`, dedupKey: `report-ready:${runId}`,
              payload: { runId, title: doc.title, fileName, format: run.format, type: run.type },
            }).onConflictDoNothing();
          }
          await enqueue(tx, 'report.ready', { tenantId, runId }, runId);
        });
        deps.metrics?.reportsGenerated.inc({ type: run.type, format: run.format });
      } catch (err) {
        const last = err instanceof PermanentJobError || attempt >= JOBS['report.generate'].attempts;
        // The run shows the failure once no retry follows; until then it stays running with its progress.
        if (last) await progress(tenantId, runId, { status: 'failed', error: (err as Error).message.slice(0, 500), finishedAt: new Date().toISOString() });
        throw err;
      }
    },
  };
}
