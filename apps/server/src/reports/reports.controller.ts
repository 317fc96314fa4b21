import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiFoundResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { CreateReport, ReportListQuery, ReportRun, ReportRunList } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { pathId } from '../common/http.js';
import { ReportsService } from './reports.service.js';

// The union is one object type to TypeScript's class syntax; the schema itself still checks each variant.
class CreateReportDto extends zodDto(CreateReport as unknown as z.ZodType<{ type: string; format: string; params: Record<string, unknown> }>) {}
class ReportRunDto extends zodDto(ReportRun) {}
class ReportRunListDto extends zodDto(ReportRunList) {}
class ReportListQueryDto extends zodDto(ReportListQuery) {}

@ApiTags('reports')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('reports:write')
  @ApiAcceptedResponse({ type: ReportRunDto, description: 'the run, queued; follow it with GET /reports/{id} (status, progress %) and download it when done' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateReportDto) {
    return this.reports.request(ctx, body as unknown as CreateReport);
  }

  @Get()
  @RequirePermission('reports:read')
  @ApiOkResponse({ type: ReportRunListDto, description: 'runs, newest first; by plan or schedule on request' })
  list(@Ctx() ctx: RequestContext, @Query() q: ReportListQueryDto) {
    return this.reports.list(ctx, q as unknown as { limit: number; cursor?: string; planId?: string; scheduleId?: string });
  }

  @Get(':id')
  @RequirePermission('reports:read')
  @ApiOkResponse({ type: ReportRunDto })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.reports.get(ctx, pathId(id));
  }

  @Get(':id/download')
  @RequirePermission('reports:read')
  @ApiFoundResponse({ description: 'redirects to a link to the file that works for 5 minutes; 409 while the report is not done, 410 after retention deleted it' })
  async download(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    const link = await this.reports.downloadLink(ctx, pathId(id));
    return reply.header('cache-control', 'private, no-store').redirect(link.url, 302);
  }
}
