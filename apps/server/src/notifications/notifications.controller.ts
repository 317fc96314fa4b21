import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotificationList, NotificationListQuery } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { pathId } from '../common/http.js';
import { NotificationsService } from './notifications.service.js';

class NotificationListDto extends zodDto(NotificationList) {}
class NotificationListQueryDto extends zodDto(NotificationListQuery) {}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: NotificationListDto, description: 'your notifications (the workspace’s and your own), newest first, with your unread count' })
  list(@Ctx() ctx: RequestContext, @Query() query: NotificationListQueryDto) {
    return this.notifications.list(ctx, query);
  }

  @Post('read-all')
  @HttpCode(204)
  @RequirePermission('plans:read')
  @ApiNoContentResponse({ description: 'every notification you can see is read, for you' })
  async readAll(@Ctx() ctx: RequestContext) {
    await this.notifications.markRead(ctx);
  }

  @Post(':id/read')
  @HttpCode(204)
  @RequirePermission('plans:read')
  @ApiNoContentResponse({ description: 'read, for you; other members still see it unread' })
  async read(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.notifications.markRead(ctx, pathId(id));
  }
}
