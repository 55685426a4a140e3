import { type Sql, sql } from '@lib/persistence';
import type { Caller } from './caller';
import { forbidden } from './problems';

/**
 * The one shared read predicate: an admin sees the tenant, a non-admin the rows of
 * their domain, a non-admin without a domain nothing. `column` is the row's domain expression.
 */
export function domainScope(caller: Caller, column: Sql): Sql {
  if (caller.admin) return sql`1 = 1`;
  if (caller.domain === null) return sql`1 = 0`;
  return sql`${column} = ${caller.domain}`;
}

/** May a caller touch a row of this domain? (Tenant membership is settled by the lookup.) */
export function inDomain(caller: Caller, domain: string | null): boolean {
  return caller.admin || (caller.domain !== null && caller.domain === domain);
}

/** `inDomain` with the resource's 403 detail. */
export function requireDomain(caller: Caller, domain: string | null, detail: string): void {
  if (!inDomain(caller, domain)) throw forbidden(detail);
}

/** A non-admin may only create in (or move to) their own domain. */
export function requireTargetDomain(caller: Caller, domain: string, details: { noClaim: string; other: string }): void {
  if (caller.admin) return;
  if (caller.domain === null) throw forbidden(details.noClaim);
  if (caller.domain !== domain) throw forbidden(details.other);
}
