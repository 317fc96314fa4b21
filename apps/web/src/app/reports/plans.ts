import 'server-only';
import { api } from '@/api/client';
import type { PlanChoice } from './report-fields';

/**
 * The plans a report can be asked for, most recently changed first, each with its client's name
 * (the form groups them by client). The plan named in the address is always among them.
 */
export async function planChoices(planId?: string): Promise<PlanChoice[]> {
  const client = await api();
  const [{ data: plans }, { data: clients }] = await Promise.all([
    client.GET('/api/v1/media-plans', { params: { query: { limit: 200, sort: '-updatedAt' } } }),
    client.GET('/api/v1/clients', { params: { query: { limit: 200 } } }),
  ]);
  const items = (plans?.items ?? []).filter((p) => p.status !== 'archived');
  if (planId && !items.some((p) => p.id === planId)) {
    const { data: one } = await client.GET('/api/v1/media-plans/{id}', { params: { path: { id: planId } } });
    if (one) items.unshift(one);
  }
  const names = new Map((clients?.items ?? []).map((c) => [c.id, c.name]));
  return items.map((p) => ({ id: p.id, name: p.name, client: names.get(p.clientId) ?? '—', latestVersion: p.latestVersion, approvedVersion: p.approvedVersion, vatRate: p.vatRate }));
}

/** Plan names by id, for the history's "plan" column. */
export async function planNames(): Promise<Map<string, string>> {
  const { data } = await (await api()).GET('/api/v1/media-plans', { params: { query: { limit: 200, sort: '-updatedAt' } } });
  return new Map((data?.items ?? []).map((p) => [p.id, p.name]));
}
