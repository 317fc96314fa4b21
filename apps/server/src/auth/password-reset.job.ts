// A reset was asked for: the person gets the link in their language. The token exists only sealed
// in the reset row until this job opens it, sends it and clears it; a reset already used or
// expired when the job runs is not mailed.
import { eq } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import type { Database } from '../db/database.js';
import { passwordResets, users } from '../db/schema.js';
import type { JobHandler } from '../jobs/handlers.js';
import type { Mailer } from '../mail/mailer.js';
import { quoteName, webLink } from '../mail/recipients.js';
import { openToken } from '../mail/sealed-token.js';
import { localeOf, passwordReset as template } from '../mail/templates/index.js';
import { resetSealContext } from './password-reset.service.js';

export function passwordResetMail(db: Database, config: Config, mailer: Mailer): JobHandler<'auth.password-reset'> {
  const cipher = CredentialsCipher.fromConfig(config);
  return {
    name: 'auth.password-reset',
    async run({ userId, resetId }, { jobId }) {
      const found = await db.run({ tenantId: null, userId }, async (tx) => {
        const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.id, resetId));
        if (!reset?.sealedToken || reset.usedAt || reset.userId !== userId || new Date(reset.expiresAt).getTime() <= Date.now()) return null;
        const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
        return user ? { reset, sealed: reset.sealedToken, user } : null;
      });
      if (!found) return;
      const { reset, sealed, user } = found;
      const token = openToken(cipher, sealed, resetSealContext(resetId));
      const mail = template(localeOf(user.locale ?? reset.locale), { name: user.name, url: webLink(config, `/reset-password?token=${token}`), expiresAt: reset.expiresAt });
      await mailer.send({ id: `${jobId}.${userId}`, from: config.MAIL_FROM, to: `${quoteName(user.name)} <${user.email}>`, ...mail });
      await db.run({ tenantId: null, userId }, (tx) => tx.update(passwordResets).set({ sealedToken: null }).where(eq(passwordResets.id, resetId)));
    },
  };
}
