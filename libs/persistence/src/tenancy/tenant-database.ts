import type { SqlUnit } from '../sql-unit';
import type { Store } from '../store';
import { runTenantRead, runTenantUnit, type TenantScope } from './tenant-unit-of-work';
import { runAsTenant } from './work-context';

/** Every "now" a unit of work reads; services inject theirs (tests and acceptance runs shift it). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A service's database: tenant units of work whose transaction object (`Tx`, a SqlUnit with the
 * feature's helpers) reads one "now" from the injected clock.
 */
export abstract class TenantDatabase<Tx extends SqlUnit> {
  constructor(
    readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The unit's transaction object over its tenant scope. */
  protected abstract open(scope: TenantScope, now: Date): Tx;

  get pg(): boolean {
    return this.store.dialect === 'postgres';
  }

  /** Runs `work` in one transaction of the current request's tenant, retried whole on transient faults. */
  unit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return runTenantUnit(this.store, (scope) => work(this.open(scope, this.clock.now())));
  }

  /**
   * Work that only reads, for the current request's tenant: on PostgreSQL each statement is its own
   * transaction in one round trip (see runTenantRead). Writes and locking reads belong in `unit`.
   */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return runTenantRead(this.store, (scope) => work(this.open(scope, this.clock.now())));
  }

  /** `unit` for a tenant named by the work itself (a log's tenant, a job's tenant), recorded as `actor`. */
  forTenant<T>(tenantId: string, actor: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return runAsTenant(tenantId, actor, () => this.unit(work));
  }
}
