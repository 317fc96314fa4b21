'use server';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';
import type { Problem } from '@/api/client';

/** Sets the new password with the emailed token; errors come back to the form as short codes the page words. */
export async function confirmPasswordReset(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const password = String(form.get('password') ?? '');
  const repeat = String(form.get('repeat') ?? '');
  const back = (code: string) => redirect(`/reset-password?token=${encodeURIComponent(token)}&error=${code}`);
  if (password !== repeat) return back('mismatch');
  if (password.length < 10) return back('short');
  const { response, error } = await (await api()).POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }).catch(() => ({ response: undefined, error: undefined }));
  if (response?.status === 204) redirect('/reset-password?done=1');
  const fields = ((error as Problem | undefined)?.errors ?? []).map((e) => e.field);
  if (fields.includes('token')) return back('token');
  if (fields.includes('password')) return back('short');
  return back('failed');
}
