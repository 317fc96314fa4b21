/** Money as people of this locale write it: 1 234 567,50 ₽ (ru) or RUB 1,234,567.50 (en). */
export function money(amount: string | null | undefined, currency: string, locale: string): string {
  if (amount == null) return '—';
  // Intl takes a decimal string without losing precision for amounts of this size.
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency, currencyDisplay: locale === 'en' ? 'code' : 'symbol' }).format(amount as unknown as number);
}

export function day(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function moment(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(new Date(iso));
}

