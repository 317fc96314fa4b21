import { Module } from '@nestjs/common';
import { InvitationAcceptance } from './accept.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

@Module({ controllers: [MembersController], providers: [MembersService, InvitationAcceptance] })
export class MembersModule {}
