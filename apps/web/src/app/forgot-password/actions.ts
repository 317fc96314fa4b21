'use server';
import { getLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';

/**
 * Asks the API to mail a reset link, in the language this page is shown in when the person chose
 * none. Whatever the answer (no such account, too many requests, an unreachable API), the page says
 * the same thing: the form must not tell anyone which addresses have accounts.
 */
export async function requestPasswordReset(form: FormData): Promise<void> {
  const email = String(form.get('email') ?? '').trim();
  const locale = await getLocale();
  await (await api()).POST('/api/v1/auth/password-reset', { body: { email }, headers: { 'accept-language': locale } }).catch(() => undefined);
  redirect('/forgot-password?sent=1');
}
