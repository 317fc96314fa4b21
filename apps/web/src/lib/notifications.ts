import 'server-only';
import { api } from '@/api/client';

/** How many notifications the signed-in member has not read; null when they cannot see any. */
export async function unreadNotifications(): Promise<number | null> {
  const { data } = await (await api()).GET('/api/v1/notifications', { params: { query: { unread: 'true', limit: 1 } } });
  return data ? data.unreadCount : null;
}
