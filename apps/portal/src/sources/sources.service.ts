import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { type Sql, sql, toJson } from '@lib/persistence';
import { flattenValidationErrors, ValidationProblemException } from '@lib/platform';
import { assignmentsFor } from '../common/assignments';
import type { Caller } from '../common/caller';
import { domainScope, inDomain, requireTargetDomain } from '../common/domain-scope';
import { ifMatchFails } from '../common/etag';
import { nameOrDescriptionContains, type Page, tablePage } from '../common/list';
import { AuditedRefusal, PortalDb, type PortalTx } from '../common/portal-db';
import { forbidden, invalidField, invalidState, notFound, preconditionFailed, upstreamFailure } from '../common/problems';
import { PROVISIONING_ADAPTERS, type ProvisioningAdapters } from './provisioning.adapters';
import { CreateSourceDto, type ListSourcesQuery, type UpdateSourceDto } from './source.dto';
import { registrationFields, type RegistrationFields, type SourceRecord, sourceFromRow, type StoredSource } from './source.record';

const WRITE_DENIED = {
  noClaim: 'Your identity does not carry a domain claim; request an Admin role or a domain assignment to register / modify sources.',
  other: 'You do not have access to sources outside your domain.',
};
const PROVISIONABLE = ['draft', 'approved', 'error'];
const PATCHABLE = ['name', 'description', 'domain', 'classification', 'connection', 'schema', 'ingestion', 'quality_rules', 'target', 'owner', 'tags'] as const;

export interface ProvisionResult {
  status: 'provisioning';
  message: string;
  success: true;
  deployment_id: string;
  pipeline_id: string;
  scan_id: string;
  details: { landing_zone: unknown; container: unknown; format: unknown };
}

const sourceResource = (s: SourceRecord) => ({ type: 'source', id: s.id, domain: s.domain, classification: s.classification });

@Injectable()
export class SourcesService {
  constructor(
    private readonly db: PortalDb,
    @Inject(PROVISIONING_ADAPTERS) private readonly adapters: ProvisioningAdapters,
  ) {}

  list(caller: Caller, query: ListSourcesQuery): Promise<Page<SourceRecord>> {
    return this.db.read((tx) => {
      const conditions: Sql[] = [sql`${tx.tenant()}`, domainScope(caller, sql`domain`)];
      if (query.domain !== undefined) conditions.push(sql`domain = ${query.domain}`);
      if (query.status !== undefined) conditions.push(sql`status = ${query.status}`);
      if (query.source_type !== undefined) conditions.push(sql`source_type = ${query.source_type}`);
      if (query.search !== undefined) conditions.push(nameOrDescriptionContains(query.search));
      return tablePage(
        tx,
        sql`portal.sources`,
        conditions,
        { sort: query.sort, sortColumns: { created_at: 'created_at', updated_at: 'updated_at', name: 'name' }, limit: query.limit, offset: query.offset },
        (row) => sourceFromRow(row).record,
      );
    });
  }

  get(caller: Caller, id: string): Promise<StoredSource> {
    return this.db.read(async (tx) => {
      const stored = await this.find(tx, id);
      if (!inDomain(caller, stored.record.domain)) throw forbidden('You do not have access to this source.');
      return stored;
    });
  }

  register(caller: Caller, input: CreateSourceDto): Promise<StoredSource> {
    requireTargetDomain(caller, input.domain, WRITE_DENIED);
    const fields = registrationFields(input);
    return this.db.unit(async (tx) => {
      const id = randomUUID();
      const now = tx.now.toISOString();
      await tx.later(sql`INSERT INTO portal.sources (tenant_id, id, name, description, source_type, domain, classification, status, owner_name, owner_email, owner_team, owner_cost_center,
          connection, schema_def, ingestion, quality_rules, data_product, target, tags, created_at, updated_at, row_version)
        VALUES (${tx.tenantId}, ${id}, ${fields.name}, ${fields.description}, ${fields.source_type}, ${fields.domain}, ${fields.classification}, 'draft',
          ${fields.owner.name}, ${fields.owner.email}, ${fields.owner.team}, ${fields.owner.cost_center}, ${toJson(fields.connection)}, ${toJson(fields.schema)},
          ${toJson(fields.ingestion)}, ${toJson(fields.quality_rules)}, ${toJson(fields.data_product)}, ${toJson(fields.target)}, ${toJson(fields.tags)}, ${now}, ${now}, 1)`);
      const stored = await this.find(tx, id);
      await tx.audit({
        action: 'source.register',
        resource: sourceResource(stored.record),
        after: { name: fields.name, source_type: fields.source_type, status: 'draft' },
      });
      return stored;
    });
  }

  update(caller: Caller, id: string, patch: UpdateSourceDto, ifMatch: string | undefined): Promise<StoredSource> {
    if (patch.id !== undefined && patch.id !== id) throw invalidField('id', 'id must equal the id in the path');
    return this.db.unit(async (tx) => {
      const stored = await this.findForWrite(tx, caller, id, ifMatch);
      const present = PATCHABLE.filter((field) => patch[field] !== undefined);
      if (present.length === 0) return stored;
      const current = stored.record;
      const merged = { ...current, ...Object.fromEntries(present.map((field) => [field, patch[field]])) };
      const fields = await revalidate(merged);
      const changed = present.filter((field) => JSON.stringify(fields[field]) !== JSON.stringify(current[field]));
      if (changed.length === 0) return stored;
      if (changed.includes('domain')) requireTargetDomain(caller, fields.domain, WRITE_DENIED);
      const assignments = assignmentsFor(fields, changed);
      await this.save(tx, stored, assignments);
      const updated = await this.find(tx, id);
      await tx.audit({ action: 'source.update', resource: sourceResource(updated.record), after: { fields: changed } });
      return updated;
    });
  }

  decommission(caller: Caller, id: string, ifMatch: string | undefined): Promise<StoredSource> {
    return this.db.unit(async (tx) => {
      const stored = await this.findForWrite(tx, caller, id, ifMatch);
      if (stored.record.status === 'decommissioned') return stored;
      await this.save(tx, stored, [sql`status = 'decommissioned'`]);
      const updated = await this.find(tx, id);
      await tx.audit({
        action: 'source.decommission',
        resource: sourceResource(updated.record),
        before: { status: stored.record.status },
        after: { status: 'decommissioned' },
      });
      return updated;
    });
  }

  /** The adapters run outside any transaction; the result is saved only if the source did not change meanwhile. */
  async provision(caller: Caller, id: string, ifMatch: string | undefined): Promise<{ result: ProvisionResult; version: number }> {
    const stored = await this.db.unit(async (tx) => {
      const found = await this.findForWrite(tx, caller, id, ifMatch);
      const { status, name, owner } = found.record;
      if (!PROVISIONABLE.includes(status) || !name || !owner.email) {
        const reasons = [
          ...(PROVISIONABLE.includes(status)
            ? []
            : [{ in: 'path' as const, path: 'status', message: `status '${status}' cannot be provisioned; it must be draft, approved or error` }]),
          ...(name && owner.email ? [] : [{ in: 'path' as const, path: 'owner.email', message: 'name and owner.email must be set' }]),
        ];
        throw new AuditedRefusal(invalidState('Validation failed.', reasons), {
          action: 'source.provision',
          resource: sourceResource(found.record),
          outcome: 'denied',
          reason: 'provisioning_rejected: Validation failed.',
        });
      }
      return found;
    });
    const source = stored.record;
    let ids: { deployment: string; pipeline: string; scan: string };
    try {
      ids = {
        deployment: await this.adapters.deploy(source),
        pipeline: await this.adapters.createPipeline(source),
        scan: await this.adapters.triggerScan(source),
      };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 256);
      await this.db.unit(async (tx) => {
        await this.saveIfUnchanged(tx, stored, [sql`status = 'error'`]);
        await tx.audit({
          action: 'source.provision',
          resource: sourceResource(source),
          outcome: 'error',
          before: { status: source.status },
          after: { status: 'error' },
          reason: `infrastructure_error: ${message}`,
        });
      });
      throw upstreamFailure('Provisioning failed due to an infrastructure error.');
    }
    const version = await this.db.unit(async (tx) => {
      const saved = await this.saveIfUnchanged(tx, stored, [
        sql`status = 'provisioning'`,
        sql`adf_pipeline_name = ${ids.pipeline}`,
        sql`purview_scan_id = ${ids.scan}`,
      ]);
      await tx.audit({
        action: 'source.provision',
        resource: sourceResource(source),
        before: { status: source.status },
        after: { status: 'provisioning', deployment_id: ids.deployment, pipeline_id: ids.pipeline, scan_id: ids.scan },
      });
      return saved;
    });
    const target = source.target;
    return {
      version,
      result: {
        status: 'provisioning',
        message: 'Provisioning initiated successfully.',
        success: true,
        deployment_id: ids.deployment,
        pipeline_id: ids.pipeline,
        scan_id: ids.scan,
        details: { landing_zone: target.landing_zone, container: target.container, format: target.format },
      },
    };
  }

  async scan(caller: Caller, id: string, ifMatch: string | undefined): Promise<{ scanId: string; version: number }> {
    const stored = await this.db.unit(async (tx) => {
      const found = await this.findForWrite(tx, caller, id, ifMatch);
      if (found.record.status === 'decommissioned') throw invalidState(`Source '${id}' is decommissioned.`);
      return found;
    });
    let scanId: string;
    try {
      scanId = await this.adapters.triggerScan(stored.record);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 256);
      await this.db.unit((tx) =>
        tx.audit({ action: 'source.scan', resource: sourceResource(stored.record), outcome: 'error', reason: `infrastructure_error: ${message}` }),
      );
      throw upstreamFailure('Purview scan failed due to an infrastructure error. Check server logs.');
    }
    const version = await this.db.unit(async (tx) => {
      const saved = await this.saveIfUnchanged(tx, stored, [sql`purview_scan_id = ${scanId}`]);
      await tx.audit({ action: 'source.scan', resource: sourceResource(stored.record), after: { scan_id: scanId } });
      return saved;
    });
    return { scanId, version };
  }

  private async find(tx: PortalTx, id: string, lock = false): Promise<StoredSource> {
    const row = await tx.one<Record<string, unknown>>(sql`SELECT * FROM portal.sources WHERE ${tx.tenant()} AND id = ${id}${lock ? tx.forUpdate : sql``}`);
    if (!row) throw notFound(`Source '${id}' not found.`);
    return sourceFromRow(row);
  }

  /** 404, then the domain write check with its messages, then If-Match; the row stays locked for the unit. */
  private async findForWrite(tx: PortalTx, caller: Caller, id: string, ifMatch: string | undefined): Promise<StoredSource> {
    const stored = await this.find(tx, id, true);
    if (!inDomain(caller, stored.record.domain)) throw forbidden(caller.domain === null && !caller.admin ? WRITE_DENIED.noClaim : WRITE_DENIED.other);
    if (ifMatchFails(ifMatch, stored.version)) throw preconditionFailed(stored.version);
    return stored;
  }

  private async save(tx: PortalTx, stored: StoredSource, assignments: Sql[]): Promise<number> {
    const version = stored.version + 1;
    await tx.run(
      sql`UPDATE portal.sources SET ${sql.join([...assignments, sql`updated_at = ${tx.now.toISOString()}`, sql`row_version = ${version}`], ', ')} WHERE ${tx.tenant()} AND id = ${stored.record.id}`,
    );
    return version;
  }

  /** Compare-and-set on `row_version`: a change made while the adapters ran answers 412. */
  private async saveIfUnchanged(tx: PortalTx, stored: StoredSource, assignments: Sql[]): Promise<number> {
    const version = stored.version + 1;
    const changed = await tx.run(
      sql`UPDATE portal.sources SET ${sql.join([...assignments, sql`updated_at = ${tx.now.toISOString()}`, sql`row_version = ${version}`], ', ')}
          WHERE ${tx.tenant()} AND id = ${stored.record.id} AND row_version = ${stored.version}`,
    );
    if (changed === 0) {
      const current = await this.find(tx, stored.record.id);
      throw preconditionFailed(current.version);
    }
    return version;
  }
}

/** The merged record against every registration rule: 422 naming each bad field, never a 500. */
async function revalidate(merged: Record<string, unknown>): Promise<RegistrationFields> {
  const { id: _id, status: _status, created_at: _c, updated_at: _u, provisioned_at: _p, pipeline_id: _pl, purview_scan_id: _s, ...fields } = merged;
  const candidate = plainToInstance(CreateSourceDto, JSON.parse(JSON.stringify(fields)) as object);
  const errors = await validate(candidate, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ValidationProblemException(flattenValidationErrors(errors, 'body'));
  return registrationFields(candidate);
}
