'use server';
// The editor's autosave: one call per batch of changes, all lines of the batch in one transaction
// on the API (the bulk endpoint), deletions first. A 412 comes back as a conflict for the user to
// settle; it is never retried over their head.
import { api, type Problem } from '@/api/client';
import { problemMessage } from '@/lib/problem';
import type { BulkRow, LineItem } from './rows';

export type SaveResult =
  | { status: 'saved'; items: LineItem[] }
  | { status: 'conflict'; detail: string }
  | { status: 'invalid'; detail: string; errors: Array<{ field: string; message: string }> }
  /** retry: worth trying again by itself (the server or the network failed), not a refusal. */
  | { status: 'failed'; detail: string; retry: boolean };

export async function saveLines(planId: string, rows: BulkRow[], deleteIds: string[], overwrite: boolean): Promise<SaveResult> {
  const client = await api();
  for (const id of deleteIds) {
    const res = await client.DELETE('/api/v1/media-plans/{planId}/line-items/{id}', { params: { path: { planId, id } } });
    // Already gone is what was wanted.
    if (!res.response.ok && res.response.status !== 404) return failure(res.response.status, (res as { error?: unknown }).error);
  }
  if (rows.length === 0) return { status: 'saved', items: [] };
  let items = rows;
  if (overwrite) {
    // Overwriting: mine win over whatever version is there now, and a line someone else removed
    // comes back as a new line rather than failing the batch.
    const { data } = await client.GET('/api/v1/media-plans/{planId}/line-items', { params: { path: { planId } } });
    const alive = new Set((data?.items ?? []).map((l) => l.id));
    items = rows.map(({ id, version: _v, ...rest }) => (id && alive.has(id) ? { id, ...rest } : rest));
  }
  const { data, error, response } = await client.POST('/api/v1/media-plans/{planId}/line-items/bulk', { params: { path: { planId } }, body: { items, deleteMissing: false } });
  if (data) return { status: 'saved', items: data.items };
  return failure(response.status, error);
}

async function failure(status: number, error: unknown): Promise<SaveResult> {
  const p = (error ?? {}) as Problem;
  const detail = await problemMessage(error);
  if (status === 412) return { status: 'conflict', detail };
  // A line someone else deleted since the page loaded is a conflict too: reload or overwrite.
  if (status === 400 && p.errors?.some((e) => e.message === 'no such line in this plan')) return { status: 'conflict', detail };
  if (status === 400) return { status: 'invalid', detail, errors: p.errors ?? [] };
  return { status: 'failed', detail, retry: status >= 500 || status === 429 };
}

/** The plan's lines as they are now, for "reload" after a conflict. */
export async function loadLines(planId: string): Promise<LineItem[] | null> {
  const { data } = await (await api()).GET('/api/v1/media-plans/{planId}/line-items', { params: { path: { planId } } });
  return data?.items ?? null;
}
