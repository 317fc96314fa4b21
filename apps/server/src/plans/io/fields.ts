import { STANDARD_COST_FIELDS, STANDARD_METRIC_FIELDS, STANDARD_TEXT_FIELDS, type LineItemInput } from '@mrm/contracts';

/**
 * A line item field name. Plain string: the contract builds the standard fields' keys from arrays
 * whose element type widens to string, so LineItemInput's type does not list them (the runtime
 * schema does).
 */
export type LineField = string;

/** A line read field by field, standard fields included. */
export const valueOf = (line: object, field: string): unknown => (line as Record<string, unknown>)[field];

/** How a field's value is spelled, which decides how a cell or a JSON value is read into it. */
export type FieldKind =
  | 'text'
  | 'date'
  | 'money'
  | 'metric'
  | 'rate'
  | 'units'
  | 'exchange'
  | 'currency'
  | 'pricing'
  | 'bool'
  | 'list'
  | 'json';

const fromList = <K extends string>(keys: readonly K[], kind: FieldKind) => Object.fromEntries(keys.map((k) => [k, kind])) as Record<K, FieldKind>;

// Every key of LineItemInput, so that a field added to the contract without a kind fails to compile.
export const FIELD_KINDS: Record<keyof LineItemInput, FieldKind> & Record<string, FieldKind> = {
  code: 'text',
  name: 'text',
  startDate: 'date',
  endDate: 'date',
  costTotal: 'money',
  channel: 'text',
  partner: 'text',
  costCurrency: 'currency',
  costCurrencyExchangeRate: 'exchange',
  pricingModel: 'pricing',
  rate: 'rate',
  plannedUnits: 'units',
  kpiValue: 'metric',
  isAggregate: 'bool',
  erid: 'text',
  externalIds: 'list',
  flighting: 'json',
  metricFormulas: 'json',
  customProperties: 'json',
  ...fromList(STANDARD_TEXT_FIELDS, 'text'),
  ...fromList(STANDARD_COST_FIELDS, 'money'),
  ...fromList(STANDARD_METRIC_FIELDS, 'metric'),
};

export const LINE_FIELDS = Object.keys(FIELD_KINDS) as LineField[];

/** Our own fields, which the open standard has no place for. */
export const MRM_FIELDS = ['pricingModel', 'rate', 'plannedUnits', 'erid', 'externalIds', 'flighting'] as const satisfies readonly (keyof LineItemInput)[];

/** Decimals kept for each decimal-string kind; rate and units match the database's numeric scale. */
export const SCALE: Partial<Record<FieldKind, number>> = { money: 2, rate: 4, units: 2, exchange: 8 };

export const toSnake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
