import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Ctx, Public, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { InvitationAcceptance } from './accept.service.js';
import { AcceptedDto, AcceptInvitationDto, InvitationDto, InvitationListDto, InviteDto, MemberDto, MemberListDto, UpdateMemberDto } from './members.schema.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@Controller()
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly acceptance: InvitationAcceptance,
  ) {}

  @Get('members')
  @ApiBearerAuth()
  @RequirePermission('members:read')
  @ApiOkResponse({ type: MemberListDto })
  list(@Ctx() ctx: RequestContext) {
    return this.members.list(ctx);
  }

  @Patch('members/:userId')
  @ApiBearerAuth()
  @RequirePermission('members:manage')
  @ApiOkResponse({ type: MemberDto })
  update(@Ctx() ctx: RequestContext, @Param('userId') userId: string, @Body() body: UpdateMemberDto) {
    return this.members.update(ctx, pathId(userId, 'userId'), body);
  }

  @Delete('members/:userId')
  @ApiBearerAuth()
  @HttpCode(204)
  @RequirePermission('members:manage')
  @ApiNoContentResponse()
  remove(@Ctx() ctx: RequestContext, @Param('userId') userId: string) {
    return this.members.remove(ctx, pathId(userId, 'userId'));
  }

  @Post('invitations')
  @ApiBearerAuth()
  @RequirePermission('members:manage')
  @ApiCreatedResponse({ type: InvitationDto, description: 'token is returned once; send it to the invitee' })
  invite(@Ctx() ctx: RequestContext, @Body() body: InviteDto) {
    return this.members.invite(ctx, body);
  }

  @Get('invitations')
  @ApiBearerAuth()
  @RequirePermission('members:manage')
  @ApiOkResponse({ type: InvitationListDto })
  invitations(@Ctx() ctx: RequestContext) {
    return this.members.listInvitations(ctx);
  }

  @Delete('invitations/:id')
  @ApiBearerAuth()
  @HttpCode(204)
  @RequirePermission('members:manage')
  @ApiNoContentResponse()
  revoke(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.members.revokeInvitation(ctx, pathId(id));
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedDto, description: 'joined; tokens act in the inviting workspace' })
  accept(@Body() body: AcceptInvitationDto, @Req() req: FastifyRequest) {
    return this.acceptance.accept(body, String(req.id));
  }
}
