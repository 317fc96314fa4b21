import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

type Mail = { to: string; subject: string; text: string };

/** The emails the API's worker wrote (to its mail-outbox folder), decoded: recipient, subject and plain text. */
export function mails(): Mail[] {
  const dir = inject('mailDir');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => {
    const raw = readFileSync(join(dir, f), 'utf8');
    const head = raw.split('\r\n\r\n')[0];
    const header = (name: string) => head.split('\r\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
    const word = /^=\?UTF-8\?B\?(.*)\?=$/.exec(header('Subject'))?.[1];
    // A multipart message carries the text as its text/plain part; a single-part one is the text.
    const part = raw.split(/\r\n--[^\r\n]+\r\n/).find((p) => p.startsWith('Content-Type: text/plain')) ?? raw;
    const body = part.split('\r\n\r\n').slice(1).join('\r\n\r\n').split(/\r\n--/)[0];
    return { to: header('To'), subject: word ? Buffer.from(word, 'base64').toString('utf8') : header('Subject'), text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  });
}

/** Waits until an email matching `match` has been written. */
export async function mailTo(match: (m: Mail) => boolean, seconds = 30): Promise<Mail[]> {
  for (let i = 0; i < seconds * 5; i++) {
    const found = mails().filter(match);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return [];
}
