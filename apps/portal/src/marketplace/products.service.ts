import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { type Sql, sql, toJson } from '@lib/persistence';
import { flattenValidationErrors, ValidationProblemException } from '@lib/platform';
import { assignmentsFor } from '../common/assignments';
import type { Caller } from '../common/caller';
import { domainScope, inDomain, requireTargetDomain } from '../common/domain-scope';
import { ifMatchFails } from '../common/etag';
import { nameOrDescriptionContains, type Page, tablePage } from '../common/list';
import { PortalDb, type PortalTx } from '../common/portal-db';
import { conflict, forbidden, invalidField, notFound, preconditionFailed } from '../common/problems';
import { round3 } from '../common/rows';
import { RANDOM_SOURCE, type RandomSource } from '../common/tokens';
import { CreateProductDto, type ListProductsQuery, type QualityPoint, type StoredProduct, type UpdateProductDto, productFromRow } from './product.dto';
import { productFields, type ProductFields, productIdPrefix } from './product-fields';

const NO_DOMAIN_ACCESS = 'You do not have access to this domain.';
const DOMAIN_DENIED = { noClaim: `${NO_DOMAIN_ACCESS} Your identity does not carry a domain claim.`, other: NO_DOMAIN_ACCESS };
const PUT_FIELDS = [
  'name',
  'description',
  'owner',
  'classification',
  'tags',
  'schema',
  'sample_queries',
  'documentation_url',
  'version',
  'status',
  'sla',
  'lineage',
  'schema_info',
] as const;
const HISTORY_KEPT = 365;

const productResource = (p: { id: string; domain: string; classification: string }) => ({
  type: 'data_product',
  id: p.id,
  domain: p.domain,
  classification: p.classification,
});

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: PortalDb,
    @Inject(RANDOM_SOURCE) private readonly random: RandomSource,
  ) {}

  list(caller: Caller, query: ListProductsQuery): Promise<Page<StoredProduct['product']>> {
    return this.db.read((tx) => {
      const conditions: Sql[] = [sql`${tx.tenant()}`, domainScope(caller, sql`domain`)];
      if (query.domain !== undefined) conditions.push(sql`domain = ${query.domain}`);
      if (query.min_quality !== undefined) conditions.push(sql`quality_score >= ${query.min_quality}`);
      if (query.search !== undefined) conditions.push(nameOrDescriptionContains(query.search));
      return tablePage(
        tx,
        sql`portal.data_products`,
        conditions,
        { sort: query.sort, sortColumns: { quality_score: 'quality_score', name: 'name', updated_at: 'updated_at' }, limit: query.limit, offset: query.offset },
        (row) => productFromRow(row).product,
      );
    });
  }

  get(caller: Caller, id: string): Promise<StoredProduct> {
    return this.db.read((tx) => this.visible(tx, caller, id));
  }

  quality(caller: Caller, id: string, days: number): Promise<QualityPoint[]> {
    return this.db.unit(async (tx) => {
      await this.visible(tx, caller, id);
      const rows = await tx.rows<Record<string, unknown>>(
        sql`SELECT ${tx.pg ? sql`to_char(metric_date, 'YYYY-MM-DD')` : sql`metric_date`} AS date, quality_score, completeness, freshness_hours, row_count
            FROM portal.quality_history WHERE ${tx.tenant()} AND product_id = ${id} ORDER BY metric_date DESC LIMIT ${days}`,
      );
      return rows.map((row) => ({
        date: String(row.date),
        quality_score: Number(row.quality_score),
        completeness: Number(row.completeness),
        freshness_hours: Number(row.freshness_hours),
        row_count: Number(row.row_count),
      }));
    });
  }

  create(caller: Caller, input: CreateProductDto): Promise<StoredProduct> {
    requireTargetDomain(caller, input.domain, DOMAIN_DENIED);
    const fields = productFields(input);
    const prefix = productIdPrefix(fields.domain, fields.name);
    return this.db.unit(async (tx) => {
      const now = tx.now.toISOString();
      for (let attempt = 1; attempt <= 3; attempt++) {
        const id = `${prefix}${randomBytes(4).toString('hex')}`;
        const inserted =
          await tx.run(sql`INSERT INTO portal.data_products (tenant_id, id, name, description, domain, classification, owner_name, owner_email, owner_team, owner_cost_center,
            tags, schema_def, sample_queries, documentation_url, version, status, sla, lineage, schema_info, created_at, updated_at, row_version)
          VALUES (${tx.tenantId}, ${id}, ${fields.name}, ${fields.description}, ${fields.domain}, ${fields.classification}, ${fields.owner.name}, ${fields.owner.email}, ${fields.owner.team},
            ${fields.owner.cost_center}, ${toJson(fields.tags)}, ${toJson(fields.schema)}, ${toJson(fields.sample_queries)}, ${fields.documentation_url}, ${fields.version}, ${fields.status},
            ${toJson(fields.sla)}, ${toJson(fields.lineage)}, ${toJson(fields.schema_info)}, ${now}, ${now}, 1)
          ON CONFLICT (tenant_id, id) DO NOTHING`);
        if (inserted === 1) {
          const stored = await this.find(tx, id);
          await tx.audit({
            action: 'product.publish',
            resource: productResource(stored.product),
            after: { name: fields.name, version: fields.version, status: fields.status },
          });
          return stored;
        }
        if (attempt === 3) throw conflict(`Product with ID '${id}' already exists.`);
      }
      throw new Error('unreachable');
    });
  }

  update(caller: Caller, id: string, patch: UpdateProductDto, ifMatch: string | undefined): Promise<StoredProduct> {
    return this.db.unit(async (tx) => {
      const stored = await this.findForWrite(tx, caller, id, ifMatch);
      const current = stored.product;
      if (patch.id !== undefined && patch.id !== current.id) throw invalidField('id', 'id cannot be changed');
      if (patch.domain !== undefined && patch.domain !== current.domain) {
        const message = 'Cannot change product domain via update. Use a separate endpoint if needed.';
        throw invalidField('domain', message, message);
      }
      const present = PUT_FIELDS.filter((field) => patch[field] !== undefined);
      const fields = await revalidate({ ...current, ...Object.fromEntries(present.map((field) => [field, patch[field]])) });
      const changed: string[] = present.filter((field) => JSON.stringify(fields[field]) !== JSON.stringify(current[field]));
      const assignments = assignmentsFor(fields, changed);
      for (const metric of ['availability', 'freshness_hours'] as const) {
        if (patch[metric] !== undefined && patch[metric] !== current[metric]) {
          changed.push(metric);
          assignments.push(sql`${sql.raw(metric)} = ${patch[metric]}`);
        }
      }
      if (changed.length === 0) return stored;
      await this.save(tx, stored, assignments);
      const updated = await this.find(tx, id);
      await tx.audit({ action: 'product.update', resource: productResource(updated.product), after: { fields: changed } });
      return updated;
    });
  }

  remove(id: string, ifMatch: string | undefined): Promise<void> {
    return this.db.unit(async (tx) => {
      const stored = await this.find(tx, id, true);
      if (ifMatchFails(ifMatch, stored.version)) throw preconditionFailed(stored.version);
      const requests = await tx.rows<{ id: string }>(sql`SELECT id FROM portal.access_requests WHERE ${tx.tenant()} AND data_product_id = ${id} ORDER BY id`);
      const [history] = await tx.rows<{ n: unknown }>(sql`SELECT count(*) AS n FROM portal.quality_history WHERE ${tx.tenant()} AND product_id = ${id}`);
      await tx.run(sql`DELETE FROM portal.data_products WHERE ${tx.tenant()} AND id = ${id}`);
      await tx.audit({
        action: 'product.delete',
        resource: productResource(stored.product),
        before: {
          name: stored.product.name,
          domain: stored.product.domain,
          access_request_ids: requests.map((r) => r.id),
          quality_history_rows: Number(history.n),
        },
      });
    });
  }

  /** In one transaction. */
  assess(caller: Caller, id: string, ifMatch: string | undefined): Promise<StoredProduct> {
    return this.db.unit(async (tx) => {
      const stored = await this.findForWrite(tx, caller, id, ifMatch);
      const draw = (base: number, low: number, high: number) => Math.min(1, Math.max(0, base + low + (high - low) * this.random.next()));
      const completeness = draw(0.95, -0.1, 0.05);
      const freshness = draw(0.92, -0.08, 0.08);
      const accuracy = draw(0.94, -0.06, 0.06);
      const consistency = draw(0.91, -0.1, 0.09);
      const uniqueness = draw(0.96, -0.04, 0.04);
      const overall = Math.round((0.25 * completeness + 0.25 * freshness + 0.2 * accuracy + 0.15 * consistency + 0.15 * uniqueness) * 10000) / 10000;
      const rowCount = 100000 + Math.floor(this.random.next() * 4900001);
      const now = tx.now.toISOString();
      const dimensions = { overall_score: overall, completeness, freshness, accuracy, consistency, uniqueness, measured_at: now };
      await this.save(tx, stored, [sql`quality_score = ${overall}`, sql`completeness = ${completeness}`, sql`quality_dimensions = ${toJson(dimensions)}`]);
      const today = now.slice(0, 10);
      await tx.run(sql`INSERT INTO portal.quality_history (tenant_id, product_id, metric_date, quality_score, completeness, freshness_hours, row_count)
        VALUES (${tx.tenantId}, ${id}, ${today}, ${overall}, ${completeness}, ${stored.product.freshness_hours}, ${rowCount})
        ON CONFLICT (tenant_id, product_id, metric_date) DO UPDATE SET quality_score = excluded.quality_score, completeness = excluded.completeness,
          freshness_hours = excluded.freshness_hours, row_count = excluded.row_count`);
      await tx.run(sql`DELETE FROM portal.quality_history WHERE ${tx.tenant()} AND product_id = ${id} AND metric_date < (
          SELECT min(metric_date) FROM (SELECT metric_date FROM portal.quality_history WHERE ${tx.tenant()} AND product_id = ${id} ORDER BY metric_date DESC LIMIT ${HISTORY_KEPT}) AS kept)`);
      const updated = await this.find(tx, id);
      await tx.audit({
        action: 'product.quality_assess',
        resource: productResource(updated.product),
        before: { quality_score: stored.product.quality_score },
        after: { quality_score: overall, completeness, row_count: rowCount },
      });
      return updated;
    });
  }

  /** `[{name, product_count}]` and the marketplace stats, over the products in the caller's domain scope. */
  domainCounts(caller: Caller): Promise<Array<{ name: string; product_count: number; score_sum: number }>> {
    return this.db.unit(async (tx) => {
      const rows = await tx.rows<{ domain: string; n: unknown; score_sum: unknown }>(
        sql`SELECT domain, count(*) AS n, sum(quality_score) AS score_sum FROM portal.data_products WHERE ${tx.tenant()} AND ${domainScope(caller, sql`domain`)} GROUP BY domain ORDER BY domain`,
      );
      return rows.map((row) => ({ name: row.domain, product_count: Number(row.n), score_sum: Number(row.score_sum) }));
    });
  }

  async stats(caller: Caller) {
    const domains = await this.domainCounts(caller);
    const total = domains.reduce((sum, d) => sum + d.product_count, 0);
    const scoreSum = domains.reduce((sum, d) => sum + d.score_sum, 0);
    return {
      total_products: total,
      total_domains: domains.length,
      avg_quality_score: total === 0 ? 0 : round3(scoreSum / total),
      products_by_domain: Object.fromEntries(domains.map((d) => [d.name, d.product_count])),
    };
  }

  private async find(tx: PortalTx, id: string, lock = false): Promise<StoredProduct> {
    const row = await tx.one<Record<string, unknown>>(
      sql`SELECT * FROM portal.data_products WHERE ${tx.tenant()} AND id = ${id}${lock ? tx.forUpdate : sql``}`,
    );
    if (!row) throw notFound(`Product '${id}' not found.`);
    return productFromRow(row);
  }

  private async visible(tx: PortalTx, caller: Caller, id: string): Promise<StoredProduct> {
    const stored = await this.find(tx, id);
    if (!inDomain(caller, stored.product.domain)) throw forbidden('You do not have access to this product.');
    return stored;
  }

  /** 404, the domain write check (403 as for POST), If-Match; the row stays locked for the unit. */
  private async findForWrite(tx: PortalTx, caller: Caller, id: string, ifMatch: string | undefined): Promise<StoredProduct> {
    const stored = await this.find(tx, id, true);
    if (!inDomain(caller, stored.product.domain)) throw forbidden(NO_DOMAIN_ACCESS);
    if (ifMatchFails(ifMatch, stored.version)) throw preconditionFailed(stored.version);
    return stored;
  }

  private async save(tx: PortalTx, stored: StoredProduct, assignments: Sql[]): Promise<void> {
    await tx.run(
      sql`UPDATE portal.data_products SET ${sql.join([...assignments, sql`updated_at = ${tx.now.toISOString()}`, sql`row_version = ${stored.version + 1}`], ', ')}
          WHERE ${tx.tenant()} AND id = ${stored.product.id}`,
    );
  }
}

/** The merged product against the publication rules: 422 naming each bad field. */
async function revalidate(merged: Record<string, unknown>): Promise<ProductFields> {
  const writable = Object.fromEntries(['name', 'description', 'domain', ...PUT_FIELDS].map((key) => [key, merged[key]]));
  const candidate = plainToInstance(CreateProductDto, JSON.parse(JSON.stringify(writable)) as object);
  const errors = await validate(candidate, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ValidationProblemException(flattenValidationErrors(errors, 'body'));
  return productFields(candidate);
}
