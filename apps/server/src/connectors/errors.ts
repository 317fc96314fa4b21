import type { Platform } from './types.js';

/**
 * transient: throttling, quota, 5xx, network, a report run that failed to build — another try
 * later can succeed. permanent: rejected credentials, an unknown or forbidden account, a request
 * the platform refuses — retrying cannot help until someone changes the connection.
 */
export type ConnectorErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'rate_limit'
  | 'quota'
  | 'server'
  | 'network'
  | 'report_failed'
  | 'timeout';

const PERMANENT: Record<ConnectorErrorKind, boolean> = {
  auth: true,
  permission: true,
  not_found: true,
  bad_request: true,
  rate_limit: false,
  quota: false,
  server: false,
  network: false,
  report_failed: false,
  timeout: false,
};

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly permanent: boolean;
  constructor(
    readonly platform: Platform,
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: {
      /** HTTP status, when the error came from an answer. */
      status?: number;
      /** The platform's own error code (Google status/errorCode, Meta code, Yandex error_code, VK code). */
      code?: string;
      /** How long the platform asked us to wait, when it said. */
      retryAfterMs?: number;
      /** Overrides the kind's default classification. */
      permanent?: boolean;
    } = {},
  ) {
    super(`${platform}: ${message}`);
    this.permanent = details.permanent ?? PERMANENT[kind];
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): string | undefined {
    return this.details.code;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
