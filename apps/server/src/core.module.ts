import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { JwtService } from './auth/jwt.js';
import { TokensService } from './auth/tokens.service.js';
import { CONFIG, type Config } from './config/config.js';
import type { Database } from './db/database.js';
import { LIFECYCLE, type Lifecycle } from './ops/lifecycle.js';
import { LOGGER } from './ops/logger.js';
import { METRICS, type Metrics } from './ops/metrics.js';
import { RateLimiter } from './ops/rate-limit.js';
import { REDIS } from './ops/redis.js';
import { ApiUsage } from './ops/usage.js';
import { DATABASE, Tenancy } from './tenancy/tenancy.service.js';

export interface CoreDeps {
  config: Config;
  db: Database;
  redis: Redis;
  metrics: Metrics;
  logger: Logger;
  lifecycle: Lifecycle;
}

/** The connections main.ts opened, shared by every domain module. main.ts also closes them, in order. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(deps: CoreDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: DATABASE, useValue: deps.db },
      { provide: REDIS, useValue: deps.redis },
      { provide: METRICS, useValue: deps.metrics },
      { provide: LOGGER, useValue: deps.logger },
      { provide: LIFECYCLE, useValue: deps.lifecycle },
      { provide: JwtService, useFactory: () => new JwtService(deps.config) },
      { provide: RateLimiter, useFactory: () => new RateLimiter(deps.redis, deps.config.REDIS_PREFIX) },
      { provide: ApiUsage, useFactory: () => new ApiUsage(deps.redis, deps.config.REDIS_PREFIX) },
      Tenancy,
      TokensService,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
