import { zodDto } from '../common/dto.js';
import { EmailSettings, PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest, UpdateEmailSettings, LoginRequest, LogoutRequest, MeResponse, RefreshRequest, RegisterRequest, TokenResponse, UpdateMeRequest } from '@mrm/contracts';

export class RegisterDto extends zodDto(RegisterRequest) {}
export class LoginDto extends zodDto(LoginRequest) {}
export class RefreshDto extends zodDto(RefreshRequest) {}
export class LogoutDto extends zodDto(LogoutRequest) {}
export class TokenResponseDto extends zodDto(TokenResponse) {}
export class MeResponseDto extends zodDto(MeResponse) {}
export class UpdateMeDto extends zodDto(UpdateMeRequest) {}
export class PasswordResetRequestDto extends zodDto(PasswordResetRequest) {}
export class PasswordResetAcceptedDto extends zodDto(PasswordResetAccepted) {}
export class PasswordResetConfirmDto extends zodDto(PasswordResetConfirm) {}
export class EmailSettingsDto extends zodDto(EmailSettings) {}
export class UpdateEmailSettingsDto extends zodDto(UpdateEmailSettings) {}
