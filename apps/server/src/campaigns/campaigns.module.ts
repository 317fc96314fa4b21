import { Module } from '@nestjs/common';
import { CampaignsController } from './campaigns.controller.js';
import { MatchingService } from './matching.service.js';

@Module({ controllers: [CampaignsController], providers: [MatchingService] })
export class CampaignsModule {}
