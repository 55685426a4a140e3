import { Injectable } from '@nestjs/common';
import { containsPattern, iso, type Sql, sql } from '@lib/persistence';
import { notFound } from '../common/ct-error';
import { CERT_TYPES } from '../formats/event-leaf';
import { CtDb, type CtTx } from '../store/ct-db';
import { QueryReader } from './audit-input';
import { REVOCATION_REASONS } from './certificate.dto';
import { fingerprintHex, normaliseFingerprint, normaliseSerial } from './certificate-facts';
import { BARE_ITEMS, CertificateItems, itemColumns, itemFrom, type ItemRow } from './certificate-items';
import {
  afterCondition,
  listCursor,
  filterConditions,
  type ItemOptions,
  type ListQuery,
  readItemOptions,
  readListQuery,
  sanContains,
  sortKeys,
} from './certificate-query';

const DAY_MS = 86_400_000;
/** Newest logged first; ties on log name, then leaf index. */
const NEWEST_FIRST = sql.raw('c.timestamp_ms DESC, l.name DESC, c.leaf_index DESC');

/** The tenant's certificates, from the token's tenant under RLS. */
@Injectable()
export class CertificateReader {
  constructor(
    private readonly db: CtDb,
    private readonly items: CertificateItems,
  ) {}

  async list(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const query = readListQuery(raw);
    const keys = sortKeys(query.sort);
    return this.db.read(async (tx) => {
      const rows = await tx.rows<ItemRow>(listStatement(tx.tenantId, query, tx.pg));
      const more = rows.length > query.limit;
      const shown = rows.slice(0, query.limit);
      const last = shown[shown.length - 1];
      const body: Record<string, unknown> = {
        certificates: await this.items.render(tx, shown, query),
        next_cursor:
          more && last
            ? listCursor(
                query,
                keys.map((k, i) => cursorValue(last[`k${i}`], k.type)),
              )
            : null,
      };
      if (query.count) {
        const total = await tx.one<{ total: unknown }>(
          sql`SELECT count(*) AS total FROM ${itemFrom(BARE_ITEMS)} WHERE ${sql.and(listConditions(tx.tenantId, query, tx.pg))}`,
        );
        body.total = Number(total!.total);
      }
      return body;
    });
  }

  async byFingerprint(fingerprint: string, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reader = new QueryReader(raw, ['include_pem', 'include_proof']);
    const options = readItemOptions(reader);
    const bytes = normaliseFingerprint(fingerprint);
    if (!bytes) reader.check.fail('fingerprint', 'must be 64 hexadecimal digits (":" allowed)');
    reader.check.done();
    return this.db.read(async (tx) => {
      const [item] = await this.select(tx, options, sql`c.fingerprint = ${bytes}`, 1);
      if (!item) throw notFound(`no certificate ${fingerprintHex(bytes!)}`);
      return item;
    });
  }

  /** The most recently logged certificate with this serial, and how many others share it. */
  async bySerial(serial: string, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reader = new QueryReader(raw, ['issuer', 'include_pem', 'include_proof']);
    const options = readItemOptions(reader);
    const issuer = reader.string('issuer', 1, 1024);
    const normalised = normaliseSerial(serial);
    if (!normalised) reader.check.fail('serial', 'must be a hexadecimal serial number');
    reader.check.done();
    return this.db.read(async (tx) => {
      const match = sql.and([sql`c.serial = ${normalised}`, ...(issuer === undefined ? [] : [sql`c.issuer_cn = ${issuer}`])]);
      const [item] = await this.select(tx, options, match, 1);
      if (!item) throw notFound(`no certificate with serial ${normalised}`);
      const count = await tx.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM ctlog.certificates c WHERE ${tx.tenant('c')} AND ${match}`);
      return { ...item, other_matches: Number(count!.n) - 1 };
    });
  }

  async search(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reader = new QueryReader(raw, ['q', 'exact', 'limit']);
    const exact = reader.boolean('exact', false);
    const q = reader.string('q', exact ? 1 : 3, 256);
    if (!reader.has('q')) reader.check.fail('q', 'is required');
    const limit = reader.integer('limit', 1, 1000, 50);
    reader.check.done();
    return this.db.read(async (tx) => {
      const match = searchCondition(q!, exact, tx.pg);
      const found = await this.select(tx, BARE_ITEMS, match, limit + 1);
      return { query: q, exact, results: found.slice(0, limit), truncated: found.length > limit };
    });
  }

  /** Exact counts over every certificate of the tenant (or of one log), in one statement. */
  async statistics(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reader = new QueryReader(raw, ['log']);
    const logName = reader.string('log', 1, 63);
    reader.check.done();
    return this.db.read(async (tx) => {
      const conditions = [sql`${tx.tenant('c')}`];
      if (logName !== undefined) {
        const log = await tx.one<{ id: string }>(sql`SELECT id FROM ctlog.logs WHERE ${tx.tenant()} AND name = ${logName}`);
        if (!log) throw notFound(`no log named "${logName}"`);
        conditions.push(sql`c.log_id = ${log.id}`);
      }
      const now = tx.now.toISOString();
      const monthAgo = new Date(tx.now.getTime() - 30 * DAY_MS).toISOString();
      const monthAhead = new Date(tx.now.getTime() + 30 * DAY_MS).toISOString();
      const counted = (name: string, condition: Sql) => sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${sql.raw(name)}`;
      const measures: Sql[] = [
        sql`count(*) AS total`,
        counted('revoked', sql`r.fingerprint IS NOT NULL`),
        counted('expired', sql`r.fingerprint IS NULL AND c.not_after <= ${now}`),
        counted('issued_30', sql`c.issued_at >= ${monthAgo} AND c.issued_at <= ${now}`),
        counted('revoked_30', sql`r.revoked_at >= ${monthAgo} AND r.revoked_at <= ${now}`),
        counted('expiring_30', sql`r.fingerprint IS NULL AND c.not_after > ${now} AND c.not_after <= ${monthAhead}`),
        ...Object.keys(CERT_TYPES).map((type) => counted(`type_${type}`, sql`c.cert_type = ${type}`)),
        ...Object.entries(REVOCATION_REASONS).map(([, code]) => counted(`reason_${code}`, sql`r.reason = ${code}`)),
      ];
      const row = (await tx.one<Record<string, unknown>>(sql`SELECT ${sql.join(measures, ', ')} FROM ${itemFrom(BARE_ITEMS)} WHERE ${sql.and(conditions)}`))!;
      const n = (name: string) => Number(row[name] ?? 0);
      const revoked = n('revoked');
      const expired = n('expired');
      return {
        total: n('total'),
        by_type: Object.fromEntries(Object.keys(CERT_TYPES).map((type) => [type, n(`type_${type}`)])),
        by_status: { active: n('total') - revoked - expired, revoked, expired },
        by_revocation_reason: Object.fromEntries(Object.entries(REVOCATION_REASONS).map(([name, code]) => [name, n(`reason_${code}`)])),
        issued_last_30_days: n('issued_30'),
        revoked_last_30_days: n('revoked_30'),
        expiring_next_30_days: n('expiring_30'),
        computed_at: now,
      };
    });
  }

  private async select(tx: CtTx, options: ItemOptions, match: Sql, limit: number): Promise<Array<Record<string, unknown>>> {
    return this.items.render(tx, await tx.rows<ItemRow>(selectStatement(tx.tenantId, options, match, limit)), options);
  }
}

/** One page of `GET /certificates`: the filters, the keyset condition, and one row more than the limit. */
export function listStatement(tenantId: string, query: ListQuery, pg: boolean): Sql {
  const keys = sortKeys(query.sort);
  const conditions = listConditions(tenantId, query, pg);
  if (query.after) conditions.push(afterCondition(keys, query.after, query.order, pg));
  const direction = query.order === 'desc' ? ' DESC' : ' ASC';
  const keyColumns = keys.map((k, i) => `${k.expression} AS k${i}`).join(', ');
  return sql`SELECT ${itemColumns(query)}, ${sql.raw(keyColumns)} FROM ${itemFrom(query)}
    WHERE ${sql.and(conditions)} ORDER BY ${sql.raw(keys.map((k) => k.expression + direction).join(', '))} LIMIT ${query.limit + 1}`;
}

/** The tenant and the query's filters; a page adds its keyset condition, the count does not. */
function listConditions(tenantId: string, query: ListQuery, pg: boolean): Sql[] {
  return [sql`c.tenant_id = ${tenantId}`, ...filterConditions(query.filters, pg)];
}

/** `GET /search`: case-insensitive substring of the search text, or equality with any searched field. */
export function searchCondition(q: string, exact: boolean, pg: boolean): Sql {
  const text = q.toLowerCase();
  if (!exact) return sql`c.search_text LIKE ${containsPattern(text)} ESCAPE '\\'`;
  const serial = normaliseSerial(q);
  const fingerprint = normaliseFingerprint(q);
  const alternatives = [
    sql`lower(c.subject_cn) = ${text}`,
    sql`lower(c.issuer_cn) = ${text}`,
    sanContains(text, pg),
    ...(serial ? [sql`c.serial = ${serial}`] : []),
    ...(fingerprint ? [sql`c.fingerprint = ${fingerprint}`] : []),
  ];
  return sql.join(
    alternatives.map((condition) => sql`(${condition})`),
    ' OR ',
  );
}

export function selectStatement(tenantId: string, options: ItemOptions, match: Sql, limit: number): Sql {
  return sql`SELECT ${itemColumns(options)} FROM ${itemFrom(options)} WHERE c.tenant_id = ${tenantId} AND (${match}) ORDER BY ${NEWEST_FIRST} LIMIT ${limit}`;
}

/** A key value as the cursor keeps it: timestamps as ISO strings, counters as numbers. */
function cursorValue(value: unknown, type: string): string | number {
  if (type === 'timestamptz') return iso(value);
  if (type === 'bigint' || type === 'integer') return Number(value);
  return String(value);
}
