import { Module } from '@nestjs/common';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';
import { LineItemsController } from './lineitems.controller.js';
import { LineItemsService } from './lineitems.service.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';
import { SharingController } from './sharing.controller.js';
import { SharingService } from './sharing.service.js';
import { TransferController } from './transfer.controller.js';
import { TransferService } from './transfer.service.js';
import { VersionsController } from './versions.controller.js';
import { VersionsService } from './versions.service.js';

@Module({
  controllers: [PlansController, LineItemsController, VersionsController, SharingController, CommentsController, TransferController],
  providers: [PlansService, LineItemsService, VersionsService, SharingService, CommentsService, TransferService],
})
export class PlansModule {}
