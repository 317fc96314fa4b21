import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { etagOf, pathId } from '../common/http.js';
import { ClientsService } from './clients.service.js';
import { ClientDto, ClientListDto, ClientListQueryDto, CreateClientDto, UpdateClientDto } from './clients.schema.js';

@ApiTags('clients')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @RequirePermission('clients:read')
  @ApiOkResponse({ type: ClientListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ClientListQueryDto) {
    return this.clients.list(ctx, query);
  }

  @Post()
  @RequirePermission('clients:write')
  @ApiCreatedResponse({ type: ClientDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateClientDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const client = await this.clients.create(ctx, body);
    reply.header('etag', etagOf(client.version)).header('location', `/api/v1/clients/${client.id}`);
    return client;
  }

  @Get(':id')
  @RequirePermission('clients:read')
  @ApiOkResponse({ type: ClientDto })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const client = await this.clients.get(ctx, pathId(id));
    reply.header('etag', etagOf(client.version));
    return client;
  }

  @Patch(':id')
  @RequirePermission('clients:write')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag you last read; 412 if the client changed since' })
  @ApiOkResponse({ type: ClientDto })
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateClientDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const client = await this.clients.update(ctx, pathId(id), ifMatch, body);
    reply.header('etag', etagOf(client.version));
    return client;
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('clients:write')
  @ApiOkResponse({ type: ClientDto })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.clients.setStatus(ctx, pathId(id), 'archived');
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('clients:write')
  @ApiOkResponse({ type: ClientDto })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.clients.setStatus(ctx, pathId(id), 'active');
  }
}
