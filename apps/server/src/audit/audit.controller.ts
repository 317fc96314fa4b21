import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditList, AuditListQuery } from '@mrm/contracts';
import { and, desc, eq, lt } from 'drizzle-orm';
import { zodDto } from '../common/dto.js';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { isoReq } from '../common/http.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { rowMapper } from '../db/rows.js';
import { auditLog } from '../db/schema.js';
import { Tenancy } from '../tenancy/tenancy.service.js';

const qb = new QueryBuilder();
const toRow = rowMapper(auditLog);

class AuditListDto extends zodDto(AuditList) {}
class AuditListQueryDto extends zodDto(AuditListQuery) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly tenancy: Tenancy) {}

  /** Newest first, paged by the log's own sequence so concurrent writers never reorder a page. */
  @Get()
  @RequirePermission('audit:read')
  @ApiOkResponse({ type: AuditListDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: AuditListQueryDto) {
    const cursor = decodeCursor(query.cursor, 'integer');
    const statement = qb
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, ctx.tenantId),
          query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
          query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
          query.action ? eq(auditLog.action, query.action) : undefined,
          cursor ? lt(auditLog.seq, Number(cursor[0])) : undefined,
        ),
      )
      .orderBy(desc(auditLog.seq))
      .limit(query.limit + 1);
    const rows = (await this.tenancy.read(ctx, statement, { replica: true })).map(toRow);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ seq: _seq, tenantId: _t, ...r }) => ({ ...r, actorType: r.actorType as 'user' | 'oauth_client' | 'client_link' | 'system', createdAt: isoReq(r.createdAt) })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq, last.id) : null,
    };
  }
}
