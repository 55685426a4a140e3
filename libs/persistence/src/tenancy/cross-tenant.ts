import type { Store } from '../store';
import { runTenantUnit, type TenantScope } from './tenant-unit-of-work';
import { runAsTenant } from './work-context';

export interface CrossTenantRequest {
  /** Who runs it: an operator, a job name. */
  readonly actor: string;
  /** Why: recorded with every tenant touched. */
  readonly reason: string;
  readonly tenantIds: readonly string[];
}

export interface CrossTenantEvent {
  readonly actor: string;
  readonly reason: string;
  readonly tenantId?: string;
  readonly event: 'started' | 'tenant-done' | 'tenant-failed' | 'finished';
  readonly error?: string;
}

export type CrossTenantOutcome<T> = { tenantId: string; ok: true; value: T } | { tenantId: string; ok: false; error: unknown };

/**
 * The one sanctioned way to touch several tenants (platform admin, background jobs): each
 * tenant in turn, `work` running in that tenant's context so the units of work it opens are
 * confined by row-level security, and every step reported with who and why. A failing tenant
 * does not stop the others.
 */
export async function eachTenant<T>(
  request: CrossTenantRequest,
  work: (tenantId: string) => Promise<T>,
  record: (event: CrossTenantEvent) => void,
): Promise<CrossTenantOutcome<T>[]> {
  if (!request.actor.trim() || !request.reason.trim()) throw new Error('cross-tenant work needs an actor and a reason');
  const base = { actor: request.actor, reason: request.reason };
  record({ ...base, event: 'started' });
  const outcomes: CrossTenantOutcome<T>[] = [];
  for (const tenantId of request.tenantIds) {
    try {
      const value = await runAsTenant(tenantId, request.actor, () => work(tenantId));
      outcomes.push({ tenantId, ok: true, value });
      record({ ...base, tenantId, event: 'tenant-done' });
    } catch (error) {
      outcomes.push({ tenantId, ok: false, error });
      record({ ...base, tenantId, event: 'tenant-failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  record({ ...base, event: 'finished' });
  return outcomes;
}

/** `eachTenant` with one tenant unit of work per tenant. */
export function forEachTenant<T>(
  store: Store,
  request: CrossTenantRequest,
  work: (scope: TenantScope) => Promise<T>,
  record: (event: CrossTenantEvent) => void,
): Promise<CrossTenantOutcome<T>[]> {
  return eachTenant(request, () => runTenantUnit(store, work), record);
}
