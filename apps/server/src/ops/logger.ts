import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { traceFields } from './trace.js';

/**
 * One JSON object per line with the fields the log pipeline indexes: timestamp, level, service,
 * pod, request_id, user_id, tenant_id, method, path, status, duration_ms, message; and trace_id and
 * span_id when written inside a span (only when tracing is on: docs/operations.md).
 */
export function createLogger(config: Config, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      messageKey: 'message',
      base: { service: config.serviceName, pod: config.POD_NAME },
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceFields,
      // Belt and braces: nothing we log carries these, and if it ever did they would be masked.
      redact: {
        paths: ['password', '*.password', 'authorization', '*.authorization', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken', 'client_secret', '*.client_secret', 'token', '*.token'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

/** Nest's own messages (boot, routes, errors) go through the same JSON logger. */
// Route-mapping chatter at boot is only interesting when debugging.
const CHATTY = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader']);

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (context && CHATTY.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');
