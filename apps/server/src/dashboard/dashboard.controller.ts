import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DashboardBudget } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { DashboardService } from './dashboard.service.js';

class DashboardBudgetDto extends zodDto(DashboardBudget) {}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('budget')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: DashboardBudgetDto, description: 'net media cost of the draft, in-review, approved and live plans, per currency: by channel and by month' })
  budget(@Ctx() ctx: RequestContext) {
    return this.dashboard.budget(ctx);
  }
}
