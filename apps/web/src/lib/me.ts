import 'server-only';
import { cache } from 'react';
import { api } from '@/api/client';

/** The signed-in person with their role and permissions, fetched once per render (the layout and the page both ask). */
export const me = cache(async () => {
  const { data } = await (await api()).GET('/api/v1/me');
  return data ?? null;
});

export async function can(permission: string): Promise<boolean> {
  return (await me())?.permissions.includes(permission) ?? false;
}

