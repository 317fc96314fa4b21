import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AccessClaims, JwtService } from '../auth/jwt.js';
import type { Config } from '../config/config.js';
import { ProblemException } from '../common/problem.js';
import { OAUTH_TOKEN_PATH, sendProblem } from '../common/problem.filter.js';
import type { Metrics } from '../ops/metrics.js';
import type { RateLimiter } from '../ops/rate-limit.js';
import type { ApiUsage } from '../ops/usage.js';
import { isUuid } from '../common/http.js';
import { nameRequestSpan } from '../ops/trace.js';

const OPS_PATHS = new Set(['/health', '/ready', '/metrics']);
const SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};
// The interactive API page needs its own scripts and styles; every other response is pure data.
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

// The API speaks JSON; only the OAuth token endpoint also takes the form encoding RFC 6749 uses.
// Refusing forms elsewhere also shuts out cross-site form posts, which browsers send unpreflighted.
const FORM = 'application/x-www-form-urlencoded';
const hasBody = (req: FastifyRequest) => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

// Plan imports take the file itself: a workbook, a CSV, or an open-standard JSON document; so do
// actuals uploads (the file only: the mapping comes later as JSON).
const IMPORT_PATH = /^\/api\/v1\/media-plans\/[^/]+\/import$/;
const UPLOAD_PATH = /^\/api\/v1\/clients\/[^/]+\/actual-uploads$/;
const takesFile = (path: string) => IMPORT_PATH.test(path) || UPLOAD_PATH.test(path);
const FILE_TYPES = new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);

function unsupportedType(req: FastifyRequest, path: string): string | null {
  const declared = req.headers['content-type'];
  if (declared === undefined && !hasBody(req)) return null;
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return null;
  if (type === FORM && path === OAUTH_TOKEN_PATH) return null;
  if (FILE_TYPES.has(type) && takesFile(path)) return null;
  if (path === OAUTH_TOKEN_PATH) return `send ${FORM} or application/json`;
  if (UPLOAD_PATH.test(path)) return 'send the file as .xlsx or text/csv';
  return IMPORT_PATH.test(path) ? 'send the file as .xlsx, text/csv or application/json' : 'send application/json';
}

/** Only imports may send large bodies; the parser's limit is theirs, so other routes are checked here. */
function tooLarge(req: FastifyRequest, path: string, limit: number): boolean {
  return !takesFile(path) && Number(req.headers['content-length'] ?? 0) > limit;
}

type Timed = FastifyRequest & { startedAt?: bigint; userId?: string; tenantId?: string };

/**
 * The workspace a call is counted for: a machine client's own; for a person, the one named by
 * X-Tenant-Id, else the token's. Counted on arrival, before the membership check, so a call that is
 * then refused (403, 404, 429) still counts.
 */
function usageTenant(req: FastifyRequest, claims: AccessClaims): string | null {
  if (claims.typ === 'client') return claims.tid;
  const raw = req.headers['x-tenant-id'];
  const named = Array.isArray(raw) ? raw[0] : raw;
  return isUuid(named) ? named.toLowerCase() : claims.tid;
}

/** Cross-cutting HTTP behaviour that must hold for every route, matched or not. */
export function installHooks(fastify: FastifyInstance, deps: { config: Config; logger: Logger; metrics: Metrics; limiter: RateLimiter; usage: ApiUsage; jwt: JwtService }): void {
  const { config, logger, metrics, limiter, usage, jwt } = deps;

  fastify.addHook('onRequest', async (req: Timed, reply) => {
    req.startedAt = process.hrtime.bigint();
    reply.header('x-request-id', req.id);
    nameRequestSpan(req.method, req.routeOptions?.url, req.id);
    if (!req.url.startsWith('/api/')) return;
    metrics.apiCalls.inc();
    const path = req.url.split('?')[0];
    if (tooLarge(req, path, config.BODY_LIMIT_BYTES)) {
      const err = new ProblemException(413, 'request', 'The request body is larger than this endpoint accepts.', [{ field: '(body)', message: `at most ${config.BODY_LIMIT_BYTES} bytes` }]);
      sendProblem(reply, req, err, { error: () => undefined });
      return reply;
    }
    const expected = unsupportedType(req, path);
    if (expected) {
      const err = new ProblemException(415, 'unsupported-media-type', `This content type is not accepted; ${expected}.`, [{ field: 'Content-Type', message: expected }]);
      sendProblem(reply, req, err, { error: () => undefined });
      return reply;
    }
    // The address and, when the token is good, the account are counted in one Redis round trip, and
    // so is the call in its workspace's daily usage counter.
    // (The guard verifies the token again; the verdict is cached, so that costs nothing.)
    const header = req.headers.authorization;
    const claims = header?.startsWith('Bearer ') ? await jwt.verify(header.slice(7).trim()) : null;
    const buckets = [{ key: `ip:${req.ip}`, limit: config.RATE_LIMIT_PER_IP_PER_MINUTE }];
    const tenant = claims ? usageTenant(req, claims) : null;
    if (claims) {
      buckets.push({ key: `sub:${claims.sub}`, limit: config.RATE_LIMIT_PER_USER_PER_MINUTE });
      if (claims.typ === 'user') req.userId = claims.sub;
    }
    const decision = await limiter.hitAll(buckets, undefined, tenant ? [usage.tally(tenant)] : []);
    if (!decision.allowed) {
      const who = decision.bucket?.startsWith('sub:') ? 'for this account' : 'from this address';
      const err = new ProblemException(429, 'rate-limited', `Too many requests ${who}; try again in ${decision.retryAfterSeconds} s.`, undefined, {
        'retry-after': String(decision.retryAfterSeconds),
      });
      sendProblem(reply, req, err, { error: () => undefined });
      return reply;
    }
  });

  fastify.addHook('onSend', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!req.url.startsWith('/api/v1/docs')) reply.header('content-security-policy', API_CSP);
  });

  fastify.addHook('onResponse', async (req: Timed, reply) => {
    const seconds = req.startedAt ? Number(process.hrtime.bigint() - req.startedAt) / 1e9 : 0;
    const route = req.routeOptions?.url ?? 'unmatched';
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
    const path = req.url.split('?')[0];
    const line = {
      request_id: req.id,
      user_id: req.userId ?? null,
      tenant_id: req.tenantId ?? null,
      method: req.method,
      path,
      status: reply.statusCode,
      duration_ms: Math.round(seconds * 1e5) / 100,
    };
    const message = `${req.method} ${path} ${reply.statusCode}`;
    if (OPS_PATHS.has(path)) logger.debug(line, message);
    else if (reply.statusCode >= 500) logger.error(line, message);
    else logger.info(line, message);
  });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
let counter = 0;

/** Keep a caller's X-Request-Id when it is sane, so a trace spans services; otherwise make one. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  counter = (counter + 1) % 1_000_000;
  return `req_${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`;
}
