import type { MigrationQueryRunner } from '@lib/persistence';
import type { SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';
import { ctlogDdl } from './001_create_log_tables';

/** The certificate audit projection and CRL counters. */
export class CreateAuditTables002 implements SchemaMigration {
  readonly name = '002_create_audit_tables';

  async up(runner: MigrationQueryRunner): Promise<void> {
    const { pg, uuid, text, timestamp, int, bigint, json, bytes, hash, index, oneOf } = ctlogDdl(runner);
    await runAll(runner, [
      `CREATE TABLE ctlog.certificates (
        tenant_id ${uuid} NOT NULL,
        fingerprint ${hash('fingerprint')} NOT NULL,
        log_id ${uuid} NOT NULL,
        leaf_index ${bigint} NOT NULL,
        serial ${text} NOT NULL,
        subject_dn ${text} NOT NULL,
        subject_cn ${text},
        subject_o ${text},
        subject_ou ${text},
        subject_c ${text},
        subject_st ${text},
        subject_l ${text},
        issuer_dn ${text} NOT NULL,
        issuer_cn ${text},
        issuer_o ${text},
        not_before ${timestamp} NOT NULL,
        not_after ${timestamp} NOT NULL,
        san_dns ${pg ? 'text[]' : json('san_dns')} NOT NULL,
        san_ip ${json('san_ip')} NOT NULL,
        san_email ${json('san_email')} NOT NULL,
        key_algorithm ${text} NOT NULL,
        key_size ${int},
        signature_algorithm ${text} NOT NULL,
        cert_type ${text} NOT NULL ${oneOf('cert_type', ['client', 'server', 'intermediate'])},
        purpose ${text},
        issued_at ${timestamp} NOT NULL,
        issuing_user_id ${text},
        requester_info ${json('requester_info')},
        search_text ${text} NOT NULL,
        timestamp_ms ${bigint} NOT NULL,
        PRIMARY KEY (tenant_id, fingerprint))`,
      index('certificates_leaf', 'certificates', 'tenant_id, log_id, leaf_index', { unique: true }),
      `CREATE TABLE ctlog.cert_revocations (
        tenant_id ${uuid} NOT NULL,
        fingerprint ${hash('fingerprint')} NOT NULL,
        log_id ${uuid} NOT NULL,
        leaf_index ${bigint} NOT NULL,
        reason ${int} NOT NULL,
        revoked_at ${timestamp} NOT NULL,
        revoked_by ${text},
        timestamp_ms ${bigint} NOT NULL,
        PRIMARY KEY (tenant_id, fingerprint))`,
      index('cert_revocations_leaf', 'cert_revocations', 'tenant_id, log_id, leaf_index', { unique: true }),
      index('cert_revocations_revoked_at', 'cert_revocations', 'tenant_id, revoked_at'),
      `CREATE TABLE ctlog.cert_metadata (
        tenant_id ${uuid} NOT NULL,
        log_id ${uuid} NOT NULL,
        leaf_index ${bigint} NOT NULL,
        salt ${bytes} NOT NULL,
        body ${bytes} NOT NULL,
        PRIMARY KEY (tenant_id, log_id, leaf_index))`,
      `CREATE TABLE ctlog.crl_counters (
        tenant_id ${uuid} NOT NULL,
        issuer ${text} NOT NULL,
        crl_number ${bigint} NOT NULL CHECK (crl_number >= 1),
        updated_at ${timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, issuer))`,
    ]);
  }
}
