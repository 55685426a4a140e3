import type { MigrationQueryRunner } from '@lib/persistence';
import { appRoleName, dialectOf, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

export const APPEND_ONLY = ['policy_revisions', 'audit_events', 'deployments', 'deployment_files'];

/**
 * Revisions, the audit log and deployments are history: the request role may only read
 * and insert them, and triggers refuse UPDATE and DELETE for every role, owner included.
 */
export class AppendOnlyHistory003 implements SchemaMigration {
  readonly name = '003_append_only_history';

  async up(runner: MigrationQueryRunner): Promise<void> {
    if (dialectOf(runner) === 'sqlite') {
      await runAll(
        runner,
        APPEND_ONLY.flatMap((table) =>
          ['UPDATE', 'DELETE'].map(
            (verb) =>
              `CREATE TRIGGER waf.${table}_no_${verb.toLowerCase()} BEFORE ${verb} ON ${table} BEGIN SELECT RAISE(ABORT, 'waf.${table} is append-only'); END`,
          ),
        ),
      );
      return;
    }
    const role = `"${appRoleName('waf')}"`;
    await runAll(runner, [
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.map((table) => `waf.${table}`).join(', ')} FROM ${role}`,
      `CREATE FUNCTION waf.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'waf.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`,
      ...APPEND_ONLY.flatMap((table) => [
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON waf.${table} FOR EACH ROW EXECUTE FUNCTION waf.refuse_history_change()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON waf.${table} FOR EACH STATEMENT EXECUTE FUNCTION waf.refuse_history_change()`,
      ]),
    ]);
  }
}
