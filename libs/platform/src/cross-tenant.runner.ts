import { Injectable, Logger } from '@nestjs/common';
import { forEachTenant, Store, type CrossTenantOutcome, type CrossTenantRequest, type TenantScope } from '@lib/persistence';

/** Cross-tenant work for platform admins and jobs, every step logged with actor and reason. */
@Injectable()
export class CrossTenantRunner {
  private readonly logger = new Logger('CrossTenant');

  constructor(private readonly store: Store) {}

  run<T>(request: CrossTenantRequest, work: (scope: TenantScope) => Promise<T>): Promise<CrossTenantOutcome<T>[]> {
    return forEachTenant(this.store, request, work, (event) => (event.event === 'tenant-failed' ? this.logger.warn(event) : this.logger.log(event)));
  }
}
