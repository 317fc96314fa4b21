import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { EmailSettingsService } from './email-settings.service.js';
import { PasswordResetService } from './password-reset.service.js';

@Module({ controllers: [AuthController], providers: [AuthService, PasswordResetService, EmailSettingsService] })
export class AuthModule {}
