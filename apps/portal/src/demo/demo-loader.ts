import { Inject, Injectable, Logger } from '@nestjs/common';
import { runAsTenant, type Sql, sql, toJson } from '@lib/persistence';
import { registerTenant } from '../common/audit-trail';
import { DAY_MS } from '../common/clock';
import { PortalDb, type PortalTx } from '../common/portal-db';
import { PORTAL_CONFIG } from '../common/tokens';
import type { PortalConfig } from '../portal-config';
import { demoAccessRequests, demoPipelines, demoProducts, demoRuns, demoSources } from './demo-data';
import { demoQualityHistory } from './demo-quality-history';

export const DEMO_DATASET = 'portal-demo-v1';

const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const values = (rows: readonly unknown[][]) =>
  sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          row.map((value) => sql`${value}`),
          ', ',
        )})`,
    ),
    ', ',
  );

/**
 * One transaction per demo tenant, guarded by a marker row, so replicas booting
 * together load each tenant once and later boots never re-add what users deleted or changed.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly db: PortalDb,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  async loadAll(): Promise<void> {
    if (!this.config.demoData) return;
    for (const tenant of this.config.demoTenantIds) {
      const loaded = await runAsTenant(tenant, 'demo-loader', () => this.db.unit((tx) => this.load(tx)));
      this.logger.log(loaded ? `demo data loaded for tenant ${tenant}` : `demo data already present for tenant ${tenant}`);
    }
  }

  private async load(tx: PortalTx): Promise<boolean> {
    const t0 = tx.now.getTime();
    const marked = await tx.run(
      sql`INSERT INTO portal.demo_data_loads (tenant_id, dataset, loaded_at) VALUES (${tx.tenantId}, ${DEMO_DATASET}, ${at(t0)}) ON CONFLICT (tenant_id, dataset) DO NOTHING`,
    );
    if (marked === 0) return false;
    await registerTenant(tx);
    const t = tx.tenantId;
    const insert = (table: string, columns: string, rows: unknown[][]): Promise<number> =>
      tx.run(sql`INSERT INTO portal.${sql.raw(table)} (${sql.raw(columns)}) VALUES ${values(rows) as Sql}`);
    await insert(
      'sources',
      'tenant_id, id, name, description, source_type, domain, classification, status, owner_name, owner_email, owner_team, owner_cost_center, connection, schema_def, ingestion, quality_rules, data_product, target, tags, adf_pipeline_name, provisioned_at, created_at, updated_at, row_version',
      demoSources().map((s) => [
        t,
        s.id,
        s.name,
        s.description,
        s.source_type,
        s.domain,
        s.classification,
        s.status,
        s.owner.name,
        s.owner.email,
        s.owner.team,
        null,
        toJson(s.connection),
        null,
        toJson(s.ingestion),
        toJson(s.quality_rules),
        null,
        toJson(s.target),
        toJson(s.tags),
        s.pipeline_id,
        s.provisioned_at,
        s.created_at,
        s.updated_at,
        1,
      ]),
    );
    await insert(
      'pipelines',
      'tenant_id, id, name, source_id, pipeline_type, status, created_at, last_run_at, schedule_cron, adf_pipeline_id, row_version',
      demoPipelines(t0).map((p) => [
        t,
        p.id,
        p.name,
        p.source_id,
        p.pipeline_type,
        p.status,
        p.created_at,
        at(p.last_run_at),
        p.schedule_cron,
        p.adf_pipeline_id,
        1,
      ]),
    );
    await insert(
      'pipeline_runs',
      'tenant_id, id, pipeline_id, status, started_at, ended_at, rows_read, rows_written, error_message, duration_seconds',
      demoRuns(t0).map((r) => [
        t,
        r.id,
        r.pipeline_id,
        r.status,
        at(r.started_at),
        at(r.ended_at),
        r.rows_read,
        r.rows_written,
        r.error_message,
        r.duration_seconds,
      ]),
    );
    await insert(
      'data_products',
      'tenant_id, id, name, description, domain, classification, owner_name, owner_email, owner_team, owner_cost_center, quality_score, freshness_hours, completeness, availability, tags, schema_def, sample_queries, documentation_url, version, status, sla, lineage, schema_info, quality_dimensions, created_at, updated_at, row_version',
      demoProducts(t0).map((p) => [
        t,
        p.id,
        p.name,
        p.description,
        p.domain,
        p.classification,
        p.owner.name,
        p.owner.email,
        p.owner.team,
        null,
        p.quality_score,
        p.freshness_hours,
        p.completeness,
        p.availability,
        toJson(p.tags),
        null,
        toJson(p.sample_queries),
        p.documentation_url,
        p.version,
        'active',
        toJson(p.sla),
        toJson(p.lineage),
        null,
        null,
        p.created_at,
        at(p.updated_at),
        1,
      ]),
    );
    await insert(
      'quality_history',
      'tenant_id, product_id, metric_date, quality_score, completeness, freshness_hours, row_count',
      demoQualityHistory().map((q) => [
        t,
        q.productId,
        at(t0 - q.position * DAY_MS)!.slice(0, 10),
        q.quality_score,
        q.completeness,
        q.freshness_hours,
        q.row_count,
      ]),
    );
    await insert(
      'access_requests',
      'tenant_id, id, requester_email, requester_sub, data_product_id, justification, access_level, duration_days, status, requested_at, reviewed_at, reviewed_by, review_notes, expires_at',
      demoAccessRequests(t0).map((a) => [
        t,
        a.id,
        a.requester_email,
        null,
        a.data_product_id,
        a.justification,
        a.access_level,
        a.duration_days,
        a.status,
        at(a.requested_at),
        at(a.reviewed_at),
        a.reviewed_by,
        a.review_notes,
        at(a.expires_at),
      ]),
    );
    return true;
  }
}
