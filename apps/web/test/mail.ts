import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The emails the API's worker wrote (to its mail-outbox folder), decoded: recipient, subject and text. */
export function mails(): Array<{ to: string; subject: string; text: string }> {
  const folder = join(inject('dataDir'), 'mail-outbox');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.eml')).map((f) => {
    const raw = readFileSync(join(folder, f), 'utf8');
    const [head, body] = raw.split('\r\n\r\n');
    const header = (name: string) => head.split('\r\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
    const word = /^=\?UTF-8\?B\?(.*)\?=$/.exec(header('Subject'))?.[1];
    return { to: header('To'), subject: word ? Buffer.from(word, 'base64').toString('utf8') : header('Subject'), text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
  });
}

/** Waits until an email matching `match` has been written. */
export async function mailTo(match: (m: { to: string; subject: string; text: string }) => boolean, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    const found = mails().filter(match);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return [];
}
