// A line went off pace: one email per alert (the notification, raised once per line per day) to
// the people who act on it — members who may edit or approve plans of that client.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { mediaPlans, notifications } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { membersWhoCan, recipients, sendEach, settingsLink, webLink } from '../mail/recipients.js';
import { pacingAlert as template } from '../mail/templates/index.js';

interface PacingPayload {
  planId: string;
  planName: string;
  lineName: string;
  asOf: string;
  currency: string;
  pacingPercent: string;
  thresholdPercent: string;
  plannedToDate: string;
  actualToDate: string;
}

export function pacingAlert(db: Database, config: Config, mailer: Mailer): JobHandler<'pacing.alert'> {
  return {
    name: 'pacing.alert',
    async run({ tenantId, notificationId }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const [notice] = await tx.select().from(notifications).where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, notificationId)));
        if (!notice) return null;
        const alert = notice.payload as unknown as PacingPayload;
        const [plan] = await tx.select({ name: mediaPlans.name, clientId: mediaPlans.clientId }).from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, alert.planId)));
        if (!plan) return null;
        return { alert, plan, people: await recipients(tx, await membersWhoCan(tx, tenantId, ['plans:write', 'plans:approve'], plan.clientId), 'pacing-alert') };
      });
      if (!found) throw new PermanentJobError(`notification ${notificationId} or its plan is gone`);
      const { alert, plan, people } = found;
      const url = webLink(config, `/plans/${alert.planId}`);
      await sendEach(mailer, config, jobId, people, (locale) =>
        template(locale, {
          plan: plan.name, line: alert.lineName, pacingPercent: alert.pacingPercent, thresholdPercent: alert.thresholdPercent,
          plannedToDate: alert.plannedToDate, actualToDate: alert.actualToDate, currency: alert.currency, asOf: alert.asOf, url, settingsUrl: settingsLink(config),
        }),
      );
    },
  };
}
