import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { invalid } from '../common/problem.js';
import { DecisionDto, DiffQueryDto, MediaPlanWithTotalsDto, PlanVersionDto, PlanVersionListDto, RejectDto, SubmitDto, VersionDiffDto } from './plans.schema.js';
import { VersionsService } from './versions.service.js';

const versionNumber = (raw: string) => {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw invalid('n', 'a version number (1, 2, …)');
  return Number(raw);
};

@ApiTags('plan review')
@ApiBearerAuth()
@Controller('media-plans/:id')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  @Post('submit')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'freezes the next numbered version and puts the plan in review' })
  submit(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: SubmitDto) {
    return this.versions.submit(ctx, pathId(id), body?.comment);
  }

  @Post('approve')
  @HttpCode(200)
  @RequirePermission('plans:approve')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto })
  approve(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: DecisionDto) {
    return this.versions.decide(ctx, pathId(id), 'approve', body?.comment);
  }

  @Post('reject')
  @HttpCode(200)
  @RequirePermission('plans:approve')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'back to draft; the comment says what must change' })
  reject(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: RejectDto) {
    return this.versions.decide(ctx, pathId(id), 'reject', body.comment);
  }

  @Get('versions')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: PlanVersionListDto })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.versions.list(ctx, pathId(id));
  }

  @Get('versions/:n')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: PlanVersionDto })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('n') n: string) {
    return this.versions.get(ctx, pathId(id), versionNumber(n));
  }

  @Get('diff')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: VersionDiffDto, description: 'line-level differences between two versions' })
  diff(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: DiffQueryDto) {
    return this.versions.diff(ctx, pathId(id), query.from, query.to);
  }
}
