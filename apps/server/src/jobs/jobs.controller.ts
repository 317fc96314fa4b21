import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { JOB_QUEUES, JobInfo, JobList, JobListQuery } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { invalid } from '../common/problem.js';
import type { QueueName } from './catalogue.js';
import { JobsAdminService } from './jobs-admin.service.js';

class JobListDto extends zodDto(JobList) {}
class JobInfoDto extends zodDto(JobInfo) {}
class JobListQueryDto extends zodDto(JobListQuery) {}

const JOB_ID = /^[\w.-]{1,200}$/;

const queueParam = (value: string): QueueName => {
  if (!(JOB_QUEUES as readonly string[]).includes(value)) throw invalid('queue', `one of ${JOB_QUEUES.join(', ')}`);
  return value as QueueName;
};

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsAdminService) {}

  @Get()
  @RequirePermission('jobs:manage')
  @ApiOkResponse({ type: JobListDto, description: "this workspace's jobs in one state (failed by default), newest first" })
  list(@Ctx() ctx: RequestContext, @Query() query: JobListQueryDto) {
    return this.jobs.list(ctx, query);
  }

  @Post(':queue/:jobId/retry')
  @RequirePermission('jobs:manage')
  @ApiParam({ name: 'queue', enum: JOB_QUEUES })
  @ApiParam({ name: 'jobId', description: 'the id from the job list, e.g. plan.review-requested.<plan>.<version>' })
  @ApiOkResponse({ type: JobInfoDto, description: 'the failed job, queued again' })
  retry(@Ctx() ctx: RequestContext, @Param('queue') queue: string, @Param('jobId') jobId: string) {
    const q = queueParam(queue);
    if (!JOB_ID.test(jobId)) throw invalid('jobId', 'a job id as the job list shows it (letters, digits and . _ -)');
    return this.jobs.retry(ctx, q, jobId);
  }
}
