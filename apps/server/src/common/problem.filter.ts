import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { ProblemException, problemType, titleOf } from './problem.js';

type FieldError = { field: string; message: string };

/** zod issues → one entry per failing field, unknown keys named one by one. */
export function fieldErrors(error: ZodError, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: [base, key].filter(Boolean).join('.'), message: 'is not a known field' });
    } else {
      out.push({ field: base || '(body)', message: issue.message });
    }
  }
  return out;
}

// Fastify's own errors (parsing, limits) arrive with statusCode and code; map them to problems.
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but declared as JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than this endpoint accepts.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This content type is not accepted; send application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body.',
};

// Unique constraints a concurrent request can trip after our own existence check passed.
const UNIQUE_FIELDS: Record<string, string> = { users_email_unique: 'email', memberships_tenant_user: 'userId' };

/** The database's own error, whether thrown directly or wrapped by the query builder. */
function databaseError(err: unknown): { code?: string; constraint?: string } | null {
  for (let e = err as { code?: unknown; constraint?: string; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
  }
  return null;
}

export function problemFromError(err: unknown, instance: string): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  if (err instanceof ProblemException) {
    return { status: err.getStatus(), body: err.toProblem(instance), headers: err.headers };
  }
  if (err instanceof ZodValidationException) {
    const errors = fieldErrors(err.getZodError() as ZodError);
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return { status: 400, body: { type: problemType('validation'), title: titleOf(400), status: 400, detail, instance, errors }, headers: {} };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const detail = status === 404 ? 'No such route.' : err.message;
    // Framework-raised 400/413/415 come from reading the body (malformed JSON and the like).
    const errors = [400, 413, 415].includes(status) ? [{ field: '(body)', message: detail }] : undefined;
    return { status, body: { type: problemType(status === 404 ? 'not-found' : 'request'), title: titleOf(status), status, detail, instance, ...(errors ? { errors } : {}) }, headers: {} };
  }
  const db = databaseError(err);
  if (db?.code === '23505') {
    const field = (db.constraint && UNIQUE_FIELDS[db.constraint]) ?? '(body)';
    const detail = 'This conflicts with a record that already exists (perhaps created at the same moment); reload and try again.';
    return { status: 409, body: { type: problemType('conflict'), title: titleOf(409), status: 409, detail, instance, errors: [{ field, message: 'already exists' }] }, headers: {} };
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const detail = (e.code && FASTIFY_DETAILS[e.code]) ?? e.message ?? titleOf(e.statusCode);
    const errors = e.statusCode === 413 || e.code?.startsWith('FST_ERR_CTP') ? [{ field: '(body)', message: detail }] : undefined;
    return {
      status: e.statusCode,
      body: { type: problemType('request'), title: titleOf(e.statusCode), status: e.statusCode, detail, instance, ...(errors ? { errors } : {}) },
      headers: {},
    };
  }
  return { status: 500, body: { type: problemType('internal'), title: titleOf(500), status: 500, detail: 'Something went wrong on our side; it has been logged.', instance }, headers: {} };
}

/** RFC 6749 §5.2: every error of the token endpoint carries an `error` code, whoever raised it. */
export const OAUTH_TOKEN_PATH = '/api/v1/oauth/token';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: unknown, logger: Pick<Logger, 'error'>): void {
  const path = request.url.split('?')[0];
  const { status, body, headers } = problemFromError(err, path);
  if (path === OAUTH_TOKEN_PATH && status < 500 && body.error === undefined) {
    body.error = status === 401 ? 'invalid_client' : 'invalid_request';
    body.error_description = body.detail;
  }
  if (status >= 500) {
    (request as { errorForLog?: unknown }).errorForLog = err;
    logger.error(`unhandled error on ${request.method} ${request.url.split('?')[0]}: ${(err as Error)?.stack ?? String(err)}`);
  }
  reply.status(status).headers(headers).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception, this.logger);
  }
}
