// A report is ready: its requester (unless they turned this email off) and a schedule's recipients
// get the title, a link to the report's page and a link straight to the file, each in their
// language (recipients outside the workspace in the report's).
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { membersByIds, recipients, sendEach, settingsLink, webLink } from '../mail/recipients.js';
import { reportReady as template } from '../mail/templates/index.js';
import type { ObjectStore } from '../storage/object-store.js';
import { runOf } from './runs.js';

/** S3 presigned links live at most 7 days; the local store's as long as asked. */
const FILE_LINK_SECONDS = 7 * 86_400;

export function reportReady(db: Database, config: Config, mailer: Mailer, store: ObjectStore): JobHandler<'report.ready'> {
  return {
    name: 'report.ready',
    async run({ tenantId, runId }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const run = await runOf(tx, tenantId, runId);
        const people = run ? await recipients(tx, await membersByIds(tx, tenantId, [run.requestedBy]), 'report-ready') : [];
        return { run, people };
      });
      const { run, people } = found;
      if (!run) throw new PermanentJobError(`report run ${runId} is gone`);
      if (run.status !== 'done' || !run.objectKey) return;
      const vars = {
        reportTitle: run.title ?? run.fileName ?? runId,
        pageUrl: webLink(config, `/reports/${runId}`),
        fileUrl: await store.downloadUrl(run.objectKey, FILE_LINK_SECONDS),
        expiresAt: new Date(Date.now() + FILE_LINK_SECONDS * 1000).toISOString(),
      };
      await sendEach(mailer, config, jobId, people, (locale) => template(locale, { ...vars, settingsUrl: settingsLink(config) }));
      // A schedule's recipients may be outside the workspace: the report's language, no settings link.
      const members = new Set(people.map((p) => p.email.toLowerCase()));
      const others = run.recipients.filter((email) => !members.has(email.toLowerCase()));
      const mail = template(run.locale === 'en' ? 'en' : 'ru', vars);
      for (const email of others) await mailer.send({ id: `${jobId}.${email.toLowerCase().replace(/[^\w.-]+/g, '_')}`, from: config.MAIL_FROM, to: email, ...mail });
    },
  };
}
