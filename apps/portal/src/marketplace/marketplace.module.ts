import { type DynamicModule, Module } from '@nestjs/common';
import { RANDOM_SOURCE, type RandomSource } from '../common/tokens';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({})
export class MarketplaceModule {
  static forRoot(random: RandomSource): DynamicModule {
    return { module: MarketplaceModule, controllers: [ProductsController], providers: [{ provide: RANDOM_SOURCE, useValue: random }, ProductsService] };
  }
}
