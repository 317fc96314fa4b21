import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { CoreDeps } from './core.module.js';
import { buildOpenApi } from './http/openapi.js';
import { installHooks, requestId } from './http/hooks.js';
import { NestPinoLogger } from './ops/logger.js';
import { RateLimiter } from './ops/rate-limit.js';
import { ApiUsage } from './ops/usage.js';
import { JwtService } from './auth/jwt.js';
import { XLSX_TYPE } from './plans/transfer.controller.js';

export const API_PREFIX = 'api/v1';

/** Builds the Nest application over already-open connections; listening is the caller's choice. */
export async function createServer(deps: CoreDeps): Promise<NestFastifyApplication> {
  const { config } = deps;
  const adapter = new FastifyAdapter({
    // The larger limit is for file imports; every other route is held to BODY_LIMIT_BYTES by a hook.
    bodyLimit: Math.max(config.BODY_LIMIT_BYTES, config.IMPORT_LIMIT_BYTES),
    trustProxy: config.TRUST_PROXY,
    genReqId: requestId,
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(deps), adapter, {
    logger: new NestPinoLogger(deps.logger),
    bufferLogs: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'ready', 'metrics'] });
  app.enableCors({
    origin: config.WEB_ORIGIN,
    credentials: true,
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Tenant-Id', 'X-Request-Id'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Spreadsheets arrive as the file itself; the import route reads the bytes.
  fastify.addContentTypeParser([XLSX_TYPE, 'text/csv'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  installHooks(fastify, {
    config,
    logger: deps.logger,
    metrics: deps.metrics,
    limiter: app.get(RateLimiter),
    usage: app.get(ApiUsage),
    jwt: app.get(JwtService),
  });
  if (config.runsApi) {
    const document = buildOpenApi(app);
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX}/openapi.json`, yamlDocumentUrl: `${API_PREFIX}/openapi.yaml` });
  }
  return app;
}
