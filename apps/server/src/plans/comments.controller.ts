import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { zodDto } from '../common/dto.js';
import { Comment, CommentList, CommentListQuery, CreateCommentRequest } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { CommentsService } from './comments.service.js';

class CreateCommentDto extends zodDto(CreateCommentRequest) {}
class CommentDto extends zodDto(Comment) {}
class CommentListDto extends zodDto(CommentList) {}
class CommentListQueryDto extends zodDto(CommentListQuery) {}

@ApiTags('comments')
@ApiBearerAuth()
@Controller('media-plans/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @RequirePermission('plans:comment')
  @ApiCreatedResponse({ type: CommentDto })
  create(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CreateCommentDto) {
    return this.comments.create(ctx, pathId(id), body);
  }

  @Get()
  @RequirePermission('plans:read')
  @ApiOkResponse({ type: CommentListDto })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: CommentListQueryDto) {
    return this.comments.list(ctx, pathId(id), query.lineItemId);
  }
}
