import type { MigrationQueryRunner } from '@lib/persistence';
import { dialectOf, type SchemaMigration } from '@lib/persistence';

/** The functions the audit search filters call: LIKE, lower() of the CNs, and @> on the SAN array. */
export const SEARCH_OPERATOR_FUNCTIONS = ['pg_catalog.textlike(text, text)', 'pg_catalog.lower(text)', 'pg_catalog.arraycontains(anyarray, anyarray)'];

/**
 * Under row-level security PostgreSQL turns a query predicate into an index condition only when
 * every function in it is LEAKPROOF; `textlike`, `lower` and `arraycontains` are not marked so, and without this
 * every substring or SAN filter reads all of the tenant's rows instead of the trigram and GIN
 * indexes. None can leak a row: their only errors come from the pattern, the element type or an
 * invalid encoding, never from a valid stored value. Marking needs a superuser; where the migrating role is not one
 * (Azure), the service warns at boot with the statements for an operator (decision 0015).
 */
export class LeakproofSearchOperators006 implements SchemaMigration {
  readonly name = '006_leakproof_search_operators';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) !== 'postgres') return;
    const statements = SEARCH_OPERATOR_FUNCTIONS.map((fn) => `ALTER FUNCTION ${fn} LEAKPROOF;`).join(' ');
    await runner.query(`DO $$ BEGIN IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN ${statements} END IF; END $$`);
  }
}
