import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LineItemInput } from '@mrm/contracts';
import { sumAmounts } from '@mrm/planning';
import { FIELD_KINDS, LINE_FIELDS, MRM_FIELDS, isPlainObject, toCamel, toSnake, valueOf, type LineField } from './fields.js';
import { numberToDecimal, parseLocaleNumber, roundDecimal, trimDecimal } from './numbers.js';

// The Media Plan Open Data Standard v3.0 (MIT), shipped with the server so that validation never
// depends on anything outside the deployed app. From src/ and from dist/ alike this is apps/server/.
const SCHEMA_DIR = new URL('../../../standards/mediaplanschema-3.0/', import.meta.url);
const SCHEMA_FILES = ['dictionary.schema.json', 'lineitem.schema.json', 'campaign.schema.json', 'mediaplan.schema.json'];
export const STANDARD_VERSION = '3.0';

export interface StandardIssue {
  path: string;
  message: string;
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    // The published schemas carry keywords Ajv's strict mode frowns on (if/then without a type),
    // and they are not ours to edit.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv as unknown as Parameters<typeof addFormats.default>[0]);
    for (const file of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')));
    validator = ajv.getSchema('mediaplan.schema.json');
    if (!validator) throw new Error('mediaplan.schema.json did not compile');
  }
  return validator;
}

const pointer = (key: string) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

function toIssue(e: ErrorObject): StandardIssue {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: e.instancePath + pointer(String(params.missingProperty)), message: 'is required' };
  if (e.keyword === 'additionalProperties') return { path: e.instancePath + pointer(String(params.additionalProperty)), message: 'is not allowed here' };
  const allowed = e.keyword === 'enum' ? `: ${(params.allowedValues as unknown[]).join(', ')}` : '';
  return { path: e.instancePath || '/', message: `${e.message ?? 'is invalid'}${allowed}` };
}

/** Every way the document breaks the v3.0 schemas, each at its JSON pointer; empty when it conforms. */
export function validateStandardDocument(doc: unknown): StandardIssue[] {
  const validate = compiled();
  if (validate(doc)) return [];
  const seen = new Set<string>();
  // An if/then failure is already reported by the keyword inside "then" that failed.
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map(toIssue)
    .filter((i) => !seen.has(`${i.path} ${i.message}`) && seen.add(`${i.path} ${i.message}`));
}

export interface StandardPlan {
  id?: string;
  name: string;
  currency: string;
  budget: string | null;
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  vatRate?: string;
  agencyCommission?: string;
}

/** What a document says about its plan; a document may leave the currency out. */
export type ImportedPlan = Omit<StandardPlan, 'id' | 'currency'> & { currency: string | null };

export type ExportLine = LineItemInput & { id?: string };

export interface StandardMeta {
  documentId: string;
  createdByName: string;
  createdAt: string | Date;
  createdById?: string;
  comments?: string;
  clientName?: string;
  agencyName?: string;
}

const COLUMN_FIELDS = new Set<string>(['code', 'name', 'startDate', 'endDate', 'costTotal', 'customProperties', ...MRM_FIELDS]);
/** Fields of ours whose snake_case spelling is no field of the standard. */
const NOT_STANDARD = new Set<string>(['code', 'customProperties', ...MRM_FIELDS]);

function lineToStandard(line: ExportLine, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: line.code ?? line.id ?? `line-${index + 1}`,
    name: line.name,
    start_date: line.startDate,
    end_date: line.endDate,
    cost_total: Number(line.costTotal),
  };
  for (const field of LINE_FIELDS) {
    const value = valueOf(line, field);
    if (COLUMN_FIELDS.has(field) || value === null || value === undefined) continue;
    const kind = FIELD_KINDS[field];
    out[toSnake(field)] = kind === 'money' || kind === 'exchange' ? Number(value) : value;
  }
  const mrm = Object.fromEntries(MRM_FIELDS.filter((f) => line[f] !== null && line[f] !== undefined).map((f) => [f, line[f]]));
  const custom = { ...(line.customProperties ?? {}), ...(Object.keys(mrm).length > 0 ? { mrm } : {}) };
  if (Object.keys(custom).length > 0) out.custom_properties = custom;
  return out;
}

/**
 * The plan as a v3.0 document. Money goes out as JSON numbers, as the standard has it; the
 * standard's required campaign dates and budget fall back to the lines' span and sum when the plan
 * has none, and custom_properties.mrm records that, so an import gives the nulls back.
 */
export function toStandardDocument(plan: StandardPlan, lineItems: readonly ExportLine[], meta: StandardMeta): Record<string, unknown> {
  const createdAt = typeof meta.createdAt === 'string' ? meta.createdAt : meta.createdAt.toISOString();
  const starts = lineItems.map((l) => l.startDate).sort();
  const ends = lineItems.map((l) => l.endDate).sort();
  const planMrm: Record<string, unknown> = {};
  if (plan.vatRate !== undefined) planMrm.vatRate = plan.vatRate;
  if (plan.agencyCommission !== undefined) planMrm.agencyCommission = plan.agencyCommission;
  if (plan.budget === null) planMrm.budget = null;
  if (plan.startDate === null) planMrm.startDate = null;
  if (plan.endDate === null) planMrm.endDate = null;
  const comments = meta.comments ?? plan.notes ?? undefined;
  if (meta.comments !== undefined) planMrm.notes = plan.notes;

  const campaign: Record<string, unknown> = {
    id: plan.id ?? meta.documentId,
    name: plan.name,
    start_date: plan.startDate ?? starts[0] ?? createdAt.slice(0, 10),
    end_date: plan.endDate ?? ends[ends.length - 1] ?? createdAt.slice(0, 10),
    budget_currency: plan.currency,
    budget_total: Number(plan.budget ?? sumAmounts(lineItems.map((l) => l.costTotal))),
  };
  if (meta.clientName) campaign.advertiser_name = meta.clientName;
  if (meta.agencyName) campaign.agency_name = meta.agencyName;

  return {
    meta: {
      id: meta.documentId,
      schema_version: STANDARD_VERSION,
      name: plan.name,
      ...(meta.createdById ? { created_by_id: meta.createdById } : {}),
      created_by_name: meta.createdByName,
      created_at: createdAt,
      ...(comments !== undefined ? { comments } : {}),
      ...(Object.keys(planMrm).length > 0 ? { custom_properties: { mrm: planMrm } } : {}),
    },
    campaign,
    lineitems: lineItems.map(lineToStandard),
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function decimal(value: unknown, scale: number): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return numberToDecimal(value, scale);
  const parsed = typeof value === 'string' ? parseLocaleNumber(value) : null;
  // Anything else is passed on as it is, for the contract's validation to name.
  return parsed === null ? value : roundDecimal(parsed, scale);
}

function convert(field: LineField, value: unknown): unknown {
  switch (FIELD_KINDS[field]) {
    case 'money':
      return decimal(value, 2);
    case 'exchange': {
      const d = decimal(value, 8);
      return typeof d === 'string' ? trimDecimal(d) : d;
    }
    case 'text':
      return text(value) ?? value;
    default:
      return value;
  }
}

function lineFromStandard(li: Record<string, unknown>): LineItemInput {
  const out: Record<string, unknown> = {};
  const unmapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(li)) {
    if (key === 'id') {
      out.code = text(value) ?? null;
      continue;
    }
    if (key === 'custom_properties') continue;
    const field = toCamel(key) as LineField;
    if (Object.hasOwn(FIELD_KINDS, field) && toSnake(field) === key && !NOT_STANDARD.has(field)) {
      if (value !== null && value !== undefined) out[field] = convert(field, value);
    } else unmapped[key] = value;
  }
  const custom = isPlainObject(li.custom_properties) ? { ...li.custom_properties } : {};
  const mrm = isPlainObject(custom.mrm) ? custom.mrm : {};
  delete custom.mrm;
  for (const f of MRM_FIELDS) if (mrm[f] !== undefined) out[f] = mrm[f];
  // Fields a later version of the standard may add have no place in a line; keep them, not drop them.
  if (Object.keys(unmapped).length > 0) custom.unmappedFields = unmapped;
  if (Object.keys(custom).length > 0) out.customProperties = custom;
  return out as LineItemInput;
}

/**
 * A v3.0 document as a plan and its lines, in the API's camelCase with money as 2-decimal strings.
 * Expects a document that validateStandardDocument accepted; the lines still go through the
 * contract's own validation afterwards (the standard allows, say, a negative cost).
 */
export function fromStandardDocument(doc: unknown): { plan: ImportedPlan; lineItems: LineItemInput[] } {
  if (!isPlainObject(doc)) throw new TypeError('a media plan document must be a JSON object');
  const meta = isPlainObject(doc.meta) ? doc.meta : {};
  const campaign = isPlainObject(doc.campaign) ? doc.campaign : {};
  const custom = isPlainObject(meta.custom_properties) ? meta.custom_properties : {};
  const mrm = isPlainObject(custom.mrm) ? custom.mrm : {};
  const budget = decimal(campaign.budget_total, 2);
  const plan: ImportedPlan = {
    name: text(meta.name) ?? text(campaign.name) ?? '',
    currency: text(campaign.budget_currency)?.toUpperCase() ?? null,
    budget: mrm.budget === null || typeof budget !== 'string' ? null : budget,
    startDate: mrm.startDate === null ? null : (text(campaign.start_date) ?? null),
    endDate: mrm.endDate === null ? null : (text(campaign.end_date) ?? null),
    notes: 'notes' in mrm ? ((mrm.notes as string | null) ?? null) : (text(meta.comments) ?? null),
  };
  if (typeof mrm.vatRate === 'string') plan.vatRate = mrm.vatRate;
  if (typeof mrm.agencyCommission === 'string') plan.agencyCommission = mrm.agencyCommission;
  const items = Array.isArray(doc.lineitems) ? doc.lineitems : [];
  return { plan, lineItems: items.filter(isPlainObject).map(lineFromStandard) };
}
