import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { client, uniqueEmail } from '../helpers.js';
import { TEST_ENV } from '../setup/servers.js';

/*
 * Every operation in the committed OpenAPI document is sent malformed input, and every answer must
 * be a 4xx problem+json that names what was wrong. The document is read at run time so that an
 * endpoint added later is covered without touching this file.
 */

type Schema = Record<string, any>;
interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

export const spec = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';
const BODY_LIMIT = 1024 * 1024;
// File imports take the file itself and have a limit of their own.
const IMPORT_LIMIT = Number(TEST_ENV.IMPORT_LIMIT_BYTES);
const limitFor = (path: string) => (path.endsWith('/import') ? IMPORT_LIMIT : BODY_LIMIT);
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// The document marks invitations/accept as bearer-protected, but it is reached before one has an account.
const PUBLIC = new Set([
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/oauth/token',
]);
export const OAUTH_TOKEN = 'POST /api/v1/oauth/token';
// RFC 6749 §5.2: a token endpoint's 400/401 answers carry one of these in `error`.
export const OAUTH_ERRORS = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'];

/* ---------- schema helpers ---------- */

function deref(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  while (s.$ref) s = spec.components.schemas[String(s.$ref).split('/').pop()!];
  return s;
}

/** The non-null alternatives of a schema (anyOf/oneOf flattened). */
function variants(schema: Schema): Schema[] {
  const s = deref(schema);
  const alts = s.anyOf ?? s.oneOf;
  if (!alts) return s.type === 'null' ? [] : [s];
  return alts.flatMap((a: Schema) => variants(a));
}

function allowsNull(schema: Schema): boolean {
  const s = deref(schema);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.some((a: Schema) => allowsNull(a));
  return s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || s.nullable === true;
}

function jsonTypes(schema: Schema): Set<string> {
  const out = new Set<string>();
  for (const v of variants(schema)) {
    for (const t of [v.type ?? (v.enum ? typeof v.enum[0] : undefined)].flat()) {
      if (t === 'integer') out.add('number');
      if (t) out.add(t);
    }
  }
  return out;
}

export interface Ctx {
  api: ReturnType<typeof client>;
  token: string;
  ids: Record<string, string>;
  oauthClientId: string;
  oauthSecret: string;
}

const PATTERN_CANDIDATES = ['RUB', '100.00', 'abcde-12345', '2025-01-15', 'x'];

/** A value the schema accepts, so that only the deliberately broken part of a request is wrong. */
function sample(schema: Schema, name: string, ctx: Ctx): unknown {
  const s = variants(schema)[0] ?? {};
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 1, 1) }, () => sample(s.items ?? {}, name, ctx));
    case 'object':
      return sampleObject(s, ctx);
    default: {
      if (s.format === 'email') return uniqueEmail('sample');
      if (s.format === 'uuid') return ctx.ids[name.replace(/Id$/, '')] ?? randomUUID();
      if (s.format === 'date') return '2025-01-15';
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (hit) return hit;
      }
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    }
  }
}

/** Only the required properties, each with an accepted value. */
function sampleObject(schema: Schema, ctx: Ctx): Record<string, unknown> {
  // A union (one request shape per platform, say) is sampled by its first shape.
  const s = variants(schema)[0] ?? deref(schema);
  const out: Record<string, unknown> = {};
  for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, key, ctx);
  return out;
}

const WRONG_TYPES: Array<{ type: string; label: string; value: unknown }> = [
  { type: 'string', label: 'a string', value: 'not-of-this-type' },
  { type: 'number', label: 'a number', value: 12345 },
  { type: 'boolean', label: 'a boolean', value: true },
  { type: 'object', label: 'an object', value: { nested: 'x' } },
  { type: 'null', label: 'null', value: null },
];

function wrongTypes(schema: Schema): Array<{ label: string; value: unknown }> {
  const allowed = jsonTypes(schema);
  if (allowsNull(schema)) allowed.add('null');
  if (allowed.size === 0) return [];
  return WRONG_TYPES.filter((w) => !allowed.has(w.type));
}

/** Values of the right JSON type that break a constraint (enum, length, format, range, items). */
function violations(schema: Schema, name: string): Array<{ label: string; text: boolean; value: (ctx: Ctx) => unknown }> {
  const out: Array<{ label: string; text: boolean; value: (ctx: Ctx) => unknown }> = [];
  const push = (label: string, value: (ctx: Ctx) => unknown, text = true) => out.push({ label, value, text });
  for (const s of variants(schema)) {
    if (s.enum) push('a value outside its enum', () => 'not-a-member');
    if (s.type === 'string') {
      if (s.maxLength !== undefined) push(`longer than ${s.maxLength}`, () => 'x'.repeat(s.maxLength + 1));
      if (s.minLength > 0) push('empty', () => '');
      if (s.format === 'uuid') push('not a UUID', () => 'not-a-uuid');
      else if (s.format === 'date') push('an impossible date', () => '2025-02-30');
      else if (s.format === 'email') push('not an email', () => 'not-an-email');
      else if (s.pattern && !new RegExp(s.pattern).test('#!')) push('not matching its pattern', () => '#!');
    }
    if (s.type === 'integer' || s.type === 'number') {
      if (s.minimum !== undefined) push(`below ${s.minimum}`, () => s.minimum - 1, false);
      if (s.maximum !== undefined) push(`above ${s.maximum}`, () => s.maximum + 1, false);
      if (s.type === 'integer') push('fractional', () => 1.5, false);
    }
    if (s.type === 'array') {
      if (s.minItems > 0) push('an empty array', () => [], false);
      if (s.maxItems !== undefined) push(`more than ${s.maxItems} items`, (ctx) => Array.from({ length: s.maxItems + 1 }, () => sample(s.items ?? {}, name, ctx)), false);
      const itemWrong = wrongTypes(s.items ?? {})[0];
      if (itemWrong) push(`an item that is ${itemWrong.label}`, () => [itemWrong.value], false);
    }
  }
  return out;
}

/* ---------- cases ---------- */

export interface Want {
  status?: number | number[];
  /** errors[].field must contain this name (or a nested path under it). */
  field?: string;
  /** errors[] must name at least one field. */
  anyField?: boolean;
}

export interface Request {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  raw?: string;
  body?: unknown;
  anonymous?: boolean;
}

interface Case {
  label: string;
  request: (ctx: Ctx) => Request | Promise<Request>;
  want: Want;
}

interface OperationCases {
  key: string;
  oauth: boolean;
  cases: Case[];
}

/** Real ids for the resources a path names; anything unrecognised gets a random UUID. */
const RESOURCE_OF_SEGMENT: Record<string, string> = {
  clients: 'client',
  projects: 'project',
  members: 'member',
  invitations: 'invitation',
  'oauth-clients': 'oauthClient',
  'media-plans': 'plan',
  'line-items': 'lineItem',
  shares: 'share',
  versions: 'version',
  approvals: 'shareToken',
  connections: 'connection',
  reports: 'report',
  'report-schedules': 'reportSchedule',
};

/** Path parameters that are not UUIDs: their malformed values, a well-formed one that names nothing, and the value used while another parameter is broken. */
const PATH_KINDS: Record<string, { bad: string[]; unknown: () => string; valid?: string }> = {
  queue: { bad: ['mail', 'SYNC', '1'], unknown: () => 'reports', valid: 'email' },
  jobId: { bad: ['has space', 'semi;colon', 'colon:not-allowed'], unknown: () => `plan.review-requested.${randomUUID()}.1` },
  n: { bad: ['abc', '0', '-1', '1.5'], unknown: () => '999' },
  token: { bad: ['not-a-token', '12345', randomUUID()], unknown: () => `msl_${randomBytes(32).toString('base64url')}` },
};

export function fillPath(template: string, ctx: Ctx, override: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, param: string, offset: number) => {
    if (override[param] !== undefined) return encodeURIComponent(override[param]);
    if (PATH_KINDS[param]?.valid) return PATH_KINDS[param].valid;
    const segment = template.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
    return ctx.ids[RESOURCE_OF_SEGMENT[segment]] ?? randomUUID();
  });
}

export const form = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');

function queryString(pairs: Array<[string, string]>): string {
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function casesFor(path: string, method: string, op: Operation): OperationCases {
  const key = `${method.toUpperCase()} ${path}`;
  const anonymous = PUBLIC.has(key);
  const params = op.parameters ?? [];
  const ifMatch = params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content[JSON_TYPE] ? deref(content[JSON_TYPE].schema) : undefined;
  const formSchema = content[FORM_TYPE] ? deref(content[FORM_TYPE].schema) : undefined;
  const anySchema = jsonSchema ?? formSchema;
  const cases: Case[] = [];

  // A request that is valid except for what a case breaks: real ids, an If-Match that matches anything.
  const base = (ctx: Ctx, extra: Partial<Request> = {}): Request => ({
    method: method.toUpperCase(),
    path: fillPath(path, ctx),
    anonymous,
    ...extra,
    headers: { ...(ifMatch ? { 'if-match': '*' } : {}), ...(extra.headers ?? {}) },
  });
  const validBody = (ctx: Ctx) => (anySchema ? sampleObject(anySchema, ctx) : undefined);
  const add = (label: string, want: Want, request: Case['request']) => cases.push({ label, want, request });

  if (jsonSchema) {
    const json = (raw: string) => (ctx: Ctx) => base(ctx, { raw, headers: { 'content-type': JSON_TYPE } });
    add('malformed JSON → 400 naming (body)', { status: 400, field: '(body)' }, json('{"a":'));
    add('Content-Type JSON with an empty body → 400 naming (body)', { status: 400, field: '(body)' }, json(''));
    add('no body at all → 400', { status: 400, anyField: true }, (ctx) => base(ctx));
    add('a JSON array instead of an object → 400 naming (body)', { status: 400, field: '(body)' }, json('[]'));
    add('JSON null instead of an object → 400 naming (body)', { status: 400, field: '(body)' }, json('null'));
    add('a JSON string instead of an object → 400 naming (body)', { status: 400, field: '(body)' }, json('"text"'));
    add('a JSON number instead of an object → 400 naming (body)', { status: 400, field: '(body)' }, json('42'));
    add('a __proto__ key → 400', { status: 400 }, json('{"__proto__":{"polluted":true}}'));
    add('a constructor.prototype key → 400', { status: 400 }, json('{"constructor":{"prototype":{"polluted":true}}}'));
    add(`a body over ${limitFor(path)} bytes → 413`, { status: 413 }, json(JSON.stringify({ padding: 'x'.repeat(limitFor(path) + 1024) })));

    const properties: Record<string, Schema> = jsonSchema.properties ?? {};
    for (const [prop, propSchema] of Object.entries(properties)) {
      for (const wrong of wrongTypes(propSchema)) {
        add(`body.${prop} as ${wrong.label} → 400 naming ${prop}`, { status: 400, field: prop }, (ctx) =>
          base(ctx, { body: { ...validBody(ctx), [prop]: wrong.value } }),
        );
      }
      for (const bad of violations(propSchema, prop)) {
        add(`body.${prop} ${bad.label} → 400 naming ${prop}`, { status: 400, field: prop }, (ctx) =>
          base(ctx, { body: { ...validBody(ctx), [prop]: bad.value(ctx) } }),
        );
      }
    }
    for (const prop of jsonSchema.required ?? []) {
      add(`body without required ${prop} → 400 naming ${prop}`, { status: 400, field: prop }, (ctx) => {
        const { [prop]: _omitted, ...rest } = validBody(ctx) ?? {};
        return base(ctx, { body: rest });
      });
    }
    if (jsonSchema.additionalProperties === false) {
      add('an unknown body property → 400 naming it', { status: 400, field: 'unexpectedField' }, (ctx) =>
        base(ctx, { body: { ...validBody(ctx), unexpectedField: 'surprise' } }),
      );
    }
  }

  if (formSchema) {
    const formReq = (raw: (ctx: Ctx) => string) => (ctx: Ctx) => base(ctx, { raw: raw(ctx), headers: { 'content-type': FORM_TYPE } });
    add(`a form body over ${BODY_LIMIT} bytes → 413`, { status: 413 }, formReq(() => `padding=${'x'.repeat(BODY_LIMIT + 1024)}`));
    add('a form __proto__ key → 400', { status: 400 }, formReq((ctx) => `${form(validBody(ctx)!)}&__proto__=x`));
    for (const prop of formSchema.required ?? []) {
      add(`form without required ${prop} → 400 naming ${prop}`, { status: 400, field: prop }, formReq((ctx) => {
        const { [prop]: _omitted, ...rest } = validBody(ctx)!;
        return form(rest);
      }));
    }
    for (const [prop, propSchema] of Object.entries<Schema>(formSchema.properties ?? {})) {
      // RFC 6749 §3.2: a parameter must not be sent more than once.
      add(`form field ${prop} sent twice → 400 naming ${prop}`, { status: 400, field: prop }, formReq((ctx) => {
        const value = String(sample(propSchema, prop, ctx));
        return form({ ...validBody(ctx), [prop]: value }) + `&${encodeURIComponent(prop)}=${encodeURIComponent(value)}`;
      }));
      for (const bad of violations(propSchema, prop).filter((v) => v.text)) {
        add(`form field ${prop} ${bad.label} → 400 naming ${prop}`, { status: 400, field: prop }, formReq((ctx) => form({ ...validBody(ctx), [prop]: bad.value(ctx) })));
      }
    }
  }

  if (anySchema) {
    for (const type of ['text/plain', 'application/xml', FORM_TYPE].filter((t) => !content[t])) {
      add(`Content-Type ${type} → 415`, { status: 415 }, (ctx) => {
        const body = validBody(ctx) ?? {};
        const raw = type === FORM_TYPE ? form(body) : type === 'application/xml' ? '<body/>' : JSON.stringify(body);
        return base(ctx, { raw, headers: { 'content-type': type } });
      });
    }
  }

  const bodyFor = (ctx: Ctx): Partial<Request> => (anySchema ? { body: validBody(ctx) } : {});
  // Required query parameters get valid values when a case breaks something else.
  const requiredQuery = (ctx: Ctx) => queryString(params.filter((q) => q.in === 'query' && q.required).map((q) => [q.name, String(sample(q.schema ?? {}, q.name, ctx))]));

  for (const p of params.filter((q) => q.in === 'path')) {
    const kind = PATH_KINDS[p.name];
    for (const value of kind?.bad ?? ['not-a-uuid', '12345', '3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c0', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ']) {
      add(`path ${p.name}=${value} → 400 naming ${p.name}`, { status: 400, field: p.name }, (ctx) => ({ ...base(ctx, bodyFor(ctx)), query: requiredQuery(ctx), path: fillPath(path, ctx, { [p.name]: value }) }));
    }
    add(`path ${p.name} ${kind ? 'well formed but unknown' : 'an unknown UUID'} → 404`, { status: 404 }, (ctx) => ({ ...base(ctx, bodyFor(ctx)), query: requiredQuery(ctx), path: fillPath(path, ctx, { [p.name]: kind ? kind.unknown() : randomUUID() }) }));
  }

  const queryParams = params.filter((q) => q.in === 'query');
  if (queryParams.length) {
    const withQuery = (pairs: Array<[string, string]>) => (ctx: Ctx) => base(ctx, { query: queryString(pairs) });
    for (const q of queryParams) {
      const s = variants(q.schema ?? {})[0] ?? {};
      const bad: Array<[string, string]> = [];
      if (s.type === 'integer' || s.type === 'number') {
        bad.push(['abc', 'not a number'], ['', 'empty']);
        if (s.type === 'integer') bad.push(['1.5', 'fractional']);
        if (s.minimum !== undefined) bad.push([String(s.minimum - 1), `below ${s.minimum}`]);
        if (s.maximum !== undefined) bad.push([String(s.maximum + 1), `above ${s.maximum}`]);
      }
      if (s.enum) bad.push(['bogus', 'outside its enum']);
      if (s.type === 'string' && !s.enum) {
        if (s.maxLength !== undefined) bad.push(['x'.repeat(s.maxLength + 1), `longer than ${s.maxLength}`]);
        if (s.minLength > 0) bad.push(['', 'empty']);
        if (s.format === 'uuid') bad.push(['not-a-uuid', 'not a UUID']);
      }
      for (const [value, why] of bad) {
        add(`query ${q.name} ${why} (${JSON.stringify(value.length > 20 ? `${value.slice(0, 8)}…` : value)}) → 400 naming ${q.name}`, { status: 400, field: q.name }, withQuery([[q.name, value]]));
      }
      add(`query ${q.name} repeated → 400 naming ${q.name}`, { status: 400, field: q.name }, (ctx) => {
        const v = String(sample(q.schema ?? {}, q.name, ctx));
        return base(ctx, { query: queryString([[q.name, v], [q.name, v]]) });
      });
    }
    add('an unknown query parameter → 400 naming it', { status: 400, field: 'bogus' }, withQuery([['bogus', '1']]));

    // Cursors are opaque tokens this API issued; a tampered one must be refused, not fed to the database.
    const cursor = queryParams.find((q) => q.name === 'cursor');
    if (cursor) {
      const sortParam = queryParams.find((q) => q.name === 'sort');
      const timeSort: string | undefined = (variants(sortParam?.schema ?? {})[0]?.enum ?? []).find((v: string) => /^[a-z]+At$/.test(v));
      const sortPairs: Array<[string, string]> = timeSort ? [['sort', timeSort]] : [];
      const tampered = (change: (position: unknown, id: unknown) => [unknown, unknown]) => async (ctx: Ctx) => {
        const first = await ctx.api.get(`${fillPath(path, ctx)}${queryString([...sortPairs, ['limit', '1']])}`, { token: ctx.token });
        expect(first.body?.nextCursor, `a second page to take a cursor from: ${JSON.stringify(first.body)}`).toEqual(expect.any(String));
        const [position, id] = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
        return base(ctx, { query: queryString([...sortPairs, ['cursor', b64url(change(position, id))]]) });
      };
      add('query cursor not base64 JSON → 400 naming cursor', { status: 400, field: 'cursor' }, withQuery([['cursor', '!!garbage!!']]));
      add('query cursor of the wrong shape → 400 naming cursor', { status: 400, field: 'cursor' }, withQuery([['cursor', b64url({ position: 1 })]]));
      add(`query cursor issued by the API, its position replaced by text${timeSort ? ` (sort=${timeSort})` : ''} → 400 naming cursor`, { status: 400, field: 'cursor' }, tampered((_p, id) => ['not-a-position', id]));
      // Sortable lists page on (sort value, id), so there the id half of the cursor reaches the database too.
      if (sortParam) {
        add(`query cursor issued by the API, its id replaced by a non-UUID${timeSort ? ` (sort=${timeSort})` : ''} → 400 naming cursor`, { status: 400, field: 'cursor' }, tampered((position) => [position, 'not-a-uuid']));
      }
    }
  }

  for (const h of params.filter((p) => p.in === 'header')) {
    const name = h.name;
    if (name.toLowerCase() === 'x-tenant-id') {
      add(`header ${name} not a UUID → 400 naming ${name}`, { status: 400, field: name }, (ctx) => base(ctx, { ...bodyFor(ctx), headers: { [name]: 'not-a-uuid' } }));
      add(`header ${name} an unknown workspace → 404`, { status: 404 }, (ctx) => base(ctx, { ...bodyFor(ctx), headers: { [name]: randomUUID() } }));
    } else if (name.toLowerCase() === 'if-match') {
      add(`header ${name} missing → 428 naming ${name}`, { status: 428, field: name }, (ctx) => {
        const r = base(ctx, bodyFor(ctx));
        delete r.headers!['if-match'];
        return r;
      });
      add(`header ${name} stale → 412 naming ${name}`, { status: 412, field: name }, (ctx) => base(ctx, { ...bodyFor(ctx), headers: { 'if-match': '"v999999"' } }));
    } else if (h.required) {
      add(`required header ${name} missing → 4xx naming ${name}`, { field: name }, (ctx) => base(ctx, bodyFor(ctx)));
    }
  }

  return { key, oauth: key === OAUTH_TOKEN, cases };
}

export const operations: OperationCases[] = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!METHODS.includes(method)) continue;
    operations.push(casesFor(path, method, op));
  }
}

