import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller.js';
import { JobsAdminService } from './jobs-admin.service.js';

@Module({ controllers: [JobsController], providers: [JobsAdminService] })
export class JobsModule {}
