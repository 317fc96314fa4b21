import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/index.js';
import { NotificationsController, PacingDashboardController, PerformanceController } from './performance.controller.js';
import { PerformanceService } from './performance.service.js';

@Module({ imports: [AnalyticsModule], controllers: [PerformanceController, PacingDashboardController, NotificationsController], providers: [PerformanceService] })
export class PerformanceModule {}
