// An invitation was created: the invitee gets its link by email. The token exists only sealed in
// the invitation row; the job opens it, sends, and clears it, so a copy of the database holds no
// usable token. An invitation accepted or revoked before the job runs is not mailed.
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import type { Database } from '../db/database.js';
import { invitations, tenants, users } from '../db/schema.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { quoteName, webLink } from '../mail/recipients.js';
import { openToken } from '../mail/sealed-token.js';
import { invitation as template, localeOf } from '../mail/templates/index.js';

/** What an invitation's sealed token is bound to: copied to another row, it does not open. */
export const invitationSealContext = (tenantId: string, invitationId: string) => `invitation/${tenantId}/${invitationId}`;

export function invitationSent(db: Database, config: Config, mailer: Mailer): JobHandler<'invitation.sent'> {
  const cipher = CredentialsCipher.fromConfig(config);
  return {
    name: 'invitation.sent',
    async run({ tenantId, invitationId }, { jobId }) {
      const found = await db.run({ tenantId }, async (tx) => {
        const [row] = await tx.select().from(invitations).where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId)));
        if (!row?.sealedToken || row.acceptedAt || new Date(row.expiresAt).getTime() <= Date.now()) return null;
        const [agency] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
        const [inviter] = row.invitedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row.invitedBy)) : [];
        // Someone who already has an account reads it in their language; a newcomer in the default one.
        const [invitee] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.email, row.email));
        return { row, sealed: row.sealedToken, agency: agency?.name ?? '', inviter: inviter?.name ?? null, invitee };
      });
      // Gone (revoked), accepted, or already sent and cleared: nothing to do.
      if (!found) return;
      const { row, sealed, agency, inviter, invitee } = found;
      const token = openToken(cipher, sealed, invitationSealContext(tenantId, invitationId));
      const locale = localeOf(invitee?.locale ?? null);
      const mail = template(locale, { agency, inviter, role: row.role, url: webLink(config, `/invite?token=${encodeURIComponent(token)}`), expiresAt: row.expiresAt });
      await mailer.send({ id: `${jobId}.${invitationId}`, from: config.MAIL_FROM, to: invitee ? `${quoteName(invitee.name)} <${row.email}>` : row.email, ...mail });
      await db.run({ tenantId }, (tx) => tx.update(invitations).set({ sealedToken: null }).where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId))));
    },
  };
}
