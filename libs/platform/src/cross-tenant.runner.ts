import { Injectable, Logger } from '@nestjs/common';
import { eachTenant, forEachTenant, Store, type CrossTenantEvent, type CrossTenantOutcome, type CrossTenantRequest, type TenantScope } from '@lib/persistence';

/** Cross-tenant work for platform admins and jobs, every step logged with actor and reason. */
@Injectable()
export class CrossTenantRunner {
  private readonly logger = new Logger('CrossTenant');

  constructor(private readonly store: Store) {}

  /** One tenant unit of work per tenant. */
  run<T>(request: CrossTenantRequest, work: (scope: TenantScope) => Promise<T>): Promise<CrossTenantOutcome<T>[]> {
    return forEachTenant(this.store, request, work, (event) => this.record(event));
  }

  /** `work` in each tenant's context, opening the feature's own units of work. */
  each<T>(request: CrossTenantRequest, work: (tenantId: string) => Promise<T>): Promise<CrossTenantOutcome<T>[]> {
    return eachTenant(request, work, (event) => this.record(event));
  }

  private record(event: CrossTenantEvent): void {
    if (event.event === 'tenant-failed') this.logger.warn(event);
    else this.logger.log(event);
  }
}
