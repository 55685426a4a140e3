import type { MigrationQueryRunner } from '@lib/persistence';
import type { SchemaMigration } from '@lib/persistence';
import { runAll, schemaDdl } from '../ddl';

/** The log tables: directory, logs, roots, heads, entries, tiles, issuers. */
export class CreateLogTables001 implements SchemaMigration {
  readonly name = '001_create_log_tables';

  async up(runner: MigrationQueryRunner): Promise<void> {
    const { uuid, text, timestamp, int, bigint, json, bytes, hash, index, oneOf } = ctlogDdl(runner);
    await runAll(runner, [
      `CREATE TABLE ctlog.log_directory (
        name ${text} NOT NULL PRIMARY KEY,
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        ct_log_id ${hash('ct_log_id')} NOT NULL)`,
      index('log_directory_ct_log_id', 'log_directory', 'ct_log_id', { unique: true }),
      index('log_directory_tenant_log', 'log_directory', 'tenant_id, log_id', { unique: true }),
      `CREATE TABLE ctlog.logs (
        tenant_id ${uuid} NOT NULL,
        id ${uuid} NOT NULL,
        name ${text} NOT NULL,
        kind ${text} NOT NULL ${oneOf('kind', ['rfc6962', 'events'])},
        description ${text} NOT NULL DEFAULT '',
        state ${text} NOT NULL ${oneOf('state', ['active', 'read_only'])},
        public_key ${bytes} NOT NULL,
        ct_log_id ${hash('ct_log_id')} NOT NULL,
        key_ref ${text} NOT NULL,
        origin ${text} NOT NULL,
        not_after_start ${timestamp},
        not_after_limit ${timestamp},
        read_only_grace_s ${int} NOT NULL,
        read_only_at ${timestamp},
        config ${json('config')} NOT NULL,
        version ${int} NOT NULL DEFAULT 1,
        created_at ${timestamp} NOT NULL,
        updated_at ${timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CHECK ((not_after_start IS NULL) = (not_after_limit IS NULL)))`,
      index('logs_name', 'logs', 'tenant_id, name', { unique: true }),
      `CREATE TABLE ctlog.log_roots (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        fingerprint ${hash('fingerprint')} NOT NULL,
        der ${bytes} NOT NULL,
        added_at ${timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, log_id, fingerprint))`,
      `CREATE TABLE ctlog.log_head (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        tree_size ${bigint} NOT NULL,
        root_hash ${hash('root_hash')} NOT NULL,
        timestamp_ms ${bigint} NOT NULL,
        signature ${bytes} NOT NULL,
        updated_at ${timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, log_id))`,
      `CREATE TABLE ctlog.sth (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        tree_size ${bigint} NOT NULL,
        timestamp_ms ${bigint} NOT NULL,
        root_hash ${hash('root_hash')} NOT NULL,
        signature ${bytes} NOT NULL,
        created_at ${timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, log_id, tree_size))`,
      `CREATE TABLE ctlog.entries (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        leaf_index ${bigint} NOT NULL,
        leaf_hash ${hash('leaf_hash')} NOT NULL,
        identity_hash ${hash('identity_hash')} NOT NULL,
        timestamp_ms ${bigint} NOT NULL,
        leaf_input ${bytes} NOT NULL,
        pre_certificate ${bytes},
        chain ${bytes} NOT NULL,
        not_after ${timestamp},
        PRIMARY KEY (tenant_id, log_id, leaf_index))`,
      index('entries_identity', 'entries', 'tenant_id, log_id, identity_hash', { unique: true }),
      index('entries_leaf_hash', 'entries', 'tenant_id, log_id, leaf_hash'),
      `CREATE TABLE ctlog.tiles (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        level ${int} NOT NULL CHECK (level BETWEEN 0 AND 5),
        tile_index ${bigint} NOT NULL,
        width ${int} NOT NULL CHECK (width BETWEEN 1 AND 256),
        hashes ${bytes} NOT NULL,
        PRIMARY KEY (tenant_id, log_id, level, tile_index, width),
        CHECK (${runner.connection.options.type === 'postgres' ? 'octet_length(hashes)' : 'length(hashes)'} = 32 * width))`,
      `CREATE TABLE ctlog.issuers (
        tenant_id ${uuid} NOT NULL,
        fingerprint ${hash('fingerprint')} NOT NULL,
        der ${bytes} NOT NULL,
        PRIMARY KEY (tenant_id, fingerprint))`,
    ]);
  }
}

/** The shared DDL vocabulary plus the binary types this schema uses: bytea / BLOB and 32-byte hashes. */
export function ctlogDdl(runner: MigrationQueryRunner) {
  const d = schemaDdl(runner, 'ctlog');
  const length = d.pg ? 'octet_length' : 'length';
  return {
    ...d,
    bytes: d.pg ? 'bytea' : 'BLOB',
    hash: (column: string) => `${d.pg ? 'bytea' : 'BLOB'} CHECK (${length}(${column}) = 32)`,
  };
}
