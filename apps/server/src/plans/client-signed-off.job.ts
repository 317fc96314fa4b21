// A client approved or rejected a version through its sign-off link: the submitter, the plan's
// creator and everyone who may approve plans of that client hear of it, each once.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { clients, mediaPlans, shareLinks } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { membersByIds, membersWhoCan, recipients, sendEach, settingsLink, webLink } from '../mail/recipients.js';
import { clientSignedOff as template } from '../mail/templates/index.js';
import { versionActors } from './decision-mail.js';

export function clientSignedOff(db: Database, config: Config, mailer: Mailer): JobHandler<'plan.client-signed-off'> {
  return {
    name: 'plan.client-signed-off',
    async run({ tenantId, planId, version, shareLinkId }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const [plan] = await tx
          .select({ name: mediaPlans.name, createdBy: mediaPlans.createdBy, clientId: mediaPlans.clientId, client: clients.name })
          .from(mediaPlans)
          .innerJoin(clients, eq(clients.id, mediaPlans.clientId))
          .where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, planId)));
        const [share] = await tx.select().from(shareLinks).where(and(eq(shareLinks.tenantId, tenantId), eq(shareLinks.id, shareLinkId)));
        if (!plan || !share?.decision) return null;
        const actors = await versionActors(tx, tenantId, planId, version, ['plan_version.submit']);
        const named = await membersByIds(tx, tenantId, [actors.get('plan_version.submit'), plan.createdBy]);
        const approvers = await membersWhoCan(tx, tenantId, ['plans:approve'], plan.clientId);
        return { plan, share, people: await recipients(tx, [...named, ...approvers], 'client-signed-off') };
      });
      if (!found) throw new PermanentJobError(`plan ${planId} or its sign-off ${shareLinkId} is gone`);
      const { plan, share, people } = found;
      const url = webLink(config, `/plans/${planId}`);
      await sendEach(mailer, config, jobId, people, (locale) =>
        template(locale, {
          plan: plan.name, version, client: plan.client, decision: share.decision === 'rejected' ? 'rejected' : 'approved',
          name: share.decidedName ?? '—', comment: share.decidedComment, url, settingsUrl: settingsLink(config),
        }),
      );
    },
  };
}
