// Until mail goes out over SMTP, messages are written as .eml files to a folder (any mail client
// opens them). One file per message and recipient, named by the job: a retried job rewrites the
// same file rather than adding a second.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Message {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The same message as HTML; sent beside the text as multipart/alternative. */
  html?: string;
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
  ];
  const part = (type: string, body: string) => [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from(body, 'utf8').toString('base64'))].join('\r\n');
  if (m.html === undefined) return `${headers.join('\r\n')}\r\n${part('text/plain', m.text)}`;
  // Text first, HTML last: a reader shows the last part it can display.
  const boundary = `=_mrm_${createHash('sha256').update(m.id).digest('hex').slice(0, 24)}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    part('text/plain', m.text),
    `--${boundary}`,
    part('text/html', m.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export async function writeToFolder(folder: string, m: Message): Promise<string> {
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${m.id.replace(/[^\w.-]+/g, '_')}.eml`);
  // Written whole or not at all: a reader never sees half a message.
  await writeFile(`${file}.tmp`, toEml(m));
  await rename(`${file}.tmp`, file);
  return file;
}
