// A plan was submitted: each member who may approve it gets a message, in their own language,
// with the link to the plan. Reads the plan as it is when the job runs (the payload holds ids).
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { mediaPlans } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { membersWhoCan, recipients, sendEach, settingsLink, webLink } from '../mail/recipients.js';
import { approvalRequested } from '../mail/templates/index.js';

export function reviewRequested(db: Database, config: Config, mailer: Mailer): JobHandler<'plan.review-requested'> {
  return {
    name: 'plan.review-requested',
    async run({ tenantId, planId, version }, { jobId }) {
      const { plan, people } = await db.run({ tenantId }, async (tx) => {
        const [plan] = await tx.select({ name: mediaPlans.name, clientId: mediaPlans.clientId }).from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, planId)));
        if (!plan) return { plan, people: [] };
        return { plan, people: await recipients(tx, await membersWhoCan(tx, tenantId, ['plans:approve'], plan.clientId), 'approval-requested') };
      });
      if (!plan) throw new PermanentJobError(`plan ${planId} is gone`);
      const url = webLink(config, `/plans/${planId}`);
      await sendEach(mailer, config, jobId, people, (locale) => approvalRequested(locale, { plan: plan.name, version, url, settingsUrl: settingsLink(config) }));
    },
  };
}
