import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { etagOf, pathId } from '../common/http.js';
import { LineItemsService } from './lineitems.service.js';
import { BulkUpsertDto, BulkUpsertResponseDto, LineItemDto, LineItemInputDto, LineItemListDto, LineItemPatchDto } from './plans.schema.js';

@ApiTags('line items')
@ApiBearerAuth()
@Controller('media-plans/:planId/line-items')
export class LineItemsController {
  constructor(private readonly lines: LineItemsService) {}

  @Get()
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: LineItemListDto })
  list(@Ctx() ctx: RequestContext, @Param('planId') planId: string) {
    return this.lines.list(ctx, pathId(planId, 'planId'));
  }

  @Post()
  @RequirePermission('plans:write')
  @ApiCreatedResponse({ type: LineItemDto })
  async create(@Ctx() ctx: RequestContext, @Param('planId') planId: string, @Body() body: LineItemInputDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const item = await this.lines.create(ctx, pathId(planId, 'planId'), body);
    reply.header('etag', etagOf(item.version)).header('location', `/api/v1/media-plans/${item.planId}/line-items/${item.id}`);
    return item;
  }

  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiOkResponse({ type: BulkUpsertResponseDto, description: 'up to 5,000 rows, all or nothing; every bad row is reported by its index' })
  bulk(@Ctx() ctx: RequestContext, @Param('planId') planId: string, @Body() body: BulkUpsertDto) {
    return this.lines.bulkUpsert(ctx, pathId(planId, 'planId'), body);
  }

  @Patch(':id')
  @RequirePermission('plans:write')
  @ApiHeader({ name: 'If-Match', required: true, description: "the line's ETag; 412 if it changed since" })
  @ApiOkResponse({ type: LineItemDto })
  async update(@Ctx() ctx: RequestContext, @Param('planId') planId: string, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: LineItemPatchDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const item = await this.lines.update(ctx, pathId(planId, 'planId'), pathId(id), ifMatch, body);
    reply.header('etag', etagOf(item.version));
    return item;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('plans:write')
  @ApiNoContentResponse()
  remove(@Ctx() ctx: RequestContext, @Param('planId') planId: string, @Param('id') id: string) {
    return this.lines.remove(ctx, pathId(planId, 'planId'), pathId(id));
  }
}
