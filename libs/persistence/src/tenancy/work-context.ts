import { AsyncLocalStorage } from 'node:async_hooks';
import { TenantContextMissingError } from '../errors';

/**
 * Who a piece of work runs for. One AsyncLocalStorage for the whole process: the HTTP layer
 * fills it from the verified token, CLI commands and jobs fill it explicitly; persistence only
 * ever reads the tenant from here, never from anything a client sends.
 */
export interface WorkContext {
  correlationId?: string;
  /** The tenant every tenant-scoped query of this work is confined to. */
  tenantId?: string;
  /** Who asked: a token's subject, a CLI operator, a job name. */
  actor?: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export const workContext = {
  run<T>(context: WorkContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): WorkContext | undefined {
    return storage.getStore();
  },
  /** The tenant of the current work; throws when there is none. */
  requireTenant(operation?: string): string {
    const tenantId = storage.getStore()?.tenantId;
    if (!tenantId) throw new TenantContextMissingError(operation);
    return tenantId;
  },
};

/** Runs `work` for one tenant, as CLI commands and jobs must: naming the tenant explicitly. */
export function runAsTenant<T>(tenantId: string, actor: string, work: () => T): T {
  if (!isTenantId(tenantId)) throw new TenantContextMissingError(`tenant "${tenantId}" is not a UUID, so work for it`);
  return storage.run({ ...storage.getStore(), tenantId, actor }, work);
}
