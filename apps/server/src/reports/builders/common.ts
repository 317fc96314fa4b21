// Pieces every report shares: the heading facts, the period of a set of lines, how a line's pricing
// model and volume are shown.
import type { ReportCell, ReportFacts, ReportLocale } from '../document.js';
import { formatDate, trimZeros } from '../render/format.js';
import { WORDS } from '../words.js';

export function period(lines: ReadonlyArray<{ startDate: string; endDate: string }>, locale: ReportLocale): string {
  if (!lines.length) return '—';
  const from = lines.reduce((m, l) => (l.startDate < m ? l.startDate : m), '9999-12-31');
  const to = lines.reduce((m, l) => (l.endDate > m ? l.endDate : m), '0000-01-01');
  return `${formatDate(from, locale)} — ${formatDate(to, locale)}`;
}

export function heading(locale: ReportLocale, items: Array<[keyof typeof WORDS.ru | string, string]>): ReportFacts {
  const w = WORDS[locale] as unknown as Record<string, string>;
  return { kind: 'facts', items: items.map(([label, value]) => ({ label: w[label] ?? label, value })) };
}

/** A file name stem browsers and mail clients accept: no path or reserved characters. */
export const stem = (...parts: string[]) => parts.join(' — ').replace(/[\\/:*?"<>|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);

/** A percentage as people write it: "20.00" → "20", "12.50" → "12,5" in Russian. */
export function percentText(value: string, locale: ReportLocale): string {
  const trimmed = trimZeros(value);
  return locale === 'ru' ? trimmed.replace('.', ',') : trimmed;
}

/** "cpm" → "CPM"; a flat fee in words. */
export function pricingLabel(model: string | null | undefined, locale: ReportLocale): string | null {
  if (!model) return null;
  if (model === 'flat_rate') return locale === 'ru' ? 'фикс' : 'flat';
  return model.toUpperCase();
}

/** A planned volume (a decimal string in the plan) as the number a table cell holds. */
export const unitsCell = (units: string | null | undefined): ReportCell => (units === null || units === undefined ? null : Number(units));
