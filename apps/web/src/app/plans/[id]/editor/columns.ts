// The editor's columns: which line field each edits, how its cells are read and shown, and which
// are computed. Month columns (the flighting view) are added on top of these when turned on.

export type Kind = 'text' | 'date' | 'model' | 'money' | 'rate' | 'units' | 'count' | 'computed';

export const EDIT_FIELDS = ['name', 'code', 'channel', 'partner', 'startDate', 'endDate', 'pricingModel', 'rate', 'plannedUnits', 'costTotal', 'metricImpressions', 'metricClicks', 'erid'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type ComputedField = 'cpm' | 'cpc';
export type ColumnId = EditField | ComputedField;

export interface ColumnSpec {
  id: ColumnId;
  kind: Kind;
  width: number;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'name', kind: 'text', width: 220 },
  { id: 'channel', kind: 'text', width: 120 },
  { id: 'partner', kind: 'text', width: 140 },
  { id: 'startDate', kind: 'date', width: 110 },
  { id: 'endDate', kind: 'date', width: 110 },
  { id: 'pricingModel', kind: 'model', width: 90 },
  { id: 'rate', kind: 'rate', width: 110 },
  { id: 'plannedUnits', kind: 'units', width: 120 },
  { id: 'costTotal', kind: 'money', width: 150 },
  { id: 'metricImpressions', kind: 'count', width: 110 },
  { id: 'metricClicks', kind: 'count', width: 90 },
  { id: 'cpm', kind: 'computed', width: 90 },
  { id: 'cpc', kind: 'computed', width: 90 },
  { id: 'code', kind: 'text', width: 110 },
  { id: 'erid', kind: 'text', width: 130 },
];

export const SPEC = Object.fromEntries(COLUMNS.map((c) => [c.id, c])) as Record<ColumnId, ColumnSpec>;
export const isEditField = (id: string): id is EditField => (EDIT_FIELDS as readonly string[]).includes(id);

/** Which columns show, in which order: the user's choice, kept in this browser. */
export interface Layout {
  order: ColumnId[];
  hidden: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
}

export const DEFAULT_LAYOUT: Layout = { order: COLUMNS.map((c) => c.id), hidden: ['code', 'erid'], widths: {} };

/** A stored layout made sane: unknown ids dropped, columns added since it was stored appended. */
export function normaliseLayout(value: unknown): Layout {
  const v = (value ?? {}) as Partial<Layout>;
  const known = new Set<string>(COLUMNS.map((c) => c.id));
  const order = (Array.isArray(v.order) ? v.order : []).filter((id): id is ColumnId => known.has(id));
  for (const c of COLUMNS) if (!order.includes(c.id)) order.push(c.id);
  const hidden = (Array.isArray(v.hidden) ? v.hidden : DEFAULT_LAYOUT.hidden).filter((id): id is ColumnId => known.has(id) && id !== 'name');
  const widths = typeof v.widths === 'object' && v.widths ? v.widths : {};
  return { order, hidden, widths };
}
