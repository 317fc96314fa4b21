import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateReportSchedule, ReportSchedule, ReportScheduleList, UpdateReportSchedule } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { pathId } from '../common/http.js';
import { SchedulesService, type ScheduleInput } from './schedules.service.js';

class CreateReportScheduleDto extends zodDto(CreateReportSchedule) {}
class UpdateReportScheduleDto extends zodDto(UpdateReportSchedule) {}
class ReportScheduleDto extends zodDto(ReportSchedule) {}
class ReportScheduleListDto extends zodDto(ReportScheduleList) {}

@ApiTags('reports')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('report-schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @RequirePermission('reports:read')
  @ApiOkResponse({ type: ReportScheduleListDto })
  list(@Ctx() ctx: RequestContext) {
    return this.schedules.list(ctx);
  }

  @Post()
  @RequirePermission('reports:write')
  @ApiCreatedResponse({ type: ReportScheduleDto, description: 'the schedule with its next run (cron read in its time zone)' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateReportScheduleDto) {
    return this.schedules.create(ctx, body as unknown as ScheduleInput);
  }

  @Get(':id')
  @RequirePermission('reports:read')
  @ApiOkResponse({ type: ReportScheduleDto })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.schedules.get(ctx, pathId(id));
  }

  @Patch(':id')
  @RequirePermission('reports:write')
  @ApiOkResponse({ type: ReportScheduleDto })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateReportScheduleDto) {
    return this.schedules.update(ctx, pathId(id), body as unknown as Partial<ScheduleInput>);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('reports:write')
  @ApiNoContentResponse({ description: 'the schedule is gone; reports it made stay in the history' })
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.schedules.remove(ctx, pathId(id));
  }
}
