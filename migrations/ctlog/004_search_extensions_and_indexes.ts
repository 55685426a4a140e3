import type { MigrationQueryRunner } from '@lib/persistence';
import type { SchemaMigration } from '@lib/persistence';
import { runAll } from '../ddl';
import { ctlogDdl } from './001_create_log_tables';

/**
 * Audit search indexes. On PostgreSQL substring filters are `LIKE '%…%'` on
 * lower-cased columns served by trigram GIN indexes (`pg_trgm`, with `btree_gin` so tenant_id
 * leads them); on Azure both extensions must be allow-listed in `azure.extensions`. SQLite keeps
 * the btree indexes and scans for substrings.
 */
export class SearchExtensionsAndIndexes004 implements SchemaMigration {
  readonly name = '004_search_extensions_and_indexes';

  async up(runner: MigrationQueryRunner): Promise<void> {
    const { pg, index } = ctlogDdl(runner);
    const btree = [
      index('certificates_serial', 'certificates', 'tenant_id, serial'),
      index('certificates_logged', 'certificates', 'tenant_id, timestamp_ms, log_id, leaf_index'),
      index('certificates_issued_at', 'certificates', 'tenant_id, issued_at'),
      index('certificates_not_after', 'certificates', 'tenant_id, not_after'),
      index('certificates_not_before', 'certificates', 'tenant_id, not_before'),
      index('certificates_type_issued', 'certificates', 'tenant_id, cert_type, issued_at'),
      index('certificates_user', 'certificates', 'tenant_id, issuing_user_id'),
      index('certificates_subject', 'certificates', 'tenant_id, lower(subject_cn)'),
    ];
    if (!pg) return runAll(runner, btree);
    await runAll(runner, [
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',
      'CREATE EXTENSION IF NOT EXISTS btree_gin',
      ...btree,
      'CREATE INDEX certificates_search_trgm ON ctlog.certificates USING gin (tenant_id, search_text gin_trgm_ops)',
      'CREATE INDEX certificates_subject_trgm ON ctlog.certificates USING gin (tenant_id, lower(subject_cn) gin_trgm_ops)',
      'CREATE INDEX certificates_issuer_trgm ON ctlog.certificates USING gin (tenant_id, lower(issuer_cn) gin_trgm_ops)',
      'CREATE INDEX certificates_san_dns ON ctlog.certificates USING gin (tenant_id, san_dns)',
    ]);
  }
}
