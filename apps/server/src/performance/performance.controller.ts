import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DashboardPacing, PerformanceQuery, PlanPerformance } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { pathId } from '../common/http.js';
import { PerformanceService } from './performance.service.js';

class PerformanceQueryDto extends zodDto(PerformanceQuery) {}
class PlanPerformanceDto extends zodDto(PlanPerformance) {}
class DashboardPacingDto extends zodDto(DashboardPacing) {}

@ApiTags('media plans')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('media-plans')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  @Get(':id/performance')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: PlanPerformanceDto, description: 'plan vs actual per group and period: net cost (gross with commission and VAT alongside), delivery, CPM/CPC/CPA, pacing and forecast; raises pacing alerts when computed as of today' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: PerformanceQueryDto) {
    return this.performance.planPerformance(ctx, pathId(id), query);
  }
}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class PacingDashboardController {
  constructor(private readonly performance: PerformanceService) {}

  @Get('pacing')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: DashboardPacingDto, description: 'net spend vs plan to date across approved and live plans, per currency, and the 5 lines furthest over and under pace' })
  pacing(@Ctx() ctx: RequestContext) {
    return this.performance.dashboard(ctx);
  }
}
