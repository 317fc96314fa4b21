/** Money as people of this locale write it: 1 234 567,50 ₽ (ru) or RUB 1,234,567.50 (en). */
export function money(amount: string | null | undefined, currency: string, locale: string): string {
  if (amount == null) return '—';
  // Intl takes a decimal string without losing precision for amounts of this size.
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency, currencyDisplay: locale === 'en' ? 'code' : 'symbol' }).format(amount as unknown as number);
}

// Building an Intl formatter costs far more than using one; the editor formats thousands of dates.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function day(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  let f = dayFormats.get(locale);
  if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { timeZone: 'UTC' })));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** A moment in Moscow time, or in the given zone with the zone's offset written after it. */
export function moment(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '—';
  const tag = locale === 'en' ? 'en-GB' : 'ru-RU';
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'shortOffset' }).format(new Date(iso));
    } catch {
      // An unknown zone: Moscow time as everywhere else.
    }
  }
  return new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(new Date(iso));
}

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'ru-RU');

/** A count as people of this locale write it: 12 500 (ru), 12,500 (en). */
export function count(n: number | null | undefined, locale: string): string {
  if (n == null) return '—';
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** Money on a chart axis: 1,2 млн ₽ (ru), RUB 1.2m (en). */
export function compactMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, currencyDisplay: locale === 'en' ? 'code' : 'symbol', notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

/** A calendar month (YYYY-MM): март 2027 г. (ru), Mar 2027 (en). */
export function month(yyyyMm: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yyyyMm}-01T00:00:00Z`));
}

/** A percentage from a decimal string: 41,4 % (ru) or 41.4 % (en); a dash when there is none. */
export function percent(value: string | null | undefined, locale: string): string {
  if (value == null) return '—';
  return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(Number(value))} %`;
}

/** A day without its year, for chart axes: 02.03 (ru), 02/03 (en). */
export function dayMonth(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** An amount without its currency, for tables that name the currency once in their headers: 1 234 567,50 (ru), 1,234,567.50 (en). */
export function amount(value: string | null | undefined, locale: string): string {
  if (value == null) return '—';
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value as unknown as number);
}

/** The currency as money() writes it: ₽ (ru), RUB (en). */
export function currencySign(currency: string, locale: string): string {
  const parts = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, currencyDisplay: locale === 'en' ? 'code' : 'symbol' }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}
