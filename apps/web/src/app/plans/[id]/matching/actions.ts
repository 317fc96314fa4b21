'use server';
// Confirming, adding and removing a line's campaigns. The page posts the line's whole new list and
// the version it showed, so a change someone made meanwhile is refused rather than overwritten.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api } from '@/api/client';
import { problemMessage } from '@/lib/problem';

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

export async function setCampaigns(form: FormData): Promise<void> {
  const planId = text(form, 'planId');
  const lineId = text(form, 'lineId');
  const page = `/plans/${planId}/matching`;
  let campaignIds: string[];
  try {
    campaignIds = JSON.parse(text(form, 'campaignIds') || '[]') as string[];
  } catch {
    campaignIds = [];
  }
  const add = text(form, 'add');
  if (add && !campaignIds.includes(add)) campaignIds.push(add);
  const { error } = await (await api()).PUT('/api/v1/media-plans/{planId}/line-items/{id}/campaigns', {
    params: { path: { planId, id: lineId }, header: { 'If-Match': `"v${text(form, 'version')}"` } },
    body: { campaignIds },
  });
  if (error) redirect(`${page}?error=${encodeURIComponent(await problemMessage(error))}#line-${lineId}`);
  revalidatePath(page);
  redirect(`${page}#line-${lineId}`);
}

/** Confirms the best suggestion of every line that has one, line by line, stopping at the first refusal. */
export async function confirmAll(form: FormData): Promise<void> {
  const planId = text(form, 'planId');
  const page = `/plans/${planId}/matching`;
  const client = await api();
  const { data } = await client.GET('/api/v1/media-plans/{id}/matching', { params: { path: { id: planId } } });
  for (const line of data?.lines ?? []) {
    const best = line.suggestions[0];
    if (!best) continue;
    const { error } = await client.PUT('/api/v1/media-plans/{planId}/line-items/{id}/campaigns', {
      params: { path: { planId, id: line.lineItemId }, header: { 'If-Match': `"v${line.version}"` } },
      body: { campaignIds: [best.campaignId] },
    });
    if (error) redirect(`${page}?error=${encodeURIComponent(await problemMessage(error))}`);
  }
  revalidatePath(page);
  redirect(page);
}
