import type { MigrationQueryRunner, SchemaMigration } from '@lib/persistence';
import { dialectOf, tenantTableRls } from '@lib/persistence';
import { runAll, schemaDdl } from '../ddl';

export const SECURITY_EVENT_TABLES = ['security_events', 'security_event_matches'];

/**
 * What WAF nodes report back: the engine's security events (one row per transaction, one row
 * per rule it matched) and, per node, the outcome of applying the last deployment it pulled.
 */
export class SecurityEvents004 implements SchemaMigration {
  readonly name = '004_security_events';

  async up(runner: MigrationQueryRunner): Promise<void> {
    const { uuid, text, timestamp, int, json, references, index, oneOf } = schemaDdl(runner, 'waf');
    await runAll(runner, [
      `CREATE TABLE waf.security_events (
        tenant_id ${uuid} NOT NULL,
        id ${uuid} NOT NULL,
        node_id ${text} NOT NULL,
        transaction_id ${text} NOT NULL,
        occurred_at ${timestamp} NOT NULL,
        received_at ${timestamp} NOT NULL,
        host ${text} NOT NULL,
        vhost_id ${uuid},
        client_ip ${text} NOT NULL,
        method ${text} NOT NULL,
        path ${text} NOT NULL,
        query ${text} NOT NULL,
        status ${int} NOT NULL,
        action ${text} NOT NULL ${oneOf('action', ['blocked', 'detected'])},
        engine ${text} NOT NULL,
        headers ${json('headers')} NOT NULL,
        PRIMARY KEY (tenant_id, id))`,
      index('security_events_transaction', 'security_events', 'tenant_id, node_id, transaction_id', { unique: true }),
      index('security_events_time', 'security_events', 'tenant_id, occurred_at, id'),
      `CREATE TABLE waf.security_event_matches (
        tenant_id ${uuid} NOT NULL,
        event_id ${uuid} NOT NULL,
        seq ${int} NOT NULL,
        rule_id ${int} NOT NULL,
        message ${text} NOT NULL,
        collection ${text},
        variable_key ${text},
        data ${text} NOT NULL,
        severity ${int},
        tags ${json('tags')} NOT NULL,
        PRIMARY KEY (tenant_id, event_id, seq),
        FOREIGN KEY (tenant_id, event_id) REFERENCES ${references('security_events')} (tenant_id, id) ON DELETE CASCADE)`,
      index('security_event_matches_rule', 'security_event_matches', 'tenant_id, rule_id'),
      ...['applied_checksum', 'apply_status', 'apply_error', 'engine_version', 'crs_version'].map(
        (column) => `ALTER TABLE waf.node_status ADD COLUMN ${column} ${text}`,
      ),
      `ALTER TABLE waf.node_status ADD COLUMN applied_at ${timestamp}`,
      ...(dialectOf(runner) === 'postgres' ? SECURITY_EVENT_TABLES.flatMap((table) => tenantTableRls('waf', table)) : []),
    ]);
  }
}
