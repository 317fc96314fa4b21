import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { etagOf, pathId } from '../common/http.js';
import { CreateMediaPlanDto, MediaPlanListDto, MediaPlanListQueryDto, MediaPlanWithTotalsDto, StatusDto, UpdateMediaPlanDto } from './plans.schema.js';
import { PlansService } from './plans.service.js';

type WithVersion = { version: number };
const tagged = async <T extends WithVersion>(reply: FastifyReply, work: Promise<T>) => {
  const out = await work;
  reply.header('etag', etagOf(out.version));
  return out;
};

@ApiTags('media plans')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('media-plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: MediaPlanListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: MediaPlanListQueryDto) {
    return this.plans.list(ctx, query);
  }

  @Post()
  @RequirePermission('plans:write')
  @ApiCreatedResponse({ type: MediaPlanWithTotalsDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateMediaPlanDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const plan = await tagged(reply, this.plans.create(ctx, body));
    reply.header('location', `/api/v1/media-plans/${plan.id}`);
    return plan;
  }

  @Get(':id')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'the plan with totals by channel, partner and month, commission and VAT' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return tagged(reply, this.plans.get(ctx, pathId(id)));
  }

  @Patch(':id')
  @RequirePermission('plans:write')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read; 412 if the plan changed since' })
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'editing an approved or live plan starts a new draft revision' })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateMediaPlanDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return tagged(reply, this.plans.update(ctx, pathId(id), ifMatch, body));
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'approved → active (live), active → completed' })
  status(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: StatusDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return tagged(reply, this.plans.move(ctx, pathId(id), body.status === 'active' ? 'activate' : 'complete'));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return tagged(reply, this.plans.move(ctx, pathId(id), 'archive'));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiOkResponse({ type: MediaPlanWithTotalsDto, description: 'back to draft' })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return tagged(reply, this.plans.move(ctx, pathId(id), 'restore'));
  }
}
