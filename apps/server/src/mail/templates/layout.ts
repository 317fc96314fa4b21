// The one layout every email shares: a heading, a few paragraphs, one clear button for the main
// link, and the same words again as plain text for clients that show no HTML. Everything put into
// the HTML passes through escapeHtml(); templates never build markup themselves.
import type { Locale } from '@mrm/contracts';

export interface Email {
  subject: string;
  text: string;
  html: string;
}

/** The recipient's language: what they chose, Russian until they choose. */
export const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'ru');

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Body {
  heading: string;
  /** Plain sentences; a blank line between them in the text version. */
  paragraphs: string[];
  /** A quoted block (a reviewer's comment), shown apart from the sentences. */
  quote?: { label: string; text: string };
  button?: { label: string; url: string };
  /** Small print under the button: why you got this, how long the link works. */
  notes?: string[];
}

const SIGNATURE = 'MRM AI Platform';
const FONT = 'font-family:Arial,Helvetica,sans-serif';

function html(locale: Locale, subject: string, b: Body): string {
  const p = (s: string, style = 'margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2933') => `<p style="${style}">${escapeHtml(s)}</p>`;
  const parts = [
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#111827">${escapeHtml(b.heading)}</h1>`,
    ...b.paragraphs.map((s) => p(s)),
  ];
  if (b.quote) {
    parts.push(
      p(b.quote.label, 'margin:0 0 4px;font-size:13px;color:#52606d'),
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #cbd2d9;background:#f5f7fa;font-size:15px;line-height:1.5;color:#1f2933;white-space:pre-wrap">${escapeHtml(b.quote.text)}</blockquote>`,
    );
  }
  if (b.button) {
    const url = escapeHtml(b.button.url);
    parts.push(
      `<p style="margin:24px 0"><a href="${url}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-size:15px;font-weight:bold;text-decoration:none">${escapeHtml(b.button.label)}</a></p>`,
      p(`${locale === 'en' ? 'If the button does not work, open this address:' : 'Если кнопка не открывается, скопируйте адрес:'} ${b.button.url}`, 'margin:0 0 16px;font-size:12px;line-height:1.5;color:#52606d;word-break:break-all'),
    );
  }
  for (const n of b.notes ?? []) parts.push(p(n, 'margin:0 0 8px;font-size:12px;line-height:1.5;color:#52606d'));
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f0f2f5;${FONT}">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f0f2f5"><tr><td align="center" style="padding:24px 12px">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px"><tr><td style="padding:28px;${FONT}">`,
    ...parts,
    `<p style="margin:24px 0 0;font-size:12px;color:#9aa5b1">— ${SIGNATURE}</p>`,
    '</td></tr></table></td></tr></table></body></html>',
  ].join('\n');
}

function text(b: Body): string {
  const blocks = [b.heading, ...b.paragraphs];
  if (b.quote) blocks.push(`${b.quote.label}\n${b.quote.text.split('\n').map((l) => `> ${l}`).join('\n')}`);
  if (b.button) blocks.push(`${b.button.label}: ${b.button.url}`);
  if (b.notes?.length) blocks.push(b.notes.join('\n'));
  blocks.push(`— ${SIGNATURE}`);
  return blocks.join('\n\n');
}

/** A whole email from its subject and body, in both forms. */
export const render = (locale: Locale, subject: string, body: Body): Email => ({ subject, text: text(body), html: html(locale, subject, body) });

/** Dates and times in a message: the reader's language, Moscow time for Russian, UTC otherwise. */
export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return locale === 'en'
    ? `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d)} UTC`
    : `${new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(d)} (МСК)`;
}
