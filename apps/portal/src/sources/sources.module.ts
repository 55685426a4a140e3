import { type DynamicModule, Module } from '@nestjs/common';
import { PROVISIONING_ADAPTERS, type ProvisioningAdapters } from './provisioning.adapters';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

@Module({})
export class SourcesModule {
  static forRoot(adapters: ProvisioningAdapters): DynamicModule {
    return { module: SourcesModule, controllers: [SourcesController], providers: [{ provide: PROVISIONING_ADAPTERS, useValue: adapters }, SourcesService] };
  }
}
