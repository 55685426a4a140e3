import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { type Sql, sql, StoreConflictError } from '@lib/persistence';
import type { Caller } from '../common/caller';
import { domainScope, inDomain } from '../common/domain-scope';
import { type Page, pageOf } from '../common/list';
import { PortalDb, type PortalTx } from '../common/portal-db';
import { forbidden, invalidField, invalidState, notFound } from '../common/problems';
import { type ListPipelinesQuery, type ListRunsQuery, type PipelineRecord, type PipelineRun, pipelineFromRow, runFromRow } from './pipeline.dto';

/** A pipeline joined to its source, whose domain and status it inherits. */
const PIPELINES = sql`portal.pipelines p JOIN portal.sources s ON s.tenant_id = p.tenant_id AND s.id = p.source_id`;
const PIPELINE_COLUMNS = sql`p.*, s.domain AS domain, s.status AS source_status`;

@Injectable()
export class PipelinesService {
  constructor(private readonly db: PortalDb) {}

  list(caller: Caller, query: ListPipelinesQuery): Promise<Page<PipelineRecord>> {
    if (query.skip !== undefined && query.offset !== undefined && query.skip !== query.offset) {
      throw invalidField('offset', 'skip and offset are aliases: give one, or the same value', undefined, 'query');
    }
    return this.db.unit((tx) => {
      const conditions: Sql[] = [sql`${tx.tenant('p')}`, domainScope(caller, sql`s.domain`)];
      if (query.source_id !== undefined) conditions.push(sql`p.source_id = ${query.source_id}`);
      if (query.status !== undefined) conditions.push(sql`p.status = ${query.status}`);
      return pageOf(
        tx,
        {
          select: PIPELINE_COLUMNS,
          from: PIPELINES,
          where: sql.and(conditions),
          orderBy: sql`p.created_at ASC, p.id ASC`,
          limit: query.limit,
          offset: query.skip ?? query.offset ?? 0,
        },
        pipelineFromRow,
      );
    });
  }

  get(caller: Caller, id: string): Promise<PipelineRecord> {
    return this.db.read(async (tx) => (await this.visible(tx, caller, id)).record);
  }

  runs(caller: Caller, id: string, query: ListRunsQuery): Promise<Page<PipelineRun>> {
    return this.db.read(async (tx) => {
      await this.visible(tx, caller, id);
      return pageOf(
        tx,
        {
          select: sql`*`,
          from: sql`portal.pipeline_runs`,
          where: sql`${tx.tenant()} AND pipeline_id = ${id}`,
          orderBy: sql`started_at DESC, id DESC`,
          limit: query.limit,
          offset: query.offset,
        },
        runFromRow,
      );
    });
  }

  /** One transaction inserts the run, marks the pipeline running and audits. */
  trigger(caller: Caller, id: string): Promise<PipelineRun> {
    return this.db.unit(async (tx) => {
      const { record, sourceStatus } = await this.find(tx, id, true);
      if (!inDomain(caller, record.domain)) throw forbidden('You do not have access to trigger this pipeline.');
      if (sourceStatus === 'decommissioned') throw invalidState(`Source '${record.source_id}' is decommissioned.`);
      const startedAt = tx.now.toISOString();
      const runId = await this.insertRun(tx, id, startedAt);
      await tx.run(
        sql`UPDATE portal.pipelines SET status = 'running', last_run_at = ${startedAt}, row_version = row_version + 1 WHERE ${tx.tenant()} AND id = ${id}`,
      );
      await tx.audit({
        action: 'pipeline.trigger',
        resource: { type: 'pipeline', id, domain: record.domain },
        before: { status: record.status },
        after: { run_id: runId },
      });
      const [run] = await tx.rows<Record<string, unknown>>(sql`SELECT * FROM portal.pipeline_runs WHERE ${tx.tenant()} AND id = ${runId}`);
      return runFromRow(run);
    });
  }

  /** `run-` + 8 random hex; a collision draws again, up to 3 times. */
  private async insertRun(tx: PortalTx, pipelineId: string, startedAt: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const runId = `run-${randomBytes(4).toString('hex')}`;
      const inserted = await tx.run(
        sql`INSERT INTO portal.pipeline_runs (tenant_id, id, pipeline_id, status, started_at) VALUES (${tx.tenantId}, ${runId}, ${pipelineId}, 'running', ${startedAt}) ON CONFLICT (tenant_id, id) DO NOTHING`,
      );
      if (inserted === 1) return runId;
      if (attempt === 3) throw new StoreConflictError('could not draw an unused run id in 3 attempts');
    }
  }

  private async find(tx: PortalTx, id: string, lock = false): Promise<{ record: PipelineRecord; sourceStatus: string }> {
    const row = await tx.one<Record<string, unknown>>(
      sql`SELECT ${PIPELINE_COLUMNS} FROM ${PIPELINES} WHERE ${tx.tenant('p')} AND p.id = ${id}${lock ? (tx.pg ? sql` FOR UPDATE OF p` : sql``) : sql``}`,
    );
    if (!row) throw notFound(`Pipeline '${id}' not found.`);
    return { record: pipelineFromRow(row), sourceStatus: String(row.source_status) };
  }

  private async visible(tx: PortalTx, caller: Caller, id: string) {
    const found = await this.find(tx, id);
    if (!inDomain(caller, found.record.domain)) throw forbidden('You do not have access to this pipeline.');
    return found;
  }
}
