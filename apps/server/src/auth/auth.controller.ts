import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CONFIG, type Config } from '../config/config.js';
import { Ctx, Public, UserOnly, type RequestContext } from '../common/context.js';
import { invalid } from '../common/problem.js';
import { enforce, RateLimiter } from '../ops/rate-limit.js';
import { AuthService } from './auth.service.js';
import {
  EmailSettingsDto,
  LoginDto,
  LogoutDto,
  MeResponseDto,
  PasswordResetAcceptedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  TokenResponseDto,
  UpdateEmailSettingsDto,
  UpdateMeDto,
} from './auth.schema.js';
import { EmailSettingsService } from './email-settings.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { sha256 } from './secrets.js';
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

/** The language a browser asks for, when it is one the product speaks. */
function preferredLocale(header: string | string[] | undefined): 'ru' | 'en' | null {
  const first = String(Array.isArray(header) ? header[0] : (header ?? '')).trim().slice(0, 2).toLowerCase();
  return first === 'en' || first === 'ru' ? first : null;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
    private readonly limiter: RateLimiter,
    private readonly resets: PasswordResetService,
    private readonly emailSettings: EmailSettingsService,
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

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto, description: 'the same answer whether or not the address has an account' })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() req: FastifyRequest) {
    enforce(await this.limiter.hit(`reset:ip:${req.ip}`, this.config.RATE_LIMIT_AUTH_PER_MINUTE), 'password-reset requests from this address');
    // Counted per address whether or not it has an account, so the limit reveals nothing either.
    enforce(await this.limiter.hit(`reset:email:${sha256(body.email)}`, this.config.RATE_LIMIT_PASSWORD_RESET_PER_HOUR, 3_600_000), 'password-reset requests for this email');
    await this.resets.request(body.email, preferredLocale(req.headers['accept-language']));
    return { status: 'accepted' as const, message: 'If an account uses this email, a link to reset its password is on its way.' };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the password is changed; the link stops working and every session of the account is signed out' })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto, @Req() req: FastifyRequest) {
    await this.throttle(req);
    await this.resets.confirm(body.token, body.password, String(req.id));
  }

  @UserOnly()
  @Get('me/email-settings')
  @ApiBearerAuth()
  @ApiOkResponse({ type: EmailSettingsDto, description: 'the optional emails you turned off' })
  getEmailSettings(@Ctx() ctx: RequestContext) {
    return this.emailSettings.get(ctx);
  }

  @UserOnly()
  @Put('me/email-settings')
  @ApiBearerAuth()
  @ApiOkResponse({ type: EmailSettingsDto, description: 'saved; invitations and password resets are always sent' })
  updateEmailSettings(@Ctx() ctx: RequestContext, @Body() body: UpdateEmailSettingsDto) {
    return this.emailSettings.update(ctx, body.optedOut);
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
