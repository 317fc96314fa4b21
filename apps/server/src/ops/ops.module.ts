import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { OpsController } from './ops.controller.js';

// Readiness includes the analytics store, so operations import it (in both the api and worker roles).
@Module({ imports: [AnalyticsModule], controllers: [OpsController], providers: [] })
export class OpsModule {}
