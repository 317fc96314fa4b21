import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import { AdminModule } from './admin/admin.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import { CoreModule, type CoreDeps } from './core.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { MembersModule } from './members/members.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { StorageModule } from './storage/storage.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { OpsModule } from './ops/ops.module.js';
import { PerformanceModule } from './performance/performance.module.js';
import { PlansModule } from './plans/plans.module.js';
import { ProjectsModule } from './projects/projects.module.js';

export const API_MODULES = [AuthModule, MembersModule, OAuthModule, ClientsModule, ProjectsModule, PlansModule, AuditModule, DashboardModule, AdminModule, JobsModule, ConnectionsModule, UploadsModule, PerformanceModule, CampaignsModule, NotificationsModule, StorageModule, ReportsModule];

/**
 * One codebase, role chosen by MRM_ROLE: the api role serves /api/v1; the worker role serves only
 * the operations endpoints its probes need (its queue consumers arrive with the queues).
 */
@Module({})
export class AppModule {
  static forRoot(deps: CoreDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(deps), OpsModule, ...(deps.config.runsApi ? API_MODULES : [])],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
