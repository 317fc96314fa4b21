import type { components } from '@/api/schema';

// The lists are written out here, checked against the API's types, rather than imported from the
// contracts package: that import would put zod into the plan page's browser bundle (+40 KB gzip).
type Performance = components['schemas']['PlanPerformanceDto'];
export type Grain = Performance['grain'];
export type By = Performance['by'];
export const GRAINS = ['day', 'week', 'month'] as const satisfies readonly Grain[];
export const GROUPINGS = ['line_item', 'channel', 'partner', 'platform'] as const satisfies readonly By[];
// A grain or breakdown the API gains and these lists lack stops the build here.
const _everyGrain: [Exclude<Grain, (typeof GRAINS)[number]>] extends [never] ? true : never = true;
const _everyBy: [Exclude<By, (typeof GROUPINGS)[number]>] extends [never] ? true : never = true;

/** What the performance section shows, as the page's query string carries it: a copied link opens the same view. */
export interface View {
  grain: Grain;
  by: By;
  /** The group whose own chart is shown; none for the whole plan. */
  row: string | null;
}

const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Anything unknown in a hand-edited link falls back to the default view rather than an error. */
export function readView(get: (name: string) => string | null | undefined): View {
  const row = get('row');
  return { grain: pick(get('grain'), GRAINS, 'month'), by: pick(get('by'), GROUPINGS, 'line_item'), row: row ? row : null };
}

/** The page's query string with the view written into it (other parameters kept, defaults left out). */
export function withView(search: string, view: View): string {
  const q = new URLSearchParams(search);
  const set = (k: string, v: string | null, fallback: string | null) => (v === null || v === fallback ? q.delete(k) : q.set(k, v));
  set('grain', view.grain, 'month');
  set('by', view.by, 'line_item');
  set('row', view.row, null);
  const s = q.toString();
  return s ? `?${s}` : '';
}
