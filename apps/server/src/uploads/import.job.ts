// An upload's import: the file, read again with the mapping the request checked, goes to the
// analytics store through the batched writer, and its campaigns into the catalogue that line items
// are matched against. Rows replace by (platform, account, campaign, ad group, day), so importing
// the same or a corrected file again replaces numbers instead of adding them up a second time.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { actualUploads } from '../db/schema.js';
import { InvalidStatRowError, type StatsWriter } from '../analytics/stats-writer.js';
import type { DailyStatRow } from '../analytics/daily-stats.js';
import { recordCampaigns } from '../campaigns/campaigns.repository.js';
import { JOBS } from '../jobs/catalogue.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import { readActuals, readActualsFile, type ActualRow, type UploadFormat } from './actuals-file.js';
import { platformOf } from './uploads.schema.js';
import type { ActualField } from '@mrm/contracts';

/** Rows per write, and per progress update. */
const BATCH = 5000;

export function actualsImport(deps: { db: Database; writer: StatsWriter }): JobHandler<'actuals.import'> {
  const { db, writer } = deps;
  return {
    name: 'actuals.import',
    async run({ tenantId, uploadId }, { attempt }) {
      const where = and(eq(actualUploads.tenantId, tenantId), eq(actualUploads.id, uploadId));
      const [upload] = await db.run({ tenantId }, (tx) => tx.select().from(actualUploads).where(where));
      if (!upload) throw new PermanentJobError(`upload ${uploadId} is gone`);
      // A request that came later (another mapping refused, say) has the last word.
      if (upload.status !== 'queued' && upload.status !== 'importing') return;
      const set = (patch: Partial<typeof actualUploads.$inferInsert>) =>
        db.run({ tenantId }, (tx) => tx.update(actualUploads).set(patch).where(and(where, inArray(actualUploads.status, ['queued', 'importing']))));
      const platform = platformOf(upload.source);
      const fail = async (message: string, permanent: boolean) => {
        const last = permanent || attempt >= JOBS['actuals.import'].attempts;
        await set({ ...(last ? { status: 'failed' } : {}), errors: [{ row: 0, field: '(file)', message }] });
        if (permanent) throw new PermanentJobError(message);
      };

      const sheet = await readActualsFile(upload.content, upload.format as UploadFormat);
      const read = typeof sheet === 'string'
        ? { rows: [], errors: [{ row: 0, field: '(file)', message: sheet }] }
        : readActuals(sheet, { mapping: (upload.mapping ?? {}) as Record<string, ActualField | ''>, currency: upload.currency ?? undefined, accountId: upload.accountId ?? platform });
      if (read.errors.length) {
        // The request checked the same bytes with the same mapping; seeing errors now means a bug.
        await set({ status: 'failed', errors: read.errors });
        throw new PermanentJobError(`upload ${uploadId} no longer reads: ${read.errors[0].message}`);
      }
      await set({ status: 'importing', rowsTotal: read.rows.length, rowsDone: 0, errors: [] });
      try {
        for (let i = 0; i < read.rows.length; i += BATCH) {
          const batch = read.rows.slice(i, i + BATCH);
          await writer.write(batch.map((r) => toStat(r, tenantId, upload.clientId, uploadId, platform)));
          await set({ rowsDone: i + batch.length });
        }
        await writer.flush();
      } catch (err) {
        await fail((err as Error).message, err instanceof InvalidStatRowError);
        throw err;
      }
      await db.run({ tenantId }, async (tx) => {
        await recordCampaigns(tx, tenantId, upload.clientId, uploadId, read.rows.map((r) => ({ platform, accountId: r.accountId, campaignId: r.campaignId, name: r.campaignName, date: r.date })));
        await tx.update(actualUploads).set({ status: 'imported', rowsDone: read.rows.length, importedAt: sql`now()` }).where(where);
      });
    },
  };
}

function toStat(r: ActualRow, tenantId: string, clientId: string, uploadId: string, platform: string): DailyStatRow {
  return {
    tenantId, clientId, connectionId: uploadId, platform,
    accountId: r.accountId, campaignId: r.campaignId, adGroupId: r.adGroupId, date: r.date,
    impressions: r.impressions, clicks: r.clicks, costMicros: r.costMicros, conversions: r.conversions,
    videoViews: r.videoViews, revenueMicros: r.revenueMicros, currency: r.currency,
  };
}
