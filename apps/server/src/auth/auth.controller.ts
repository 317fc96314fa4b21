import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '../config/config.js';
import { Ctx, Public, UserOnly, type RequestContext } from '../common/context.js';
import { invalid } from '../common/problem.js';
import { enforce, RateLimiter } from '../ops/rate-limit.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LogoutDto, MeResponseDto, RefreshDto, RegisterDto, TokenResponseDto, UpdateMeDto } from './auth.schema.js';
import { TokensService } from './tokens.service.js';

export const REFRESH_COOKIE = 'mrm_refresh';

function refreshTokenFrom(body: RefreshDto | undefined, req: FastifyRequest): string {
  if (body?.refreshToken) return body.refreshToken;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
  if (cookie) {
    try {
      return decodeURIComponent(cookie.slice(REFRESH_COOKIE.length + 1));
    } catch {
      throw invalid('refreshToken', 'the mrm_refresh cookie is not validly encoded');
    }
  }
  throw invalid('refreshToken', 'required (in the body, or in the mrm_refresh cookie)');
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
    private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private async throttle(req: FastifyRequest): Promise<void> {
    enforce(await this.limiter.hit(`auth:ip:${req.ip}`, this.config.RATE_LIMIT_AUTH_PER_MINUTE), 'sign-in attempts from this address');
  }

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: TokenResponseDto, description: 'A new agency workspace with you as its owner' })
  async register(@Body() body: RegisterDto, @Req() req: FastifyRequest) {
    await this.throttle(req);
    return this.auth.register(body, String(req.id));
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest) {
    await this.throttle(req);
    return this.auth.login(body.email, body.password);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto, description: 'A new pair; the presented refresh token stops working' })
  async refresh(@Body() body: RefreshDto, @Req() req: FastifyRequest) {
    return this.tokens.rotate(refreshTokenFrom(body, req));
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The login (refresh-token family) is signed out' })
  async logout(@Body() body: LogoutDto, @Req() req: FastifyRequest) {
    await this.tokens.revokeFamilyOf(refreshTokenFrom(body, req));
  }

  @UserOnly()
  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }

  @UserOnly()
  @Patch('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto, description: 'your language is remembered for every browser you log in from' })
  updateMe(@Ctx() ctx: RequestContext, @Body() body: UpdateMeDto) {
    return this.auth.updateMe(ctx, body);
  }
}
