import { Module } from '@nestjs/common';
import { AccessExpirySweeper } from './access-expiry.sweeper';
import { AccessController, MarketplaceAccessController } from './access.controller';
import { AccessService } from './access.service';

/** Access requests on both of their paths, and the sweeper that expires grants. */
@Module({ controllers: [AccessController, MarketplaceAccessController], providers: [AccessService, AccessExpirySweeper], exports: [AccessExpirySweeper] })
export class AccessModule {}
