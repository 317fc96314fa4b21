import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { etagOf, pathId } from '../common/http.js';
import { ProjectsService } from './projects.service.js';
import { ProjectDto, ProjectListDto, ProjectListQueryDto, CreateProjectDto, UpdateProjectDto } from './projects.schema.js';

@ApiTags('projects')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermission('projects:read')
  @ApiOkResponse({ type: ProjectListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ProjectListQueryDto) {
    return this.projects.list(ctx, query);
  }

  @Post()
  @RequirePermission('projects:write')
  @ApiCreatedResponse({ type: ProjectDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateProjectDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const project = await this.projects.create(ctx, body);
    reply.header('etag', etagOf(project.version)).header('location', `/api/v1/projects/${project.id}`);
    return project;
  }

  @Get(':id')
  @RequirePermission('projects:read')
  @ApiOkResponse({ type: ProjectDto })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const project = await this.projects.get(ctx, pathId(id));
    reply.header('etag', etagOf(project.version));
    return project;
  }

  @Patch(':id')
  @RequirePermission('projects:write')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read; 412 if the project changed since' })
  @ApiOkResponse({ type: ProjectDto })
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateProjectDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const project = await this.projects.update(ctx, pathId(id), ifMatch, body);
    reply.header('etag', etagOf(project.version));
    return project;
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('projects:write')
  @ApiOkResponse({ type: ProjectDto })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.projects.setStatus(ctx, pathId(id), 'archived');
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('projects:write')
  @ApiOkResponse({ type: ProjectDto })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.projects.setStatus(ctx, pathId(id), 'planned');
  }
}
