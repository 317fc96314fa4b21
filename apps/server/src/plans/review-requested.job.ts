// A plan was submitted: each member who may approve it gets a message, in their own language,
// with the link to the plan. Reads the plan as it is when the job runs (the payload holds ids).
import { and, eq, inArray } from 'drizzle-orm';
import { ROLES, can } from '@mrm/contracts';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { mediaPlans, memberships, users } from '../db/schema.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';

const APPROVERS = ROLES.filter((r) => can(r, 'plans:approve'));

const TEXT = {
  ru: (plan: string, version: number, link: string) => ({
    subject: `На согласование: «${plan}», версия ${version}`,
    text: `Медиаплан «${plan}» (версия ${version}) отправлен на согласование.\n\nОткрыть план: ${link}\n\n— MRM AI Platform`,
  }),
  en: (plan: string, version: number, link: string) => ({
    subject: `For approval: "${plan}", version ${version}`,
    text: `The media plan "${plan}" (version ${version}) was submitted for approval.\n\nOpen the plan: ${link}\n\n— MRM AI Platform`,
  }),
};

export function reviewRequested(db: Database, config: Config, mailer: Mailer): JobHandler<'plan.review-requested'> {
  return {
    name: 'plan.review-requested',
    async run({ tenantId, planId, version }, { jobId }) {
      const { plan, people } = await db.run({ tenantId }, async (tx) => {
        const [plan] = await tx.select({ name: mediaPlans.name }).from(mediaPlans).where(and(eq(mediaPlans.tenantId, tenantId), eq(mediaPlans.id, planId)));
        const people = await tx
          .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.role, APPROVERS)));
        return { plan, people };
      });
      if (!plan) throw new PermanentJobError(`plan ${planId} is gone`);
      const link = `${config.WEB_ORIGIN[0]}/plans/${planId}`;
      for (const p of people) {
        const words = TEXT[p.locale === 'en' ? 'en' : 'ru'](plan.name, version, link);
        await mailer.send({ id: `${jobId}.${p.id}`, from: config.MAIL_FROM, to: `${p.name} <${p.email}>`, ...words });
      }
    },
  };
}
