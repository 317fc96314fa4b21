// What people type or paste into the editor, read the way they meant it: amounts from Russian and
// English spreadsheets ("1 234 567,50", "1,234,567.50", "1500000"), dates as ISO, "01.03.2027" or
// "01/03/2027" (day first in both languages we speak), pricing models in either case.
// From the planning package (plain code), not the contracts one: that would bring zod into the page.
import { PRICING_MODELS } from '@mrm/planning';

export type Parsed = { ok: true; value: string } | { ok: false; value: string };

const SPACES = /[\s\u00a0\u202f']/g;

/** A non-negative decimal as "1234.5", or not ok. Grouping spaces, commas and points are understood. */
export function parseNumber(input: string): Parsed {
  const raw = input.trim();
  if (raw === '') return { ok: true, value: '' };
  let s = raw.replace(SPACES, '').replace(/[₽$€]|RUB|USD|EUR/gi, '');
  const comma = s.lastIndexOf(',');
  const point = s.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    // Both present: the later one is the decimal separator, the other groups thousands.
    const decimal = comma > point ? ',' : '.';
    s = s.split(decimal === ',' ? '.' : ',').join('').replace(decimal, '.');
  } else if (comma >= 0) {
    // "1,5" or "1234,50" is a decimal comma; "1,234" and "1,234,567" group thousands.
    const parts = s.split(',');
    const grouping = parts.length > 2 || (parts[1].length === 3 && parts[0].length <= 3);
    s = grouping ? parts.join('') : parts.join('.');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return { ok: false, value: raw };
  return { ok: true, value: s.replace(/^0+(?=\d)/, '') };
}

const pad = (n: string) => n.padStart(2, '0');

/** A calendar date as YYYY-MM-DD, or not ok. */
export function parseDate(input: string): Parsed {
  const raw = input.trim();
  if (raw === '') return { ok: true, value: '' };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  let iso: string | null = m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : null;
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(raw);
  if (!iso && m) iso = `${m[3].length === 2 ? `20${m[3]}` : m[3]}-${pad(m[2])}-${pad(m[1])}`;
  if (!iso) return { ok: false, value: raw };
  const d = new Date(`${iso}T00:00:00Z`);
  // Rejects 31.02 and the like, which Date would roll over into March.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { ok: false, value: raw };
  return { ok: true, value: iso };
}

const MODEL_ALIASES: Record<string, string> = { flat: 'flat_rate', 'flat rate': 'flat_rate', фикс: 'flat_rate', фиксированная: 'flat_rate' };

/** One of the pricing models (cpm, cpc, …, flat_rate), or not ok. */
export function parseModel(input: string): Parsed {
  const raw = input.trim();
  if (raw === '') return { ok: true, value: '' };
  const s = raw.toLowerCase().replace(/-/g, '_');
  const value = MODEL_ALIASES[s] ?? s;
  return (PRICING_MODELS as readonly string[]).includes(value) ? { ok: true, value } : { ok: false, value: raw };
}

/** Text as typed, without the line breaks a pasted cell can carry. */
export function parseText(input: string): Parsed {
  return { ok: true, value: input.replace(/[\r\n]+/g, ' ').trim() };
}
