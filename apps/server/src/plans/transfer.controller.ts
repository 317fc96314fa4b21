import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportQuery, ImportQuery, ImportResult } from '@mrm/contracts';
import type { FastifyReply } from 'fastify';
import { zodDto } from '../common/dto.js';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { invalid } from '../common/problem.js';
import { attachment } from '../storage/object-store.js';
import { TransferService, type ImportKind } from './transfer.service.js';

class ExportQueryDto extends zodDto(ExportQuery) {}
class ImportQueryDto extends zodDto(ImportQuery) {}
class ImportResultDto extends zodDto(ImportResult) {}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KINDS: Record<string, ImportKind> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv', 'application/json': 'json' };

function mappingFrom(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string')) return parsed as Record<string, string>;
  } catch {
    // fall through
  }
  throw invalid('mapping', 'a JSON object of column header → field name');
}

@ApiTags('import and export')
@ApiBearerAuth()
@Controller('media-plans/:id')
export class TransferController {
  constructor(private readonly transfer: TransferService) {}

  @Get('export')
  @RequirePermission('plans:read')
  @ApiProduces(XLSX_TYPE, 'application/json')
  @ApiOkResponse({ description: 'an .xlsx workbook (header block, a row per line, monthly flighting, totals with live formulas) or an open-standard v3.0 document' })
  async export(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.transfer.export(ctx, pathId(id), query);
    reply.header('content-type', file.type).header('content-disposition', attachment(file.filename)).header('cache-control', 'no-store');
    return file.body;
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission('plans:write')
  @ApiConsumes(XLSX_TYPE, 'text/csv', 'application/json')
  @ApiBody({ description: 'the file itself: .xlsx, .csv (UTF-8, comma or semicolon) or an open-standard v3.0 document' })
  @ApiOkResponse({ type: ImportResultDto, description: 'all rows applied; or, with dryRun=true, what would be' })
  import(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: ImportQueryDto, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    const kind = KINDS[(type ?? '').split(';')[0].trim().toLowerCase()];
    if (!kind) throw invalid('Content-Type', `send ${XLSX_TYPE}, text/csv or application/json`);
    return this.transfer.import(ctx, pathId(id), kind, body, { mode: query.mode, dryRun: query.dryRun === 'true', mapping: mappingFrom(query.mapping) });
  }
}
