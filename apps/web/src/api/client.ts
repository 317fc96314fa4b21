import 'server-only';
import createClient from 'openapi-fetch';
import { cookies } from 'next/headers';
import type { paths } from './schema';

/** Where the web server reaches the API; the browser never talks to the API directly. */
export const API_URL = process.env.API_URL ?? 'http://127.0.0.1:3000';

export const ACCESS_COOKIE = 'mrm_access';
/** The workspace chosen in the header; without it the API acts in the token's (the first joined). */
export const TENANT_COOKIE = 'mrm_tenant';
export const REFRESH_COOKIE = 'mrm_refresh';

/** A typed API client acting as the signed-in person (or anonymously when there is no session). */
export async function api() {
  const jar = await cookies();
  const token = jar.get(ACCESS_COOKIE)?.value;
  const tenant = jar.get(TENANT_COOKIE)?.value;
  return createClient<paths>({
    baseUrl: API_URL,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(token && tenant ? { 'x-tenant-id': tenant } : {}) },
  });
}

export type Problem = { title?: string; detail?: string; status?: number; errors?: Array<{ field: string; message: string }> };
