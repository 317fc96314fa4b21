'use server';
import { revalidatePath } from 'next/cache';
import { api } from '@/api/client';

export async function markRead(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  await (await api()).POST('/api/v1/notifications/{id}/read', { params: { path: { id } } });
  revalidatePath('/notifications');
}

export async function markAllRead(): Promise<void> {
  await (await api()).POST('/api/v1/notifications/read-all', {});
  revalidatePath('/notifications');
}
