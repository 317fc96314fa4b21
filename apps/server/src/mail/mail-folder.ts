// Until mail goes out over SMTP, messages are written as .eml files to a folder (any mail client
// opens them). One file per message and recipient, named by the job: a retried job rewrites the
// same file rather than adding a second.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Message {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per message and recipient; also the file's name. */
  id: string;
}

const encodeWord = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
const wrap = (b64: string) => b64.replace(/.{1,76}/g, '$&\r\n');

export function toEml(m: Message, date = new Date()): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${m.id}@mrm.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${wrap(Buffer.from(m.text, 'utf8').toString('base64'))}`;
}

export async function writeToFolder(folder: string, m: Message): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${m.id.replace(/[^\w.-]+/g, '_')}.eml`);
  // Written whole or not at all: a reader never sees half a message.
  await writeFile(`${file}.tmp`, toEml(m));
  await rename(`${file}.tmp`, file);
  return file;
}
