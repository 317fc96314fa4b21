// A member approved or rejected a version: the person who submitted it and the plan's creator
// hear of it, in their language, with the comment; the decider does not mail themselves.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { mediaPlans } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { membersByIds, recipients, sendEach, settingsLink, webLink } from '../mail/recipients.js';
import { planDecided as template } from '../mail/templates/index.js';
import { versionActors } from './decision-mail.js';
import { versionRow } from './versions.service.js';

export function planDecided(db: Database, config: Config, mailer: Mailer): JobHandler<'plan.decided'> {
  return {
    name: 'plan.decided',
    async run({ tenantId, planId, version }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const [plan] = await tx.select({ name: mediaPlans.name, createdBy: mediaPlans.createdBy }).from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, planId)));
        const row = plan ? await versionRow(tx, tenantId, planId, version) : undefined;
        if (!plan || !row) return null;
        const actors = await versionActors(tx, tenantId, planId, version, ['plan_version.submit', 'plan_version.approve', 'plan_version.reject']);
        const decider = actors.get('plan_version.approve') ?? actors.get('plan_version.reject');
        const people = await recipients(tx, await membersByIds(tx, tenantId, [actors.get('plan_version.submit'), plan.createdBy]), 'plan-decided', [decider]);
        return { plan, row, people };
      });
      if (!found) throw new PermanentJobError(`plan ${planId} version ${version} is gone`);
      const { plan, row, people } = found;
      if (row.status === 'in_review') throw new PermanentJobError(`plan ${planId} version ${version} has no decision`);
      // An approved version later superseded was still approved: the message is about the decision it was queued for.
      const decision = row.status === 'rejected' ? 'rejected' : 'approved';
      const url = webLink(config, `/plans/${planId}`);
      await sendEach(mailer, config, jobId, people, (locale) =>
        template(locale, { plan: plan.name, version, decision, by: row.decidedBy ?? '—', comment: row.comment, url, settingsUrl: settingsLink(config) }),
      );
    },
  };
}
