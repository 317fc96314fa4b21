// Pieces every report shares: the heading facts and the period of a set of lines.
import type { ReportFacts, ReportLocale } from '../document.js';
import { WORDS } from '../words.js';

export const fmtDate = (iso: string, locale: ReportLocale) => (locale === 'ru' ? iso.split('-').reverse().join('.') : iso);

export function period(lines: ReadonlyArray<{ startDate: string; endDate: string }>, locale: ReportLocale): string {
  if (!lines.length) return '—';
  const from = lines.reduce((m, l) => (l.startDate < m ? l.startDate : m), '9999-12-31');
  const to = lines.reduce((m, l) => (l.endDate > m ? l.endDate : m), '0000-01-01');
  return `${fmtDate(from, locale)} — ${fmtDate(to, locale)}`;
}

export function heading(locale: ReportLocale, items: Array<[keyof typeof WORDS.ru | string, string]>): ReportFacts {
  const w = WORDS[locale] as unknown as Record<string, string>;
  return { kind: 'facts', items: items.map(([label, value]) => ({ label: w[label] ?? label, value })) };
}

/** A file name stem browsers and mail clients accept: no path or reserved characters. */
export const stem = (...parts: string[]) => parts.join(' — ').replace(/[\\/:*?"<>|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);

/** A percentage as people write it: "20.00" → "20", "12.50" → "12,5" in Russian. */
export function percentText(value: string, locale: ReportLocale): string {
  const trimmed = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return locale === 'ru' ? trimmed.replace('.', ',') : trimmed;
}
