'use server';
// Connections: add one, test it, sync it now. Each answers the page with a message in its language.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { PLATFORM_CREDENTIALS, type Platform } from '@mrm/contracts';
import { api } from '@/api/client';
import { problemMessage } from '@/lib/problem';

export interface FormState {
  error?: string;
  done?: boolean;
}

export async function addConnection(_state: FormState, form: FormData): Promise<FormState> {
  const platform = String(form.get('platform') ?? '');
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const fields = Object.keys(PLATFORM_CREDENTIALS[platform as Platform]?.shape ?? {});
  const credentials = Object.fromEntries(fields.map((f) => [f, text(`cred.${f}`)]).filter(([, v]) => v));
  const accounts = text('accounts').split(/[\s,;]+/).filter(Boolean).map((id) => ({ id }));
  const body = { platform, name: text('name'), clientId: text('clientId'), accounts, credentials } as never;
  const { error } = await (await api()).POST('/api/v1/connections', { body });
  if (error) return { error: await problemMessage(error) };
  revalidatePath('/connections');
  return { done: true };
}

export async function syncNow(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  await (await api()).POST('/api/v1/connections/{id}/sync', { params: { path: { id } } });
  revalidatePath('/connections');
  revalidatePath(`/connections/${id}`);
}

export async function testConnection(_state: { text?: string; ok?: boolean }, form: FormData): Promise<{ text?: string; ok?: boolean }> {
  const id = String(form.get('id') ?? '');
  const { data, error } = await (await api()).POST('/api/v1/connections/{id}/test', { params: { path: { id } } });
  if (!data) return { ok: false, text: await problemMessage(error) };
  return { ok: data.ok, text: data.accounts.map((a) => `${a.id}: ${a.ok ? '✓' : a.error}`).join('; ') };
}

/** Pauses or resumes scheduled syncs; the version shown guards against overwriting someone's change. */
export async function setPaused(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  const status = String(form.get('status') ?? '') === 'paused' ? 'paused' : 'active';
  const { error } = await (await api()).PATCH('/api/v1/connections/{id}', {
    params: { path: { id }, header: { 'If-Match': `"v${String(form.get('version') ?? '')}"` } },
    body: { status },
  });
  if (error) redirect(`/connections/${id}?error=${encodeURIComponent(await problemMessage(error))}`);
  revalidatePath(`/connections/${id}`);
}

export async function removeConnection(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  const { error } = await (await api()).DELETE('/api/v1/connections/{id}', { params: { path: { id } } });
  if (error) redirect(`/connections/${id}?error=${encodeURIComponent(await problemMessage(error))}`);
  revalidatePath('/connections');
  redirect('/connections');
}
