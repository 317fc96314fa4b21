import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CampaignList, CampaignListQuery, PlanMatching, SetLineCampaignsRequest } from '@mrm/contracts';
import type { FastifyReply } from 'fastify';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { etagOf, pathId } from '../common/http.js';
import { LineItemDto } from '../plans/plans.schema.js';
import { MatchingService } from './matching.service.js';

class CampaignListDto extends zodDto(CampaignList) {}
class CampaignListQueryDto extends zodDto(CampaignListQuery) {}
class PlanMatchingDto extends zodDto(PlanMatching) {}
class SetLineCampaignsDto extends zodDto(SetLineCampaignsRequest) {}

@ApiTags('matching')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Tenant-Id', required: false, description: 'the workspace to act in (default: the one the token names)' })
@Controller()
export class CampaignsController {
  constructor(private readonly matching: MatchingService) {}

  @Get('clients/:id/campaigns')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: CampaignListDto, description: "the platform campaigns the client's synced or uploaded actuals named (up to 2,000)" })
  campaigns(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: CampaignListQueryDto) {
    return this.matching.campaigns(ctx, pathId(id), query);
  }

  @Get('media-plans/:id/matching')
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: PlanMatchingDto, description: "each line's campaigns, name-based suggestions for lines without any, and the client's campaigns no line claims" })
  plan(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.matching.matching(ctx, pathId(id));
  }

  @Put('media-plans/:planId/line-items/:id/campaigns')
  @RequirePermission('plans:write')
  @ApiHeader({ name: 'If-Match', required: true, description: "the line's ETag; 412 if it changed since" })
  @ApiOkResponse({ type: LineItemDto, description: 'the line with its new campaigns; an approved or live plan stays as it is' })
  async set(@Ctx() ctx: RequestContext, @Param('planId') planId: string, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: SetLineCampaignsDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const item = await this.matching.setLineCampaigns(ctx, pathId(planId, 'planId'), pathId(id), ifMatch, body.campaignIds);
    reply.header('etag', etagOf(item.version));
    return item;
  }
}
