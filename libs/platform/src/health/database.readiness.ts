import { Injectable } from '@nestjs/common';
import { Store } from '@lib/persistence';
import { ReadinessRegistry } from './readiness';

/** Ready only while the database answers. */
@Injectable()
export class DatabaseReadiness {
  constructor(store: Store, registry: ReadinessRegistry) {
    registry.register({
      name: 'database',
      check: async () => {
        await store.ping();
        return { dialect: store.dialect };
      },
    });
  }
}
