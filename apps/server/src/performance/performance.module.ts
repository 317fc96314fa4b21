import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/index.js';
import { PacingDashboardController, PerformanceController } from './performance.controller.js';
import { PerformanceService } from './performance.service.js';

@Module({ imports: [AnalyticsModule], controllers: [PerformanceController, PacingDashboardController], providers: [PerformanceService] })
export class PerformanceModule {}
