import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';
import { AdminMetricsService } from './admin-metrics.service.js';

@Module({ controllers: [AdminController], providers: [AdminMetricsService] })
export class AdminModule {}
