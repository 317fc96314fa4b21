import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CreateConnectionInput } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { etagOf, pathId } from '../common/http.js';
import { invalid } from '../common/problem.js';
import { addDays, todayUtc } from '../connectors/index.js';
import { ConnectionDto, ConnectionListDto, ConnectionListQueryDto, ConnectionStatsDto, ConnectionStatsQueryDto, ConnectionTestDto, CreateConnectionDto, SyncRunDto, SyncRunListDto, UpdateConnectionDto } from './connections.schema.js';
import { ConnectionsService } from './connections.service.js';

@ApiTags('connections')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: ConnectionListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ConnectionListQueryDto) {
    return this.connections.list(ctx, query.clientId);
  }

  @Post()
  @RequirePermission('connections:manage')
  @ApiCreatedResponse({ type: ConnectionDto, description: 'the connection; its credentials are stored encrypted and never returned' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateConnectionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const c = await this.connections.create(ctx, body as unknown as CreateConnectionInput);
    reply.header('etag', etagOf(c.version)).header('location', `/api/v1/connections/${c.id}`);
    return c;
  }

  @Get(':id')
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: ConnectionDto })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const c = await this.connections.get(ctx, pathId(id));
    reply.header('etag', etagOf(c.version));
    return c;
  }

  @Patch(':id')
  @RequirePermission('connections:manage')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read; 412 if the connection changed since' })
  @ApiOkResponse({ type: ConnectionDto })
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateConnectionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const c = await this.connections.update(ctx, pathId(id), ifMatch, body);
    reply.header('etag', etagOf(c.version));
    return c;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('connections:manage')
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.connections.remove(ctx, pathId(id));
  }

  @Post(':id/sync')
  @HttpCode(202)
  @RequirePermission('connections:manage')
  @ApiAcceptedResponse({ type: SyncRunDto, description: 'the queued run; follow it with GET /connections/{id}/runs' })
  sync(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.connections.sync(ctx, pathId(id));
  }

  @Get(':id/runs')
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: SyncRunListDto, description: 'the latest 50 runs, newest first, with progress, rows and errors' })
  runs(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.connections.runs(ctx, pathId(id));
  }

  @Get(':id/stats')
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: ConnectionStatsDto, description: "what this connection's syncs stored for the dates, per currency" })
  stats(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: ConnectionStatsQueryDto) {
    const to = query.to ?? todayUtc();
    const from = query.from ?? addDays(to, -29);
    if (from > to) throw invalid('to', 'must not be before from');
    return this.connections.totals(ctx, pathId(id), from, to);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('connections:manage')
  @ApiOkResponse({ type: ConnectionTestDto, description: 'whether the platform accepts the stored credentials for each account (nothing is stored)' })
  test(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.connections.test(ctx, pathId(id));
  }
}
