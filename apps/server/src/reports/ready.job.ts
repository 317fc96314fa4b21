// A report is ready: its requester (unless they turned this email off) and a schedule's recipients
// get the title, a link to the report's page and a link straight to the file.
import { eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { emailPreferences, users } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import type { ObjectStore } from '../storage/object-store.js';
import { runOf } from './runs.js';

/** S3 presigned links live at most 7 days; the local store's as long as asked. */
const FILE_LINK_SECONDS = 7 * 86_400;

const TEXT = {
  ru: (title: string, page: string, file: string, until: string) => ({
    subject: `Отчёт готов: ${title}`,
    text: `Отчёт «${title}» сформирован.\n\nСкачать файл (ссылка действует до ${until}): ${file}\nОткрыть отчёт в MRM: ${page}\n\n— MRM AI Platform`,
  }),
  en: (title: string, page: string, file: string, until: string) => ({
    subject: `Report ready: ${title}`,
    text: `The report "${title}" is ready.\n\nDownload the file (the link works until ${until}): ${file}\nOpen the report in MRM: ${page}\n\n— MRM AI Platform`,
  }),
};

export function reportReady(db: Database, config: Config, mailer: Mailer, store: ObjectStore): JobHandler<'report.ready'> {
  return {
    name: 'report.ready',
    async run({ tenantId, runId }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const run = await runOf(tx, tenantId, runId);
        if (!run?.requestedBy) return { run, requester: undefined, optedOut: [] as string[] };
        const [requester] = await tx.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, run.requestedBy));
        const [prefs] = await tx.select({ optedOut: emailPreferences.optedOut }).from(emailPreferences).where(eq(emailPreferences.userId, run.requestedBy));
        return { run, requester, optedOut: prefs?.optedOut ?? [] };
      });
      const { run, requester, optedOut } = found;
      if (!run) throw new PermanentJobError(`report run ${runId} is gone`);
      if (run.status !== 'done' || !run.objectKey) return;
      const file = await store.downloadUrl(run.objectKey, FILE_LINK_SECONDS);
      const until = new Date(Date.now() + FILE_LINK_SECONDS * 1000);
      const page = `${config.WEB_ORIGIN[0]}/reports/${runId}`;
      const to: Array<{ key: string; address: string; locale: 'ru' | 'en' }> = [];
      if (requester && !optedOut.includes('report-ready')) to.push({ key: requester.id, address: `${requester.name} <${requester.email}>`, locale: requester.locale === 'en' ? 'en' : 'ru' });
      for (const email of run.recipients) {
        if (requester && email.toLowerCase() === requester.email.toLowerCase()) continue;
        to.push({ key: email.toLowerCase(), address: email, locale: run.locale === 'en' ? 'en' : 'ru' });
      }
      for (const r of to) {
        const when = until.toLocaleString(r.locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' }) + ' UTC';
        const words = TEXT[r.locale](run.title ?? run.fileName ?? runId, page, file, when);
        await mailer.send({ id: `${jobId}.${r.key.replace(/[^\w.-]+/g, '_')}`, from: config.MAIL_FROM, to: r.address, ...words });
      }
    },
  };
}
