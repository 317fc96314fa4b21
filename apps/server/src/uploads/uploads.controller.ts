import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { XLSX_TYPE } from '../plans/transfer.controller.js';
import type { UploadFormat } from './actuals-file.js';
import { ActualUploadDto, ActualUploadListDto, ActualUploadQueryDto, ImportActualsDto } from './uploads.schema.js';
import { UploadsService } from './uploads.service.js';

const FORMATS: Record<string, UploadFormat> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv' };

@ApiTags('actual uploads')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller('clients/:clientId/actual-uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RequirePermission('actuals:upload')
  @ApiConsumes(XLSX_TYPE, 'text/csv')
  @ApiBody({ description: 'the file itself: .xlsx, or .csv (UTF-8 or Windows-1251, comma or semicolon separated); one row per campaign (or ad group) and day' })
  @ApiCreatedResponse({ type: ActualUploadDto, description: 'the stored file: its columns, first rows and the suggested mapping; nothing is imported yet' })
  upload(@Ctx() ctx: RequestContext, @Param('clientId') clientId: string, @Query() query: ActualUploadQueryDto, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    const format = FORMATS[(type ?? '').split(';')[0].trim().toLowerCase()] ?? null;
    return this.uploads.upload(ctx, pathId(clientId, 'clientId'), { format, body, fileName: query.fileName, source: query.source });
  }

  @Get()
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: ActualUploadListDto, description: 'the latest 100 uploads of the client, newest first' })
  list(@Ctx() ctx: RequestContext, @Param('clientId') clientId: string) {
    return this.uploads.list(ctx, pathId(clientId, 'clientId'));
  }

  @Get(':id')
  @RequirePermission('connections:read')
  @ApiOkResponse({ type: ActualUploadDto, description: 'the upload with its preview, status, progress and row errors' })
  get(@Ctx() ctx: RequestContext, @Param('clientId') clientId: string, @Param('id') id: string) {
    return this.uploads.get(ctx, pathId(clientId, 'clientId'), pathId(id));
  }

  @Post(':id/import')
  @HttpCode(202)
  @RequirePermission('actuals:upload')
  @ApiAcceptedResponse({ type: ActualUploadDto, description: 'every row checked; the import is queued — follow it with GET …/actual-uploads/{id}' })
  @ApiUnprocessableEntityResponse({ description: 'problem+json listing each bad row and column (errors[].row, errors[].field); nothing was imported' })
  import(@Ctx() ctx: RequestContext, @Param('clientId') clientId: string, @Param('id') id: string, @Body() body: ImportActualsDto) {
    return this.uploads.import(ctx, pathId(clientId, 'clientId'), pathId(id), body);
  }
}
