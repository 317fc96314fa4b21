'use server';
import { OPTIONAL_EMAILS } from '@mrm/contracts';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';

/** The boxes left ticked are the emails to keep; every other optional kind is turned off. */
export async function saveEmailSettings(form: FormData): Promise<void> {
  const send = new Set(form.getAll('send').map(String));
  const optedOut = OPTIONAL_EMAILS.filter((k) => !send.has(k));
  const { error } = await (await api()).PUT('/api/v1/me/email-settings', { body: { optedOut } });
  redirect(error ? '/settings/notifications?error=1' : '/settings/notifications?saved=1');
}
