/**
 * The row-level security every tenant table gets, and the lint that proves it is there.
 * Migrations call `tenantTableRls` for each tenant table; readiness calls `lintTenantTables`.
 */
import type { SchemaMigrations } from '../migrations/migration-types';
import { type Dialect } from '../database-url';

/** Runs one read-only statement wherever the caller stands: a pooled transaction, or a migration's own. */
export type CatalogQuery = (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const TENANT_POLICY = 'tenant_isolation';
export const TENANT_PREDICATE = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid";

/** The role request connections act as for a module schema: owns nothing, bypasses nothing. */
export function appRoleName(schema: string): string {
  return `${schema}_app`;
}

/** ENABLE + FORCE row-level security and the one `FOR ALL` tenant policy (PostgreSQL only). */
export function tenantTableRls(schema: string, table: string): string[] {
  const qualified = `"${schema}"."${table}"`;
  return [
    `ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${qualified} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${TENANT_POLICY} ON ${qualified} FOR ALL USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE})`,
  ];
}

/**
 * The schema, its app role and the app role's rights: data access on every table the migrations
 * create (default privileges), nothing else. This runs at every boot, so it grants nothing on
 * existing tables: that would undo the REVOKEs of append-only tables. Replicas of one database
 * are serialised by a transaction-scoped advisory lock; roles belong to the whole cluster while
 * advisory locks belong to one database, so a service booting on another database of the same
 * server can still race to create the role: the loser takes the winner's role.
 */
export function provisionSchemaSql(schema: string): string[] {
  const role = appRoleName(schema);
  return [
    `SELECT pg_advisory_xact_lock(hashtext('control-plane:provision'))`,
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
       CREATE ROLE "${role}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
     END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
    `GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT USAGE, SELECT ON SEQUENCES TO "${role}"`,
  ];
}

export interface RlsFinding {
  readonly table: string;
  readonly problems: string[];
}

const normalise = (expression: string | null) => (expression ?? '').replace(/::text|[\s()"]/g, '').toLowerCase();
const EXPECTED = normalise(TENANT_PREDICATE);

/**
 * Tables with a `tenant_id` column in these schemas that lack enabled, forced RLS or the policy,
 * apart from the `exempt` ones (`schema.table`).
 */
export async function lintTenantTables(
  dialect: Dialect,
  query: CatalogQuery,
  schemas: readonly string[],
  exempt: readonly string[] = [],
): Promise<RlsFinding[]> {
  if (dialect !== 'postgres') return [];
  const rows = (await query(
    `SELECT n.nspname || '.' || c.relname AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check, p.polcmd::text AS command
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
           LEFT JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = $2
          WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
          ORDER BY 1`,
    [schemas, TENANT_POLICY],
  )) as Array<{ table: string; enabled: boolean; forced: boolean; qual: string | null; check: string | null; command: string | null }>;
  return rows
    .map((row) => {
      const problems: string[] = [];
      if (!row.enabled) problems.push('row-level security not enabled');
      if (!row.forced) problems.push('row-level security not forced');
      if (row.command === null) problems.push(`no ${TENANT_POLICY} policy`);
      else {
        if (row.command !== '*') problems.push(`${TENANT_POLICY} is not FOR ALL`);
        if (normalise(row.qual) !== EXPECTED) problems.push(`${TENANT_POLICY} USING is not the tenant predicate`);
        if (normalise(row.check) !== EXPECTED) problems.push(`${TENANT_POLICY} WITH CHECK is not the tenant predicate`);
      }
      return { table: row.table, problems };
    })
    .filter((finding) => finding.problems.length > 0 && !exempt.includes(finding.table));
}

/** The qualified names of the tables these schemas declare exempt from row-level security. */
export function rlsExemptTables(registries: readonly SchemaMigrations[]): string[] {
  return registries.flatMap((registry) => (registry.rlsExempt ?? []).map((table) => `${registry.schema}.${table}`));
}
