'use server';
// Actuals from files: send the file to the API, then the chosen column mapping. Problems come back
// to the page in the reader's language; row errors are kept on the upload and shown from there.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ACTUAL_FIELDS, type ActualField } from '@mrm/contracts';
import { api, API_URL, sessionHeaders } from '@/api/client';
import { problemMessage } from '@/lib/problem';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();
const page = (clientId: string, uploadId?: string) => `/clients/${encodeURIComponent(clientId)}/uploads${uploadId ? `/${encodeURIComponent(uploadId)}` : ''}`;

async function back(path: string, problem: unknown): Promise<never> {
  redirect(`${path}?error=${encodeURIComponent(await problemMessage(problem))}`);
}

/** Stores the file and opens its page, where the suggested mapping waits to be checked. */
export async function uploadActuals(form: FormData): Promise<void> {
  const clientId = text(form, 'clientId');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return back(page(clientId), { type: 'urn:mrm:problem:validation', errors: [{ field: 'file', message: '—' }] });
  // Browsers label CSV files inconsistently (Excel's own type on Windows), so the extension decides.
  const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? file.type;
  const query = new URLSearchParams({ fileName: file.name.slice(0, 255) });
  const source = text(form, 'source');
  if (source) query.set('source', source);
  const res = await fetch(`${API_URL}/api/v1/clients/${encodeURIComponent(clientId)}/actual-uploads?${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(await sessionHeaders()) },
    body: Buffer.from(await file.arrayBuffer()),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string };
  if (!res.ok || !body.id) return back(page(clientId), body);
  revalidatePath(page(clientId));
  redirect(page(clientId, body.id));
}

/** Sends the mapping as chosen on the page; the import then runs in the background. */
export async function importActuals(form: FormData): Promise<void> {
  const clientId = text(form, 'clientId');
  const id = text(form, 'uploadId');
  const headers = form.getAll('header').map(String);
  const fields = form.getAll('field').map(String);
  const mapping = Object.fromEntries(headers.map((h, i) => [h, (ACTUAL_FIELDS as readonly string[]).includes(fields[i]) ? (fields[i] as ActualField) : ('' as const)]));
  const currency = text(form, 'currency').toUpperCase();
  const accountId = text(form, 'accountId');
  const { error } = await (await api()).POST('/api/v1/clients/{clientId}/actual-uploads/{id}/import', {
    params: { path: { clientId, id } },
    body: { mapping, ...(currency ? { currency } : {}), ...(accountId ? { accountId } : {}) },
  });
  revalidatePath(page(clientId));
  // Row errors are stored on the upload and shown with it; other problems are said at the top.
  const rowErrors = (error as { status?: number } | undefined)?.status === 422;
  if (error && !rowErrors) return back(page(clientId, id), error);
  redirect(page(clientId, id));
}
