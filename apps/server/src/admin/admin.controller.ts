import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminMetrics } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { AdminMetricsService } from './admin-metrics.service.js';

class AdminMetricsDto extends zodDto(AdminMetrics) {}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(private readonly metrics: AdminMetricsService) {}

  @Get('metrics')
  @RequirePermission('metrics:read')
  @ApiOkResponse({ type: AdminMetricsDto, description: 'active users, projects created and API calls of this workspace, with the last 30 days by day' })
  get(@Ctx() ctx: RequestContext) {
    return this.metrics.metrics(ctx);
  }
}
