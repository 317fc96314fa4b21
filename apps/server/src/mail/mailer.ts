// Where mail goes: over SMTP when SMTP_URL is set (smtp://user:password@host:587, smtps:// for TLS
// from the first byte), otherwise into the outbox folder as .eml files, which the log says once.
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { writeToFolder, type Message } from './mail-folder.js';

export interface Mailer {
  readonly kind: 'smtp' | 'folder';
  send(m: Message): Promise<void>;
}

export function openMailer(config: Config, logger: Logger): Mailer {
  if (config.SMTP_URL) {
    const transport = createTransport(config.SMTP_URL);
    return {
      kind: 'smtp',
      async send(m) {
        // The Message-ID is the job's: a retried job resends the same message, which mail systems
        // and readers recognise as one.
        await transport.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, ...(m.html === undefined ? {} : { html: m.html }), messageId: `<${m.id}@mrm.local>` });
      },
    };
  }
  const folder = join(config.MRM_DATA_DIR, 'mail-outbox');
  let told = false;
  return {
    kind: 'folder',
    async send(m) {
      const file = await writeToFolder(folder, m);
      if (!told) {
        told = true;
        logger.info({ folder }, `mail is written as .eml files to ${folder} (SMTP_URL is not set)`);
      }
      logger.debug({ file }, 'mail written');
    },
  };
}
