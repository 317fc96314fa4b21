import 'server-only';
import createClient from 'openapi-fetch';
import { cookies } from 'next/headers';
import { ACCESS_COOKIE, TENANT_COOKIE } from '@/lib/cookie-names';
import type { paths } from './schema';

/** Where the web server reaches the API; the browser never talks to the API directly. */
export const API_URL = process.env.API_URL ?? 'http://127.0.0.1:3000';

export { ACCESS_COOKIE, REFRESH_COOKIE, TENANT_COOKIE } from '@/lib/cookie-names';

/**
 * Who the API should act for: the session's token and the agency chosen in the header. Every call
 * to the API goes out with these, typed or raw (file uploads and downloads).
 */
export async function sessionHeaders(): Promise<Record<string, string>> {
  const jar = await cookies();
  const token = jar.get(ACCESS_COOKIE)?.value;
  const tenant = jar.get(TENANT_COOKIE)?.value;
  if (!token) return {};
  return { authorization: `Bearer ${token}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) };
}

/** A typed API client acting as the signed-in person (or anonymously when there is no session). */
export async function api() {
  return createClient<paths>({ baseUrl: API_URL, headers: await sessionHeaders() });
}

export type Problem = { title?: string; detail?: string; status?: number; errors?: Array<{ field: string; message: string }> };
