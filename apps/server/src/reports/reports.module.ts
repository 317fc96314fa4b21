import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesService } from './schedules.service.js';

@Module({ imports: [StorageModule], controllers: [ReportsController, SchedulesController], providers: [ReportsService, SchedulesService] })
export class ReportsModule {}
