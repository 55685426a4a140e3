import { StoreError } from '../errors';

/**
 * A write tried to put a row into another tenant, or the database's row-level security refused
 * one. Never a client's fault (the tenant comes from the token), so it is an internal error.
 */
export class TenantIsolationViolationError extends StoreError {
  readonly status = 500;
  readonly problemType = 'tenant-isolation-violation';
  readonly title = 'Internal error';
  override readonly exposeDetail = false;
}
