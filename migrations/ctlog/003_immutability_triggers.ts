import type { MigrationQueryRunner } from '@lib/persistence';
import { dialectOf, type SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';

export const APPEND_ONLY = ['entries', 'sth', 'issuers', 'certificates', 'cert_revocations', 'cert_metadata', 'log_directory'];

/**
 * The log's history is immutable for every role, the owner included (triggers 1–7); only
 * a superuser in `session_replication_role = replica` bypasses them.
 */
export class ImmutabilityTriggers003 implements SchemaMigration {
  readonly name = '003_immutability_triggers';

  async up(runner: MigrationQueryRunner): Promise<void> {
    await runAll(runner, dialectOf(runner) === 'postgres' ? postgresTriggers() : sqliteTriggers());
  }
}

function postgresTriggers(): string[] {
  const refuse = (table: string) => `RAISE EXCEPTION 'ctlog.${table} is append-only' USING ERRCODE = '55000'`;
  const fn = (name: string, body: string) => `CREATE FUNCTION ctlog.${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} END $$`;
  const rowTrigger = (table: string, events: string, fnName: string) =>
    `CREATE TRIGGER ${table}_${fnName} BEFORE ${events} ON ctlog.${table} FOR EACH ROW EXECUTE FUNCTION ctlog.${fnName}()`;
  const noTruncate = (table: string) =>
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ctlog.${table} FOR EACH STATEMENT EXECUTE FUNCTION ctlog.refuse_change()`;
  return [
    fn('refuse_change', `RAISE EXCEPTION 'ctlog.% is append-only', TG_TABLE_NAME USING ERRCODE = '55000';`),
    ...APPEND_ONLY.flatMap((table) => [rowTrigger(table, 'UPDATE OR DELETE', 'refuse_change'), noTruncate(table)]),

    fn(
      'tiles_guard',
      `IF TG_OP = 'DELETE' AND OLD.width < 256 AND EXISTS (SELECT 1 FROM ctlog.tiles t WHERE t.tenant_id = OLD.tenant_id AND t.log_id = OLD.log_id
          AND t.level = OLD.level AND t.tile_index = OLD.tile_index AND t.width > OLD.width) THEN RETURN OLD; END IF;
       ${refuse('tiles')};`,
    ),
    rowTrigger('tiles', 'UPDATE OR DELETE', 'tiles_guard'),
    noTruncate('tiles'),

    fn(
      'sth_monotonic',
      `IF EXISTS (SELECT 1 FROM ctlog.sth s WHERE s.tenant_id = NEW.tenant_id AND s.log_id = NEW.log_id
          AND (s.tree_size >= NEW.tree_size OR s.timestamp_ms >= NEW.timestamp_ms)) THEN
         RAISE EXCEPTION 'ctlog.sth: tree_size and timestamp_ms must exceed every earlier head of the log' USING ERRCODE = '55000';
       END IF;
       RETURN NEW;`,
    ),
    rowTrigger('sth', 'INSERT', 'sth_monotonic'),

    fn(
      'log_head_guard',
      `IF TG_OP = 'DELETE' THEN ${refuse('log_head')}; END IF;
       IF NEW.tenant_id <> OLD.tenant_id OR NEW.log_id <> OLD.log_id OR NEW.timestamp_ms <= OLD.timestamp_ms THEN
         RAISE EXCEPTION 'ctlog.log_head: keys are immutable and timestamp_ms must increase' USING ERRCODE = '55000';
       END IF;
       IF (NEW.tree_size, NEW.root_hash) IS NOT DISTINCT FROM (OLD.tree_size, OLD.root_hash) THEN RETURN NEW; END IF;
       IF NEW.tree_size > OLD.tree_size AND EXISTS (SELECT 1 FROM ctlog.sth s WHERE s.tenant_id = NEW.tenant_id AND s.log_id = NEW.log_id
           AND s.tree_size = NEW.tree_size AND s.root_hash = NEW.root_hash AND s.timestamp_ms = NEW.timestamp_ms) THEN RETURN NEW; END IF;
       RAISE EXCEPTION 'ctlog.log_head: a head may only grow to a size with an equal sth row' USING ERRCODE = '55000';`,
    ),
    rowTrigger('log_head', 'UPDATE OR DELETE', 'log_head_guard'),
    noTruncate('log_head'),

    fn(
      'logs_guard',
      `IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'ctlog.logs rows cannot be deleted' USING ERRCODE = '55000'; END IF;
       IF (NEW.tenant_id, NEW.id, NEW.name, NEW.kind, NEW.public_key, NEW.ct_log_id, NEW.key_ref, NEW.origin, NEW.not_after_start, NEW.not_after_limit)
          IS DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.name, OLD.kind, OLD.public_key, OLD.ct_log_id, OLD.key_ref, OLD.origin, OLD.not_after_start, OLD.not_after_limit) THEN
         RAISE EXCEPTION 'ctlog.logs: identity, key, origin and window are immutable' USING ERRCODE = '55000';
       END IF;
       IF OLD.state = 'read_only' AND NEW.state <> 'read_only' THEN
         RAISE EXCEPTION 'ctlog.logs: a read-only log stays read-only' USING ERRCODE = '55000';
       END IF;
       RETURN NEW;`,
    ),
    rowTrigger('logs', 'UPDATE OR DELETE', 'logs_guard'),
    noTruncate('logs'),

    fn(
      'crl_counters_guard',
      `IF TG_OP = 'DELETE' THEN ${refuse('crl_counters')}; END IF;
       IF NEW.tenant_id <> OLD.tenant_id OR NEW.issuer <> OLD.issuer OR NEW.crl_number <> OLD.crl_number + 1 THEN
         RAISE EXCEPTION 'ctlog.crl_counters: a CRL number only ever advances by one' USING ERRCODE = '55000';
       END IF;
       RETURN NEW;`,
    ),
    rowTrigger('crl_counters', 'UPDATE OR DELETE', 'crl_counters_guard'),
    noTruncate('crl_counters'),

    fn(
      'log_directory_tenant',
      `IF NEW.tenant_id IS DISTINCT FROM NULLIF(current_setting('app.tenant_id', true), '')::uuid THEN
         RAISE EXCEPTION 'ctlog.log_directory: a log can only be registered for the current tenant' USING ERRCODE = '42501';
       END IF;
       RETURN NEW;`,
    ),
    rowTrigger('log_directory', 'INSERT', 'log_directory_tenant'),
  ];
}

function sqliteTriggers(): string[] {
  const trigger = (name: string, timing: string, table: string, when: string, message: string) =>
    `CREATE TRIGGER ctlog.${name} ${timing} ON ${table} FOR EACH ROW${when ? ` WHEN ${when}` : ''} BEGIN SELECT RAISE(ABORT, '${message}'); END`;
  return [
    ...APPEND_ONLY.flatMap((table) =>
      ['UPDATE', 'DELETE'].map((verb) => trigger(`${table}_no_${verb.toLowerCase()}`, `BEFORE ${verb}`, table, '', `ctlog.${table} is append-only`)),
    ),
    trigger('tiles_no_update', 'BEFORE UPDATE', 'tiles', '', 'ctlog.tiles is append-only'),
    trigger(
      'tiles_no_delete',
      'BEFORE DELETE',
      'tiles',
      'OLD.width = 256 OR NOT EXISTS (SELECT 1 FROM tiles t WHERE t.tenant_id = OLD.tenant_id AND t.log_id = OLD.log_id AND t.level = OLD.level AND t.tile_index = OLD.tile_index AND t.width > OLD.width)',
      'ctlog.tiles is append-only',
    ),
    trigger(
      'sth_monotonic',
      'BEFORE INSERT',
      'sth',
      'EXISTS (SELECT 1 FROM sth s WHERE s.tenant_id = NEW.tenant_id AND s.log_id = NEW.log_id AND (s.tree_size >= NEW.tree_size OR s.timestamp_ms >= NEW.timestamp_ms))',
      'ctlog.sth: tree_size and timestamp_ms must exceed every earlier head of the log',
    ),
    trigger('log_head_no_delete', 'BEFORE DELETE', 'log_head', '', 'ctlog.log_head is append-only'),
    trigger(
      'log_head_guard',
      'BEFORE UPDATE',
      'log_head',
      `NEW.tenant_id <> OLD.tenant_id OR NEW.log_id <> OLD.log_id OR NEW.timestamp_ms <= OLD.timestamp_ms OR NOT (
         (NEW.tree_size = OLD.tree_size AND NEW.root_hash = OLD.root_hash) OR (NEW.tree_size > OLD.tree_size AND EXISTS (SELECT 1 FROM sth s
           WHERE s.tenant_id = NEW.tenant_id AND s.log_id = NEW.log_id AND s.tree_size = NEW.tree_size AND s.root_hash = NEW.root_hash AND s.timestamp_ms = NEW.timestamp_ms)))`,
      'ctlog.log_head: a head may only grow to a size with an equal sth row',
    ),
    trigger('logs_no_delete', 'BEFORE DELETE', 'logs', '', 'ctlog.logs rows cannot be deleted'),
    trigger(
      'logs_guard',
      'BEFORE UPDATE',
      'logs',
      `NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id OR NEW.name <> OLD.name OR NEW.kind <> OLD.kind OR NEW.public_key <> OLD.public_key
         OR NEW.ct_log_id <> OLD.ct_log_id OR NEW.key_ref <> OLD.key_ref OR NEW.origin <> OLD.origin
         OR NEW.not_after_start IS NOT OLD.not_after_start OR NEW.not_after_limit IS NOT OLD.not_after_limit
         OR (OLD.state = 'read_only' AND NEW.state <> 'read_only')`,
      'ctlog.logs: identity, key, origin and window are immutable; a read-only log stays read-only',
    ),
    trigger('crl_counters_no_delete', 'BEFORE DELETE', 'crl_counters', '', 'ctlog.crl_counters is append-only'),
    trigger(
      'crl_counters_guard',
      'BEFORE UPDATE',
      'crl_counters',
      'NEW.tenant_id <> OLD.tenant_id OR NEW.issuer <> OLD.issuer OR NEW.crl_number <> OLD.crl_number + 1',
      'ctlog.crl_counters: a CRL number only ever advances by one',
    ),
  ];
}
