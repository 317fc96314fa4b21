import { createZodDto } from 'nestjs-zod';
import { LoginRequest, LogoutRequest, MeResponse, RefreshRequest, RegisterRequest, TokenResponse } from '@mrm/contracts';

export class RegisterDto extends createZodDto(RegisterRequest) {}
export class LoginDto extends createZodDto(LoginRequest) {}
export class RefreshDto extends createZodDto(RefreshRequest) {}
export class LogoutDto extends createZodDto(LogoutRequest) {}
export class TokenResponseDto extends createZodDto(TokenResponse) {}
export class MeResponseDto extends createZodDto(MeResponse) {}
