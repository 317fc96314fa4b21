// Cell text in the reader's language: 1 234 567,50 (ru) or 1,234,567.50 (en); dates 01.03.2027 or
// 01/03/2027. Copies to the clipboard carry no grouping, so a spreadsheet reads them as numbers.
import { fromMinor } from '@mrm/planning';
import { day } from '@/lib/format';
import type { Kind } from './columns';

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'ru-RU');
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, min: number, max: number, grouping: boolean): Intl.NumberFormat {
  const key = `${locale}:${min}:${max}:${grouping}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(tag(locale), { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: grouping })));
  return f;
}

const DIGITS: Partial<Record<Kind, [number, number]>> = { money: [2, 2], rate: [2, 4], units: [0, 2], count: [0, 0] };

export function formatCell(kind: Kind, value: string, locale: string, forCopy = false): string {
  if (value === '') return '';
  if (kind === 'date') return day(value, locale);
  const digits = DIGITS[kind] ?? (kind === 'computed' ? [2, 4] : undefined);
  // Intl keeps a decimal string exact at these sizes; it is never turned into a float first.
  if (digits) return numberFormat(locale, digits[0], digits[1], !forCopy).format(value as unknown as number);
  return value;
}

export function formatMinor(minor: bigint, locale: string): string {
  return numberFormat(locale, 2, 2, true).format(fromMinor(minor) as unknown as number);
}

export function monthTitle(month: string, locale: string): string {
  return new Intl.DateTimeFormat(tag(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}
