import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Ctx, Public, RequirePermission, type RequestContext } from '../common/context.js';
import { pathId } from '../common/http.js';
import { ClientCredentialsDto, CreateOAuthClientDto, OAuthClientDto, OAuthClientListDto, OAuthTokenDto } from './oauth.schema.js';
import { OAuthService, oauthError } from './oauth.service.js';

/** RFC 6749 §2.3.1: client_id and client_secret may come as HTTP Basic credentials (form-encoded). */
function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  if (!header?.startsWith('Basic ')) return {};
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) throw oauthError(401, 'invalid_client', 'Malformed Basic credentials.', 'Authorization');
  try {
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  } catch {
    throw oauthError(401, 'invalid_client', 'Malformed Basic credentials.', 'Authorization');
  }
}

@ApiTags('oauth')
@Controller()
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Post('oauth-clients')
  @ApiBearerAuth()
  @RequirePermission('oauth-clients:manage')
  @ApiCreatedResponse({ type: OAuthClientDto, description: 'clientSecret is shown only in this response' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateOAuthClientDto) {
    return this.oauth.create(ctx, body);
  }

  @Get('oauth-clients')
  @ApiBearerAuth()
  @RequirePermission('oauth-clients:manage')
  @ApiOkResponse({ type: OAuthClientListDto })
  list(@Ctx() ctx: RequestContext) {
    return this.oauth.list(ctx);
  }

  @Delete('oauth-clients/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequirePermission('oauth-clients:manage')
  @ApiNoContentResponse({ description: 'tokens already issued stop working at once' })
  revoke(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.oauth.revoke(ctx, pathId(id));
  }

  @Public()
  @Post('oauth/token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: OAuthTokenDto })
  async token(@Body() body: ClientCredentialsDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const basic = basicCredentials(req.headers.authorization);
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.oauth.token(body.grant_type, basic.id ?? body.client_id, basic.secret ?? body.client_secret, body.scope);
  }
}
