'use server';
// Every mutation goes through a server action: the framework checks the Origin of each call, which
// (with SameSite cookies) keeps other sites from acting for a signed-in user.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { components } from '@/api/schema';
import { ACCESS_COOKIE, api, API_URL, REFRESH_COOKIE, sessionHeaders, TENANT_COOKIE, type Problem } from '@/api/client';
import { adoptSavedLocale, saveLocale, setLocaleCookie } from '@/lib/locale';
import { clearSession, saveSession } from '@/lib/session';
import { problemMessage } from '@/lib/problem';
import { safeReturn } from '@/lib/return-to';

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();
const optional = (form: FormData, key: string) => text(form, key) || undefined;

/** Sends the problem, in the reader's language, back to the page that posted the form. */
async function back(path: string, problem: unknown): Promise<never> {
  redirect(`${path}${path.includes('?') ? '&' : '?'}error=${encodeURIComponent(await problemMessage(problem))}`);
}

export async function login(form: FormData) {
  const next = safeReturn(text(form, 'next'));
  const { data, error } = await (await api()).POST('/api/v1/auth/login', { body: { email: text(form, 'email'), password: text(form, 'password') } });
  if (!data) return back(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, error);
  await saveSession(data);
  await adoptSavedLocale(data.accessToken);
  redirect(next);
}

export async function signup(form: FormData) {
  const body = { tenantName: text(form, 'tenantName'), name: text(form, 'name'), email: text(form, 'email'), password: text(form, 'password') };
  const { data, error } = await (await api()).POST('/api/v1/auth/register', { body });
  if (!data) return back('/signup', error);
  await saveSession(data);
  await adoptSavedLocale(data.accessToken);
  redirect('/');
}

export async function logout() {
  const refreshToken = (await cookies()).get(REFRESH_COOKIE)?.value;
  if (refreshToken) await fetch(`${API_URL}/api/v1/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
  await clearSession();
  (await cookies()).delete(TENANT_COOKIE);
  redirect('/login');
}

export async function setLocale(form: FormData) {
  const locale = text(form, 'locale') === 'en' ? 'en' : 'ru';
  await setLocaleCookie(locale);
  // Signed in: the choice follows the person to every browser they log in from.
  if ((await cookies()).get(ACCESS_COOKIE)) await saveLocale(locale);
  // Back to the page the switch was on (same site only).
  const referer = (await headers()).get('referer');
  const path = referer ? new URL(referer).pathname + new URL(referer).search : '/';
  redirect(path.startsWith('/') ? path : '/');
}

export async function createClient(form: FormData) {
  const { data, error } = await (await api()).POST('/api/v1/clients', { body: { name: text(form, 'name'), industry: optional(form, 'industry'), taxId: optional(form, 'taxId') } });
  if (!data) return back('/clients', error);
  redirect(`/clients/${data.id}`);
}

export async function createProject(form: FormData) {
  const clientId = text(form, 'clientId');
  const body = { clientId, name: text(form, 'name'), budget: optional(form, 'budget'), currency: optional(form, 'currency'), startDate: optional(form, 'startDate'), endDate: optional(form, 'endDate') };
  const { data, error } = await (await api()).POST('/api/v1/projects', { body });
  if (!data) return back(`/clients/${clientId}`, error);
  redirect(`/projects/${data.id}`);
}

export async function createPlan(form: FormData) {
  const projectId = text(form, 'projectId');
  const { data, error } = await (await api()).POST('/api/v1/media-plans', { body: { projectId, name: text(form, 'name') } });
  if (!data) return back(`/projects/${projectId}`, error);
  redirect(`/plans/${data.id}`);
}

export async function submitPlan(form: FormData) {
  const planId = text(form, 'planId');
  const { error } = await (await api()).POST('/api/v1/media-plans/{id}/submit', { params: { path: { id: planId } }, body: {} });
  if (error) return back(`/plans/${planId}`, error);
  redirect(`/plans/${planId}`);
}

export async function decidePlan(form: FormData) {
  const planId = text(form, 'planId');
  const decision = text(form, 'decision') === 'reject' ? 'reject' : 'approve';
  const comment = optional(form, 'comment');
  const client = await api();
  const { error } =
    decision === 'approve'
      ? await client.POST('/api/v1/media-plans/{id}/approve', { params: { path: { id: planId } }, body: { comment } })
      : await client.POST('/api/v1/media-plans/{id}/reject', { params: { path: { id: planId } }, body: { comment: comment ?? '' } });
  if (error) return back(`/plans/${planId}`, error);
  redirect(`/plans/${planId}`);
}

/** Returns the new link to the page (it is shown once), or the problem. */
export async function shareLink(_state: { url?: string; error?: string }, form: FormData): Promise<{ url?: string; error?: string }> {
  const planId = text(form, 'planId');
  const { data, error } = await (await api()).POST('/api/v1/media-plans/{id}/share', { params: { path: { id: planId } }, body: { expiresInDays: 14 } });
  if (!data) return { error: (error as Problem | undefined)?.detail ?? 'error' };
  return { url: data.url };
}

export async function publicDecision(form: FormData) {
  const token = text(form, 'token');
  const decision = text(form, 'decision') === 'reject' ? 'reject' : 'approve';
  const body = { name: text(form, 'name'), comment: optional(form, 'comment') };
  const client = await api();
  const { error } =
    decision === 'approve'
      ? await client.POST('/api/v1/public/approvals/{token}/approve', { params: { path: { token } }, body })
      : await client.POST('/api/v1/public/approvals/{token}/reject', { params: { path: { token } }, body: { ...body, comment: body.comment ?? '' } });
  if (error) return back(`/approve/${token}`, error);
  redirect(`/approve/${token}?done=${decision}`);
}

export interface ImportState {
  rows?: number;
  applied?: boolean;
  mapping?: Record<string, string>;
  errors?: Array<{ field: string; message: string; row?: number; column?: string }>;
}

const FILE_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  json: 'application/json',
};

/** Sends the chosen file to the API: a dry run to check it, or the real import with the mapping. */
export async function importFile(_state: ImportState, form: FormData): Promise<ImportState> {
  const planId = text(form, 'planId');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { errors: [{ field: 'file', message: '—' }] };
  const type = FILE_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? file.type;
  const dryRun = text(form, 'step') !== 'apply';
  const query = new URLSearchParams({ mode: form.get('replace') ? 'replace' : 'append', dryRun: String(dryRun) });
  const mapping = text(form, 'mapping');
  if (mapping && mapping !== '{}') query.set('mapping', mapping);
  const res = await fetch(`${API_URL}/api/v1/media-plans/${encodeURIComponent(planId)}/import?${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(await sessionHeaders()) },
    body: Buffer.from(await file.arrayBuffer()),
  });
  const body = (await res.json()) as ImportState & Problem;
  if (!res.ok) return { errors: body.errors ?? [{ field: 'file', message: body.detail ?? String(res.status) }] };
  // The editor on the page shows the imported lines without a manual reload.
  if (!dryRun) revalidatePath(`/plans/${planId}`);
  return { rows: body.rows, applied: body.applied, mapping: body.mapping };
}

// Administration: members, invitations, machine clients.

type RoleName = components['schemas']['MemberDto']['role'];


export async function updateMember(form: FormData) {
  const userId = text(form, 'userId');
  const { error } = await (await api()).PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role: text(form, 'role') as RoleName } });
  if (error) return back('/admin/members', error);
  redirect(`/admin/members?saved=${encodeURIComponent(userId)}`);
}

export async function removeMember(form: FormData) {
  const { error } = await (await api()).DELETE('/api/v1/members/{userId}', { params: { path: { userId: text(form, 'userId') } } });
  if (error) return back('/admin/members', error);
  redirect('/admin/members');
}

export interface InviteState {
  token?: string;
  email?: string;
  error?: string;
}

/** Returns the invitation's token (the API hands it out once, and no email carries it yet), or the problem. */
export async function invite(_state: InviteState, form: FormData): Promise<InviteState> {
  const role = text(form, 'role') as RoleName;
  const email = text(form, 'email');
  const clientId = role === 'viewer' ? optional(form, 'clientId') : undefined;
  const { data, error } = await (await api()).POST('/api/v1/invitations', { body: { email, role, ...(clientId ? { clientId } : {}) } });
  if (!data?.token) return { error: await problemMessage(error), email };
  revalidatePath('/admin/members');
  return { token: data.token, email: data.email };
}

export async function revokeInvitation(form: FormData) {
  const { error } = await (await api()).DELETE('/api/v1/invitations/{id}', { params: { path: { id: text(form, 'id') } } });
  if (error) return back('/admin/members', error);
  redirect('/admin/members');
}

export interface OAuthClientState {
  clientId?: string;
  clientSecret?: string;
  name?: string;
  scopes?: string[];
  error?: string;
}

/** Returns the new machine client with its secret (shown once: only its hash is kept), or the problem. */
export async function createOAuthClient(_state: OAuthClientState, form: FormData): Promise<OAuthClientState> {
  const name = text(form, 'name');
  const scopes = form.getAll('scopes').map(String) as components['schemas']['CreateOAuthClientDto']['scopes'];
  const { data, error } = await (await api()).POST('/api/v1/oauth-clients', { body: { name, scopes } });
  if (!data?.clientSecret) return { error: await problemMessage(error), name, scopes };
  revalidatePath('/admin/oauth-clients');
  return { clientId: data.clientId, clientSecret: data.clientSecret, name: data.name };
}

export async function revokeOAuthClient(form: FormData) {
  const { error } = await (await api()).DELETE('/api/v1/oauth-clients/{id}', { params: { path: { id: text(form, 'id') } } });
  if (error) return back('/admin/oauth-clients', error);
  redirect('/admin/oauth-clients');
}

export async function switchWorkspace(form: FormData) {
  const tenantId = text(form, 'tenantId');
  const jar = await cookies();
  // An empty choice goes back to the agency the session started in.
  if (/^[0-9a-f-]{36}$/i.test(tenantId)) jar.set(TENANT_COOKIE, tenantId, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400 });
  else jar.delete(TENANT_COOKIE);
  redirect('/');
}

export async function acceptInvitation(form: FormData) {
  const body = { token: text(form, 'token'), name: optional(form, 'name'), password: text(form, 'password') };
  const { data, error } = await (await api()).POST('/api/v1/invitations/accept', { body });
  if (!data) return back('/invite', error);
  await saveSession(data);
  await adoptSavedLocale(data.accessToken);
  // The new membership is where the person expects to land.
  (await cookies()).delete(TENANT_COOKIE);
  redirect('/');
}
