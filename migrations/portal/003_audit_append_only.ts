import type { MigrationQueryRunner } from '@lib/persistence';
import { appRoleName, dialectOf, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

const REFUSAL = 'portal.audit_events is append-only';

/**
 * The audit trail cannot be rewritten: the request role may only insert and read
 * events (and tenants), and triggers refuse UPDATE and DELETE for every role, owner included.
 */
export class AuditAppendOnly003 implements SchemaMigration {
  readonly name = '003_audit_append_only';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) === 'sqlite') {
      await runAll(runner, [
        `CREATE TRIGGER portal.audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`,
        `CREATE TRIGGER portal.audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`,
      ]);
      return;
    }
    const role = `"${appRoleName('portal')}"`;
    await runAll(runner, [
      `REVOKE UPDATE, DELETE, TRUNCATE ON portal.audit_events, portal.tenants FROM ${role}`,
      `REVOKE DELETE, TRUNCATE ON portal.audit_chain_heads FROM ${role}`,
      `CREATE FUNCTION portal.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION '${REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$`,
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON portal.audit_events FOR EACH ROW EXECUTE FUNCTION portal.refuse_audit_change()`,
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON portal.audit_events FOR EACH STATEMENT EXECUTE FUNCTION portal.refuse_audit_change()`,
    ]);
  }
}
