import 'server-only';
import createClient from 'openapi-fetch';
import { cookies } from 'next/headers';
import { api, API_URL } from '@/api/client';
import type { paths } from '@/api/schema';
import { LOCALE_COOKIE, type Locale } from '@/i18n/request';

/** The language this browser shows, for a year. */
export async function setLocaleCookie(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax' });
}

/** Remembers the choice for the signed-in person too, so their other browsers follow. Best effort. */
export async function saveLocale(locale: Locale): Promise<void> {
  await (await api()).PATCH('/api/v1/me', { body: { locale } }).catch(() => undefined);
}

/**
 * Right after a log-in (or sign-up, or joining by invitation), with the new session's token: the
 * person's saved language wins, so a fresh browser shows what they chose elsewhere. Someone who
 * never chose keeps what this browser shows, and an explicit choice made here (the cookie) becomes
 * their saved one.
 */
export async function adoptSavedLocale(accessToken: string): Promise<void> {
  // The agency chosen in this browser may not be one of this person's: ask in the token's own.
  const client = createClient<paths>({ baseUrl: API_URL, headers: { authorization: `Bearer ${accessToken}` } });
  const { data } = await client.GET('/api/v1/me').catch(() => ({ data: undefined }));
  if (!data) return;
  const saved = data.user.locale;
  if (saved) {
    await setLocaleCookie(saved);
    return;
  }
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (chosen === 'ru' || chosen === 'en') await client.PATCH('/api/v1/me', { body: { locale: chosen } }).catch(() => undefined);
}
