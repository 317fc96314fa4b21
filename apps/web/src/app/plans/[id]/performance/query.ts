import { PERFORMANCE_GRAINS, PERFORMANCE_GROUPINGS } from '@mrm/contracts';

export type Grain = (typeof PERFORMANCE_GRAINS)[number];
export type By = (typeof PERFORMANCE_GROUPINGS)[number];

/** What the performance section shows, as the page's query string carries it: a copied link opens the same view. */
export interface View {
  grain: Grain;
  by: By;
  /** The group whose own chart is shown; none for the whole plan. */
  row: string | null;
}

export const GRAINS = PERFORMANCE_GRAINS;
export const GROUPINGS = PERFORMANCE_GROUPINGS;

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
