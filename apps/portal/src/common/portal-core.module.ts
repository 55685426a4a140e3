import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { Clock } from '@lib/persistence';
import type { PortalConfig } from '../portal-config';
import { PortalClock } from './clock';
import { PortalDb } from './portal-db';
import { PORTAL_CONFIG } from './tokens';

/** What every feature of the portal uses: its configuration, database and clock. */
@Global()
@Module({})
export class PortalCoreModule {
  static forRoot(config: PortalConfig, clock?: Pick<Clock, 'now'>): DynamicModule {
    const providers: Provider[] = [
      { provide: PORTAL_CONFIG, useValue: config },
      clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: PortalClock },
      PortalDb,
    ];
    return { module: PortalCoreModule, providers, exports: providers };
  }
}
