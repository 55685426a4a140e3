import type { MigrationQueryRunner } from '@lib/persistence';
import { appRoleName, dialectOf, tenantTableRls, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

/** What the request role may do per table: exactly this, nothing else. */
export const CTLOG_GRANTS: Record<string, string> = {
  log_directory: 'SELECT, INSERT',
  logs: 'SELECT, INSERT, UPDATE',
  log_roots: 'SELECT, INSERT, DELETE',
  log_head: 'SELECT, INSERT, UPDATE',
  sth: 'SELECT, INSERT',
  entries: 'SELECT, INSERT',
  tiles: 'SELECT, INSERT',
  issuers: 'SELECT, INSERT',
  certificates: 'SELECT, INSERT',
  cert_revocations: 'SELECT, INSERT',
  cert_metadata: 'SELECT, INSERT',
  crl_counters: 'SELECT, INSERT, UPDATE',
};

/** `log_directory` holds only public facts and is read before the tenant is known. */
export const CTLOG_RLS_EXEMPT = ['log_directory'];

export class RlsAndGrants005 implements SchemaMigration {
  readonly name = '005_rls_and_grants';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) !== 'postgres') return;
    const role = `"${appRoleName('ctlog')}"`;
    const tables = Object.keys(CTLOG_GRANTS);
    await runAll(runner, [
      `REVOKE ALL ON ${tables.map((t) => `ctlog.${t}`).join(', ')} FROM ${role}`,
      ...tables.map((table) => `GRANT ${CTLOG_GRANTS[table]} ON ctlog.${table} TO ${role}`),
      ...tables.filter((table) => !CTLOG_RLS_EXEMPT.includes(table)).flatMap((table) => tenantTableRls('ctlog', table)),
    ]);
  }
}
