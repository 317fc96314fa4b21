import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { Comment, CommentList, CommentListQuery, CreateCommentRequest } from '@mrm/contracts';
import { Ctx, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { CommentsService } from './comments.service.js';

class CreateCommentDto extends createZodDto(CreateCommentRequest) {}
class CommentDto extends createZodDto(Comment) {}
class CommentListDto extends createZodDto(CommentList) {}
class CommentListQueryDto extends createZodDto(CommentListQuery) {}

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
