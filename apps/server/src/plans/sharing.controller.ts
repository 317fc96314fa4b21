import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { zodDto } from '../common/dto.js';
import type { FastifyRequest } from 'fastify';
import { PublicApproval, PublicApproveRequest, PublicRejectRequest, ShareLink, ShareLinkList, ShareRequest } from '@mrm/contracts';
import { Ctx, Public, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { invalid } from '../common/problem.js';
import { SharingService } from './sharing.service.js';

class ShareDto extends zodDto(ShareRequest) {}
class ShareLinkDto extends zodDto(ShareLink) {}
class ShareLinkListDto extends zodDto(ShareLinkList) {}
class PublicApprovalDto extends zodDto(PublicApproval) {}
class PublicApproveDto extends zodDto(PublicApproveRequest) {}
class PublicRejectDto extends zodDto(PublicRejectRequest) {}

const shareToken = (raw: string) => {
  if (!/^msl_[A-Za-z0-9_-]{20,100}$/.test(raw)) throw invalid('token', 'not an approval link token');
  return raw;
};

@ApiTags('client sign-off')
@Controller()
export class SharingController {
  constructor(private readonly sharing: SharingService) {}

  @Post('media-plans/:id/share')
  @ApiBearerAuth()
  @RequirePermission('plans:share')
  @ApiCreatedResponse({ type: ShareLinkDto, description: 'token and url are returned only here' })
  create(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: ShareDto) {
    return this.sharing.create(ctx, pathId(id), body.versionNumber, body.expiresInDays);
  }

  @Get('media-plans/:id/shares')
  @ApiBearerAuth()
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: ShareLinkListDto, description: 'with who signed off, when, and what they said' })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.sharing.list(ctx, pathId(id));
  }

  @Delete('media-plans/:id/shares/:shareId')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission('plans:share')
  @ApiNoContentResponse()
  revoke(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('shareId') shareId: string) {
    return this.sharing.revoke(ctx, pathId(id), pathId(shareId, 'shareId'));
  }

  @Public()
  @Get('public/approvals/:token')
  @ApiOkResponse({ type: PublicApprovalDto, description: 'the shared version, read-only; no account needed' })
  view(@Param('token') token: string) {
    return this.sharing.view(shareToken(token));
  }

  @Public()
  @Post('public/approvals/:token/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ShareLinkDto })
  async approve(@Param('token') token: string, @Body() body: PublicApproveDto, @Req() req: FastifyRequest) {
    return (await this.sharing.decide(shareToken(token), 'approve', body.name, body.comment, String(req.id))).share;
  }

  @Public()
  @Post('public/approvals/:token/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ShareLinkDto })
  async reject(@Param('token') token: string, @Body() body: PublicRejectDto, @Req() req: FastifyRequest) {
    return (await this.sharing.decide(shareToken(token), 'reject', body.name, body.comment, String(req.id))).share;
  }
}
