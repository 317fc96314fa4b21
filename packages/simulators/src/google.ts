/**
 * Google Ads API (REST) simulator: `googleAds:searchStream` and `googleAds:search` with a GAQL
 * subset, the OAuth token endpoint, Google's error JSON.
 */
import { randomBytes } from 'node:crypto';
import { bearer, formBody, HttpError, sendJson, Simulator, type Ctx, type SimulatorOptions } from './base.js';
import type { DailyRow, SandboxAccount } from './data.js';
import { addDays, isIsoDate } from './dates.js';

export const GOOGLE_FAULT_KINDS = [
  /** HTTP 429 RESOURCE_EXHAUSTED with quotaError RESOURCE_EXHAUSTED, no retry hint. */
  'quota',
  /** Same answer as `quota`: Google's throttling is its quota error. */
  'rate_limit',
  /** HTTP 500 INTERNAL. */
  'internal',
  /** HTTP 503 UNAVAILABLE. */
  'unavailable',
  /** HTTP 401 UNAUTHENTICATED, authenticationError OAUTH_TOKEN_EXPIRED, whatever the token. */
  'auth_expired',
  /** searchStream sends its first batch, then the connection is cut. */
  'stream_interrupted',
] as const;

export interface GoogleAdsOptions extends SimulatorOptions {
  /** Accepted `developer-token`. Default 'sandbox-developer-token'. */
  developerToken?: string;
  /** Access tokens always accepted. Default ['sandbox-google-access-token']. */
  accessTokens?: string[];
  /** Refresh tokens the token endpoint accepts. Default ['sandbox-google-refresh-token']. */
  refreshTokens?: string[];
  /** Lifetime of issued access tokens in seconds. Default 3599. */
  tokenTtlSec?: number;
  /** Rows per searchStream batch. Default 10,000 (Google's). */
  batchSize?: number;
  /** Rows per googleAds:search page. Default 10,000. */
  pageSize?: number;
}

const FIELD_RESOURCES: Record<string, string> = { customer: 'customer', campaign: 'campaign', ad_group: 'ad_group' };
const LEVEL_RANK: Record<string, number> = { customer: 0, campaign: 1, ad_group: 2 };

const KNOWN_FIELDS = new Set([
  'customer.id', 'customer.descriptive_name', 'customer.currency_code', 'customer.resource_name',
  'campaign.id', 'campaign.name', 'campaign.status', 'campaign.resource_name', 'campaign.advertising_channel_type',
  'ad_group.id', 'ad_group.name', 'ad_group.status', 'ad_group.resource_name', 'ad_group.campaign',
  'segments.date',
  'metrics.impressions', 'metrics.clicks', 'metrics.cost_micros', 'metrics.conversions', 'metrics.video_views',
  'metrics.ctr', 'metrics.average_cpc', 'metrics.average_cpm',
]);

interface Condition {
  field: string;
  op: string;
  values: string[];
}

interface Query {
  fields: string[];
  resource: string;
  conditions: Condition[];
  limit?: number;
}

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function queryError(ctx: Ctx, code: string, message: string): HttpError {
  return googleError(ctx, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', { queryError: code }, message);
}

export function googleError(ctx: Ctx, status: number, grpc: string, message: string, errorCode: Record<string, string>, detail: string, version = 'v17'): HttpError {
  return new HttpError(status, {
    error: {
      code: status,
      message,
      status: grpc,
      details: [
        {
          '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
          errors: [{ errorCode, message: detail }],
          requestId: ctx.requestId,
        },
      ],
    },
  });
}

function stripValue(v: string): string {
  return v.trim().replace(/^'(.*)'$/s, '$1').replace(/^"(.*)"$/s, '$1');
}

/** Parses the GAQL subset: SELECT … FROM … [WHERE a AND b …] [ORDER BY …] [LIMIT n] [PARAMETERS …]. */
export function parseGaql(text: string, today: string): Query | string {
  const q = text.replace(/\s+/g, ' ').trim();
  const m = /^SELECT (.+?) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\d+))?(?: PARAMETERS .+)?$/i.exec(q);
  if (!m) return 'UNEXPECTED_END_OF_QUERY';
  const fields = m[1].split(',').map((f) => f.trim()).filter(Boolean);
  const resource = m[2].toLowerCase();
  const conditions: Condition[] = [];
  if (m[3]) {
    for (const part of m[3].split(/ AND (?![^(]*\))(?=(?:[^']*'[^']*')*[^']*$)/i)) {
      // `segments.date BETWEEN 'a' AND 'b'` was split on its inner AND: glue it back.
      const last = conditions[conditions.length - 1];
      if (last && last.op === 'BETWEEN' && last.values.length === 1) {
        last.values.push(stripValue(part));
        continue;
      }
      const c = /^([\w.]+) (BETWEEN|DURING|IN|NOT IN|=|!=|>=|<=|>|<|LIKE) (.+)$/i.exec(part.trim());
      if (!c) return 'BAD_OPERATOR';
      const op = c[2].toUpperCase();
      let values: string[];
      if (op === 'IN' || op === 'NOT IN') values = c[3].replace(/^\(|\)$/g, '').split(',').map(stripValue);
      else values = [stripValue(c[3])];
      conditions.push({ field: c[1], op, values });
    }
  }
  for (const c of conditions) {
    if (c.op === 'DURING') {
      const range = duringRange(c.values[0], today);
      if (!range) return 'INVALID_VALUE_WITH_DURING_OPERATOR';
      c.op = 'BETWEEN';
      c.values = range;
    }
  }
  return { fields, resource, conditions, limit: m[5] ? Number(m[5]) : undefined };
}

function duringRange(name: string, today: string): [string, string] | undefined {
  const y = addDays(today, -1);
  switch (name.toUpperCase()) {
    case 'TODAY': return [today, today];
    case 'YESTERDAY': return [y, y];
    case 'LAST_7_DAYS': return [addDays(today, -7), y];
    case 'LAST_14_DAYS': return [addDays(today, -14), y];
    case 'LAST_30_DAYS': return [addDays(today, -30), y];
    case 'THIS_MONTH': return [`${today.slice(0, 7)}-01`, today];
    default: return undefined;
  }
}

interface Row {
  date?: string;
  campaignId?: string;
  adGroupId?: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  videoViews: number;
}

export class GoogleAdsSimulator extends Simulator {
  readonly platform = 'google' as const;
  readonly faultKinds = GOOGLE_FAULT_KINDS;
  private issued = new Map<string, number>();
  private tokenSeq = 0;

  constructor(private readonly g: GoogleAdsOptions = {}) {
    super('google', g, false);
  }

  get developerToken(): string {
    return this.g.developerToken ?? 'sandbox-developer-token';
  }

  credentials(): Record<string, unknown> {
    return {
      developerToken: this.developerToken,
      accessTokens: this.g.accessTokens ?? ['sandbox-google-access-token'],
      refreshTokens: this.g.refreshTokens ?? ['sandbox-google-refresh-token'],
      clientId: 'sandbox-client-id.apps.googleusercontent.com',
      clientSecret: 'sandbox-client-secret',
      tokenUrl: `${this.url}/token`,
    };
  }

  /** Makes every access token issued so far expire now. */
  expireIssuedTokens(): void {
    for (const k of this.issued.keys()) this.issued.set(k, 0);
  }

  protected override internalError(ctx: Ctx, err: unknown): HttpError {
    return googleError(ctx, 500, 'INTERNAL', 'Internal error encountered.', { internalError: 'INTERNAL_ERROR' }, String(err));
  }

  protected async handle(ctx: Ctx): Promise<void> {
    const { req, url } = ctx;
    if (url.pathname === '/token' && req.method === 'POST') return this.token(ctx);
    const m = /^\/v(\d+)\/customers\/(\d+)\/googleAds:(searchStream|search)$/.exec(url.pathname);
    if (!m) throw googleError(ctx, 404, 'NOT_FOUND', 'Requested entity was not found.', { requestError: 'UNKNOWN' }, `no route ${req.method} ${url.pathname}`);
    if (req.method !== 'POST') throw googleError(ctx, 405, 'UNIMPLEMENTED', 'Method not allowed.', { requestError: 'UNKNOWN' }, 'use POST');
    const version = `v${m[1]}`;
    const customerId = m[2];
    ctx.record.account = customerId;
    this.authenticate(ctx, version);
    const account = this.data.account(customerId);
    if (!account) {
      throw googleError(ctx, 403, 'PERMISSION_DENIED', "The caller does not have permission", { authorizationError: 'USER_PERMISSION_DENIED' },
        "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.", version);
    }
    const fault = this.takeFault(['quota', 'rate_limit', 'internal', 'unavailable', 'stream_interrupted'], customerId);
    if (fault?.kind === 'quota' || fault?.kind === 'rate_limit' || this.overRateLimit(customerId, ctx.record.at)) {
      throw googleError(ctx, fault?.status ?? 429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', { quotaError: 'RESOURCE_EXHAUSTED' }, 'Too many requests.', version);
    }
    if (fault?.kind === 'internal') throw googleError(ctx, fault.status ?? 500, 'INTERNAL', 'Internal error encountered.', { internalError: 'INTERNAL_ERROR' }, 'An internal error has occurred.', version);
    if (fault?.kind === 'unavailable') throw googleError(ctx, fault.status ?? 503, 'UNAVAILABLE', 'The service is currently unavailable.', { internalError: 'TRANSIENT_ERROR' }, 'The service is currently unavailable.', version);

    let payload: { query?: unknown; pageToken?: unknown; pageSize?: unknown };
    try {
      payload = JSON.parse(ctx.body.toString('utf8') || '{}');
    } catch {
      throw googleError(ctx, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.', { requestError: 'BAD_RESOURCE_ID' }, 'Invalid JSON payload received.', version);
    }
    if (typeof payload.query !== 'string' || !payload.query.trim()) throw queryError(ctx, 'UNEXPECTED_END_OF_QUERY', 'The query is empty.');
    const query = parseGaql(payload.query, this.data.today);
    if (typeof query === 'string') throw queryError(ctx, query, `Error in query: ${payload.query}`);
    const rows = this.run(ctx, account, query);
    const fieldMask = query.fields.map((f) => f.split('.').map(camel).join('.')).join(',');
    const results = rows.map((r) => this.render(account, query.fields, r));

    if (m[3] === 'search') {
      const pageSize = this.g.pageSize ?? 10_000;
      const offset = typeof payload.pageToken === 'string' && payload.pageToken ? Number(Buffer.from(payload.pageToken, 'base64url').toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0 || offset > results.length) {
        throw googleError(ctx, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', { requestError: 'INVALID_PAGE_TOKEN' }, 'Page token is invalid.', version);
      }
      const page = results.slice(offset, offset + pageSize);
      const out: Record<string, unknown> = { fieldMask, requestId: ctx.requestId };
      if (page.length) out.results = page;
      if (offset + pageSize < results.length) out.nextPageToken = Buffer.from(String(offset + pageSize)).toString('base64url');
      sendJson(ctx.res, 200, out, { 'request-id': ctx.requestId });
      return;
    }

    // searchStream: a JSON array of batches, written batch by batch.
    const batchSize = this.g.batchSize ?? 10_000;
    const res = ctx.res;
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'request-id': ctx.requestId });
    res.write('[');
    if (results.length === 0) {
      res.write(JSON.stringify({ fieldMask, requestId: ctx.requestId }));
    }
    for (let i = 0; i < results.length; i += batchSize) {
      if (i > 0) res.write(',');
      res.write(JSON.stringify({ results: results.slice(i, i + batchSize), fieldMask, requestId: ctx.requestId }));
      if (fault?.kind === 'stream_interrupted') {
        await new Promise((r) => setTimeout(r, 10));
        res.destroy();
        return;
      }
    }
    res.end(']');
  }

  private authenticate(ctx: Ctx, version: string): void {
    const token = bearer(ctx.req);
    if (!token) {
      throw googleError(ctx, 401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        { authenticationError: 'NOT_ADS_USER' }, 'Authentication failed: no access token.', version);
    }
    const fault = this.takeFault(['auth_expired'], ctx.record.account);
    const expiry = this.issued.get(token);
    const staticOk = (this.g.accessTokens ?? ['sandbox-google-access-token']).includes(token);
    if (fault || (expiry !== undefined && expiry <= Date.now())) {
      throw googleError(ctx, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, 'Oauth token is expired.', version);
    }
    if (!staticOk && expiry === undefined) {
      throw googleError(ctx, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        { authenticationError: 'OAUTH_TOKEN_INVALID' }, 'Oauth token is invalid.', version);
    }
    const dev = ctx.req.headers['developer-token'];
    if (!dev) {
      throw googleError(ctx, 401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.', { authenticationError: 'DEVELOPER_TOKEN_PARAMETER_MISSING' }, 'The developer token is missing.', version);
    }
    if (dev !== this.developerToken) {
      throw googleError(ctx, 403, 'PERMISSION_DENIED', 'The caller does not have permission', { authorizationError: 'DEVELOPER_TOKEN_PROHIBITED' }, 'Developer token is not allowed with project.', version);
    }
  }

  private token(ctx: Ctx): void {
    const form = formBody(ctx);
    if (form.grant_type !== 'refresh_token') {
      sendJson(ctx.res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.grant_type ?? ''}` });
      return;
    }
    if (!form.client_id || !form.client_secret) {
      sendJson(ctx.res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      return;
    }
    if (!(this.g.refreshTokens ?? ['sandbox-google-refresh-token']).includes(form.refresh_token ?? '')) {
      sendJson(ctx.res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      return;
    }
    const ttl = this.g.tokenTtlSec ?? 3599;
    const token = `ya29.sandbox-${++this.tokenSeq}-${randomBytes(6).toString('hex')}`;
    this.issued.set(token, Date.now() + ttl * 1000);
    sendJson(ctx.res, 200, { access_token: token, expires_in: ttl, scope: 'https://www.googleapis.com/auth/adwords', token_type: 'Bearer' });
  }

  private run(ctx: Ctx, account: SandboxAccount, q: Query): Row[] {
    const resource = FIELD_RESOURCES[q.resource];
    if (!resource) throw queryError(ctx, 'INVALID_RESOURCE_NAME_IN_FROM_CLAUSE', `Resource '${q.resource}' is not supported here.`);
    for (const f of [...q.fields, ...q.conditions.map((c) => c.field)]) {
      if (!KNOWN_FIELDS.has(f)) throw queryError(ctx, 'UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${f}'.`);
      const prefix = f.split('.')[0];
      if (prefix in LEVEL_RANK && LEVEL_RANK[prefix] > LEVEL_RANK[resource]) {
        throw queryError(ctx, 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE', `Cannot select or filter on '${f}' FROM ${q.resource}.`);
      }
    }
    const byDate = q.fields.includes('segments.date');
    let from = '1970-01-01';
    let to = this.data.today;
    let dateFiltered = false;
    const filters: Condition[] = [];
    for (const c of q.conditions) {
      if (c.field !== 'segments.date') {
        filters.push(c);
        continue;
      }
      for (const v of c.values) if (!isIsoDate(v)) throw queryError(ctx, 'INVALID_VALUE_WITH_BETWEEN_OPERATOR', `Invalid date '${v}'.`);
      dateFiltered = true;
      if (c.op === 'BETWEEN') {
        from = c.values[0] > from ? c.values[0] : from;
        to = c.values[1] < to ? c.values[1] : to;
      } else if (c.op === '=') {
        from = to = c.values[0];
      } else if (c.op === '>=' || c.op === '>') {
        const v = c.op === '>' ? addDays(c.values[0], 1) : c.values[0];
        if (v > from) from = v;
      } else if (c.op === '<=' || c.op === '<') {
        const v = c.op === '<' ? addDays(c.values[0], -1) : c.values[0];
        if (v < to) to = v;
      } else {
        throw queryError(ctx, 'BAD_OPERATOR', `Operator ${c.op} is not supported on segments.date.`);
      }
    }
    if (byDate && !dateFiltered) {
      throw queryError(ctx, 'EXPECTED_FILTERS_ON_DATE_RANGE', 'A finite date range filter is required when segments.date is selected.');
    }
    const daily = this.data.rows(account.id, from, to).filter((r) => filters.every((c) => this.matches(account, r, c)));
    const keep = { campaign: LEVEL_RANK[resource] >= 1, adGroup: LEVEL_RANK[resource] >= 2 };
    const groups = new Map<string, Row>();
    for (const r of daily) {
      const key = `${byDate ? r.date : ''}|${keep.campaign ? r.campaignId : ''}|${keep.adGroup ? r.adGroupId : ''}`;
      let g = groups.get(key);
      if (!g) {
        g = { impressions: 0, clicks: 0, costMicros: 0, conversions: 0, videoViews: 0 };
        if (byDate) g.date = r.date;
        if (keep.campaign) g.campaignId = r.campaignId;
        if (keep.adGroup) g.adGroupId = r.adGroupId;
        groups.set(key, g);
      }
      g.impressions += r.impressions;
      g.clicks += r.clicks;
      g.costMicros += r.costMicros;
      g.conversions += r.conversions;
      g.videoViews += r.videoViews;
    }
    const out = [...groups.values()];
    return q.limit !== undefined ? out.slice(0, q.limit) : out;
  }

  private matches(account: SandboxAccount, r: DailyRow, c: Condition): boolean {
    let actual: string | number;
    switch (c.field) {
      case 'campaign.id': actual = r.campaignId; break;
      case 'ad_group.id': actual = r.adGroupId; break;
      case 'customer.id': actual = account.id; break;
      case 'campaign.status': case 'ad_group.status': actual = 'ENABLED'; break;
      case 'metrics.impressions': actual = r.impressions; break;
      case 'metrics.clicks': actual = r.clicks; break;
      case 'metrics.cost_micros': actual = r.costMicros; break;
      default: return true;
    }
    const num = typeof actual === 'number';
    const v = c.values.map((x) => (num ? Number(x) : x));
    switch (c.op) {
      case '=': return actual === v[0];
      case '!=': return actual !== v[0];
      case 'IN': return v.includes(actual);
      case 'NOT IN': return !v.includes(actual);
      case '>': return actual > v[0];
      case '>=': return actual >= v[0];
      case '<': return actual < v[0];
      case '<=': return actual <= v[0];
      default: return true;
    }
  }

  private render(account: SandboxAccount, fields: string[], r: Row): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    const campaign = r.campaignId ? account.campaigns.find((c) => c.id === r.campaignId) : undefined;
    const group = r.adGroupId ? campaign?.adGroups.find((g) => g.id === r.adGroupId) : undefined;
    const put = (obj: string, key: string, value: unknown) => {
      out[obj] ??= {};
      out[obj][key] = value;
    };
    for (const f of fields) {
      const [obj, name] = f.split('.');
      const o = camel(obj);
      if (obj === 'customer') {
        put(o, 'resourceName', `customers/${account.id}`);
        if (name === 'id') put(o, 'id', account.id);
        if (name === 'descriptive_name') put(o, 'descriptiveName', account.name);
        if (name === 'currency_code') put(o, 'currencyCode', account.currency);
      } else if (obj === 'campaign' && campaign) {
        put(o, 'resourceName', `customers/${account.id}/campaigns/${campaign.id}`);
        if (name === 'id') put(o, 'id', campaign.id);
        if (name === 'name') put(o, 'name', campaign.name);
        if (name === 'status') put(o, 'status', 'ENABLED');
        if (name === 'advertising_channel_type') put(o, 'advertisingChannelType', campaign.video ? 'VIDEO' : 'SEARCH');
      } else if (obj === 'ad_group' && group && campaign) {
        put(o, 'resourceName', `customers/${account.id}/adGroups/${group.id}`);
        if (name === 'id') put(o, 'id', group.id);
        if (name === 'name') put(o, 'name', group.name);
        if (name === 'status') put(o, 'status', 'ENABLED');
        if (name === 'campaign') put(o, 'campaign', `customers/${account.id}/campaigns/${campaign.id}`);
      } else if (obj === 'segments' && name === 'date') {
        put(o, 'date', r.date);
      } else if (obj === 'metrics') {
        // int64 fields travel as strings, doubles as numbers (proto3 JSON mapping).
        const value: unknown = {
          impressions: String(r.impressions),
          clicks: String(r.clicks),
          cost_micros: String(r.costMicros),
          conversions: r.conversions,
          video_views: String(r.videoViews),
          ctr: r.impressions ? r.clicks / r.impressions : 0,
          average_cpc: r.clicks ? r.costMicros / r.clicks : 0,
          average_cpm: r.impressions ? (r.costMicros / r.impressions) * 1000 : 0,
        }[name];
        put(o, camel(name), value);
      }
    }
    return out;
  }
}

export async function startGoogleAds(opts: GoogleAdsOptions = {}): Promise<GoogleAdsSimulator> {
  return new GoogleAdsSimulator(opts).listen();
}
