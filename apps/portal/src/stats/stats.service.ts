import { Inject, Injectable } from '@nestjs/common';
import { type Sql, sql } from '@lib/persistence';
import type { Caller } from '../common/caller';
import { domainScope } from '../common/domain-scope';
import { DAY_MS } from '../common/clock';
import { PortalDb } from '../common/portal-db';
import { forbidden, notFound } from '../common/problems';
import { round3 } from '../common/rows';
import { PORTAL_CONFIG } from '../common/tokens';
import type { PortalConfig } from '../portal-config';

export interface PlatformStats {
  registered_sources: number;
  active_pipelines: number;
  data_products: number;
  pending_access_requests: number;
  total_data_volume_gb: number;
  last_24h_pipeline_runs: number;
  avg_quality_score: number;
}

export interface DomainOverview {
  name: string;
  source_count: number;
  pipeline_count: number;
  data_product_count: number;
  avg_quality_score: number;
  status: 'healthy' | 'warning' | 'critical';
}

function health(average: number | null): DomainOverview['status'] {
  if (average === null || average >= 0.9) return 'healthy';
  return average >= 0.75 ? 'warning' : 'critical';
}

/** Every figure a SQL aggregate, every set scoped by the caller's domain claim, one statement per answer. */
@Injectable()
export class StatsService {
  constructor(
    private readonly db: PortalDb,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  platform(caller: Caller): Promise<PlatformStats> {
    return this.db.unit(async (tx) => {
      const sourceScope = domainScope(caller, sql`s.domain`);
      const productScope = domainScope(caller, sql`d.domain`);
      const [row] = await tx.rows<Record<string, unknown>>(sql`SELECT
          (SELECT count(*) FROM portal.sources s WHERE ${tx.tenant('s')} AND ${sourceScope}) AS registered_sources,
          (SELECT count(*) FROM portal.pipelines p JOIN portal.sources s ON s.tenant_id = p.tenant_id AND s.id = p.source_id
            WHERE ${tx.tenant('p')} AND ${sourceScope} AND p.status IN ('created', 'running', 'waiting')) AS active_pipelines,
          (SELECT count(*) FROM portal.data_products d WHERE ${tx.tenant('d')} AND ${productScope}) AS data_products,
          (SELECT count(*) FROM portal.access_requests a JOIN portal.data_products d ON d.tenant_id = a.tenant_id AND d.id = a.data_product_id
            WHERE ${tx.tenant('a')} AND ${productScope} AND a.status = 'pending') AS pending_access_requests,
          (SELECT count(*) FROM portal.sources s WHERE ${tx.tenant('s')} AND ${sourceScope} AND s.status IN ('active', 'provisioning')) AS volume_sources,
          (SELECT count(*) FROM portal.pipeline_runs r JOIN portal.pipelines p ON p.tenant_id = r.tenant_id AND p.id = r.pipeline_id
             JOIN portal.sources s ON s.tenant_id = p.tenant_id AND s.id = p.source_id
            WHERE ${tx.tenant('r')} AND ${sourceScope} AND r.started_at >= ${new Date(tx.now.getTime() - DAY_MS).toISOString()}) AS last_24h_pipeline_runs,
          (SELECT avg(d.quality_score) FROM portal.data_products d WHERE ${tx.tenant('d')} AND ${productScope} AND d.quality_score > 0) AS avg_quality`);
      const average = row.avg_quality === null ? null : Number(row.avg_quality);
      return {
        registered_sources: Number(row.registered_sources),
        active_pipelines: Number(row.active_pipelines),
        data_products: Number(row.data_products),
        pending_access_requests: Number(row.pending_access_requests),
        total_data_volume_gb: Math.round(this.config.volumeGbPerSource * Number(row.volume_sources) * 10) / 10,
        last_24h_pipeline_runs: Number(row.last_24h_pipeline_runs),
        avg_quality_score: average === null ? 0 : round3(average),
      };
    });
  }

  /** An admin gets every domain; anyone else their own when it is known, else nothing. */
  async domains(caller: Caller): Promise<DomainOverview[]> {
    if (caller.admin) return this.overviews(null);
    if (caller.domain === null) return [];
    return this.overviews(caller.domain);
  }

  async domain(caller: Caller, name: string): Promise<DomainOverview> {
    if (!caller.admin && caller.domain !== name) throw forbidden('You do not have access to this domain.');
    const [overview] = await this.overviews(name);
    if (!overview) throw notFound(`Domain '${name}' not found.`);
    return overview;
  }

  private overviews(only: string | null): Promise<DomainOverview[]> {
    return this.db.unit(async (tx) => {
      const restrict = (column: Sql) => (only === null ? sql`` : sql` AND ${column} = ${only}`);
      const rows = await tx.rows<Record<string, unknown>>(sql`WITH domains AS (
            SELECT domain FROM portal.sources WHERE ${tx.tenant()}${restrict(sql`domain`)}
            UNION SELECT domain FROM portal.data_products WHERE ${tx.tenant()}${restrict(sql`domain`)})
          SELECT x.domain AS name,
            (SELECT count(*) FROM portal.sources s WHERE ${tx.tenant('s')} AND s.domain = x.domain) AS source_count,
            (SELECT count(*) FROM portal.pipelines p JOIN portal.sources s ON s.tenant_id = p.tenant_id AND s.id = p.source_id
              WHERE ${tx.tenant('p')} AND s.domain = x.domain) AS pipeline_count,
            (SELECT count(*) FROM portal.data_products d WHERE ${tx.tenant('d')} AND d.domain = x.domain) AS data_product_count,
            (SELECT avg(d.quality_score) FROM portal.data_products d WHERE ${tx.tenant('d')} AND d.domain = x.domain AND d.quality_score > 0) AS avg_quality
          FROM domains x ORDER BY x.domain`);
      return rows.map((row) => {
        const average = row.avg_quality === null ? null : round3(Number(row.avg_quality));
        return {
          name: String(row.name),
          source_count: Number(row.source_count),
          pipeline_count: Number(row.pipeline_count),
          data_product_count: Number(row.data_product_count),
          avg_quality_score: average ?? 0,
          status: health(average),
        };
      });
    });
  }
}
