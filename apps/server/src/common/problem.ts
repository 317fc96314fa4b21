import { HttpException } from '@nestjs/common';
import type { Problem } from '@mrm/contracts';

type FieldError = { field: string; message: string };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleOf = (status: number) => TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

/** An RFC 9457 problem the client is meant to read. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }

  toProblem(instance?: string): Problem & Record<string, unknown> {
    const status = this.getStatus();
    return {
      type: problemType(this.slug),
      title: titleOf(status),
      status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const problemType = (slug: string) => `urn:mrm:problem:${slug}`;

export const invalid = (field: string, message: string) =>
  new ProblemException(400, 'validation', `${field}: ${message}`, [{ field, message }]);
export const unauthorized = (detail = 'A valid access token is required.') =>
  new ProblemException(401, 'unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail: string) => new ProblemException(403, 'forbidden', detail);
/** Another tenant's resource is reported exactly like a missing one. */
export const notFound = (what: string) => new ProblemException(404, 'not-found', `${what} was not found.`);
export const conflict = (field: string, detail: string) =>
  new ProblemException(409, 'conflict', detail, [{ field, message: detail }]);
export const preconditionRequired = () =>
  new ProblemException(428, 'precondition-required', 'Send If-Match with the ETag you last read.', [
    { field: 'If-Match', message: 'required' },
  ]);
export const preconditionFailed = (current: string) =>
  new ProblemException(
    412,
    'stale-etag',
    'The resource changed since you read it; reload it and apply your change again.',
    [{ field: 'If-Match', message: `does not match the current ETag ${current}` }],
  );
