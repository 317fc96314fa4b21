import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** The language comes from the NEXT_LOCALE cookie (Russian by default), so URLs stay the same in both. */
export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = value === 'en' ? 'en' : 'ru';
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default, timeZone: 'Europe/Moscow' };
});
