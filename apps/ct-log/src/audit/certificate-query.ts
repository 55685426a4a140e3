import { containsPattern, type Sql, sql } from '@lib/persistence';
import { CERT_TYPES, type CertType } from '../formats/event-leaf';
import { QueryReader } from './audit-input';
import { fingerprintHex, normaliseFingerprint, normaliseSerial } from './certificate-facts';
import { decodeCursor, encodeCursor } from '@lib/platform';

export const SORTS = ['logged_at', 'issued_at', 'not_before', 'not_after', 'subject', 'serial'] as const;
export type Sort = (typeof SORTS)[number];
type Order = 'asc' | 'desc';

/** The list filters, normalised; a cursor carries them so every page answers the same question. */
export interface CertificateFilters {
  type?: CertType;
  subject?: string;
  issuer?: string;
  serial?: string;
  fingerprint?: string;
  san?: string;
  user?: string;
  issued_from?: string;
  issued_to?: string;
  expires_from?: string;
  expires_to?: string;
  revoked_from?: string;
  revoked_to?: string;
  include_revoked: boolean;
}

export interface ItemOptions {
  readonly includePem: boolean;
  readonly includeProof: boolean;
}

export interface ListQuery extends ItemOptions {
  readonly filters: CertificateFilters;
  readonly sort: Sort;
  readonly order: Order;
  readonly limit: number;
  readonly count: boolean;
  /** Sort key values of the last item of the previous page. */
  readonly after?: Array<string | number>;
}

const FILTERS = [
  'type',
  'subject',
  'issuer',
  'serial',
  'fingerprint',
  'san',
  'user',
  'issued_from',
  'issued_to',
  'expires_from',
  'expires_to',
  'revoked_from',
  'revoked_to',
  'include_revoked',
];
const PAGING = ['limit', 'cursor', 'count', 'include_pem', 'include_proof'];
const ORDERING = ['sort', 'order'];
const RANGES = ['issued', 'expires', 'revoked'];

/** `include_pem` and `include_proof`, which every read accepts; with either, at most 100 items. */
export function readItemOptions(reader: QueryReader): ItemOptions {
  return { includePem: reader.boolean('include_pem', false), includeProof: reader.boolean('include_proof', false) };
}

export function readListQuery(raw: Record<string, unknown>): ListQuery {
  const reader = new QueryReader(raw, [...FILTERS, ...PAGING, ...ORDERING]);
  const options = readItemOptions(reader);
  const limit = reader.integer('limit', 1, options.includePem || options.includeProof ? 100 : 1000, 100);
  const count = reader.boolean('count', false);
  if (reader.has('cursor')) {
    for (const key of [...FILTERS, ...ORDERING]) if (reader.has(key)) reader.check.fail(key, 'cannot be combined with cursor (the cursor carries the filters)');
    const cursor = readListCursor(reader.string('cursor', 1, 4096));
    if (!cursor) reader.check.fail('cursor', 'is not a cursor of this API');
    reader.check.done();
    return { ...options, limit, count, ...cursor! };
  }
  const filters: CertificateFilters = { include_revoked: reader.boolean('include_revoked', true) };
  const type = reader.string('type', 1, 32);
  if (type !== undefined) filters.type = reader.member('type', type, Object.keys(CERT_TYPES) as CertType[]);
  for (const key of ['subject', 'issuer', 'user'] as const) filters[key] = reader.string(key, 1, 256);
  const san = reader.string('san', 1, 253);
  if (san !== undefined) filters.san = san.toLowerCase();
  const serial = reader.string('serial', 1, 300);
  if (serial !== undefined) filters.serial = normaliseSerial(serial) ?? reader.check.fail('serial', 'must be a hexadecimal serial number');
  const fingerprint = reader.string('fingerprint', 1, 100);
  if (fingerprint !== undefined) {
    const bytes = normaliseFingerprint(fingerprint);
    filters.fingerprint = bytes ? fingerprintHex(bytes) : reader.check.fail('fingerprint', 'must be 64 hexadecimal digits (":" allowed)');
  }
  for (const range of RANGES) {
    for (const end of ['from', 'to']) {
      const key = `${range}_${end}` as keyof CertificateFilters;
      (filters as unknown as Record<string, unknown>)[key] = reader.date(key);
    }
  }
  const sort = reader.oneOf('sort', SORTS, 'logged_at');
  const order = reader.oneOf('order', ['desc', 'asc'] as const, 'desc');
  reader.check.done();
  return { ...options, limit, count, filters: dropUndefined(filters), sort, order };
}

const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** A page's cursor carries the filters and order too, so every page answers the same question. */
export function listCursor(query: ListQuery, after: Array<string | number>): string {
  return encodeCursor({ f: query.filters, s: query.sort, o: query.order, a: after });
}

function readListCursor(text: string | undefined): Pick<ListQuery, 'filters' | 'sort' | 'order' | 'after'> | undefined {
  if (!text) return undefined;
  try {
    const { f, s, o, a } = (decodeCursor(text) ?? {}) as { f?: unknown; s?: unknown; o?: unknown; a?: unknown };
    if (!(SORTS as readonly unknown[]).includes(s)) return undefined;
    const sort = s as (typeof SORTS)[number];
    const keys = sortKeys(sort).length;
    if (typeof f !== 'object' || f === null || (o !== 'asc' && o !== 'desc') || !Array.isArray(a) || a.length !== keys) return undefined;
    if (!a.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
    // Re-check the filters as if they were given: a forged cursor gets the same 422 they would.
    const replay = readListQuery(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])));
    return { filters: replay.filters, sort, order: o, after: a };
  } catch {
    return undefined;
  }
}

interface SortKey {
  readonly expression: string;
  /** PostgreSQL type of the cursor value bound against it. */
  readonly type: 'bigint' | 'timestamptz' | 'text' | 'integer';
}

/** The sort's keys, then the tie-breakers (log name, leaf index) in the same direction. */
export function sortKeys(sort: Sort): SortKey[] {
  const keys: Record<Sort, SortKey[]> = {
    logged_at: [{ expression: 'c.timestamp_ms', type: 'bigint' }],
    issued_at: [{ expression: 'c.issued_at', type: 'timestamptz' }],
    not_before: [{ expression: 'c.not_before', type: 'timestamptz' }],
    not_after: [{ expression: 'c.not_after', type: 'timestamptz' }],
    subject: [{ expression: "lower(coalesce(c.subject_cn, ''))", type: 'text' }],
    // Serials are minimal uppercase hex: length first gives numeric order.
    serial: [
      { expression: 'length(c.serial)', type: 'integer' },
      { expression: 'c.serial', type: 'text' },
    ],
  };
  return [...keys[sort], { expression: 'l.name', type: 'text' }, { expression: 'c.leaf_index', type: 'bigint' }];
}

/** The WHERE conditions of the filters (the tenant predicate is the caller's). */
export function filterConditions(filters: CertificateFilters, pg: boolean): Sql[] {
  const conditions: Sql[] = [];
  const like = (column: string, text: string) => sql`${sql.raw(column)} LIKE ${containsPattern(text.toLowerCase())} ESCAPE '\\'`;
  if (filters.type) conditions.push(sql`c.cert_type = ${filters.type}`);
  if (filters.subject) conditions.push(like('lower(c.subject_cn)', filters.subject));
  if (filters.issuer) conditions.push(like('lower(c.issuer_cn)', filters.issuer));
  if (filters.serial) conditions.push(sql`c.serial = ${filters.serial}`);
  if (filters.fingerprint) conditions.push(sql`c.fingerprint = ${Buffer.from(filters.fingerprint, 'hex')}`);
  if (filters.san) conditions.push(sanContains(filters.san, pg));
  if (filters.user) conditions.push(sql`c.issuing_user_id = ${filters.user}`);
  const range = (column: string, from?: string, to?: string) => {
    if (from) conditions.push(sql`${sql.raw(column)} >= ${from}`);
    if (to) conditions.push(sql`${sql.raw(column)} < ${to}`);
  };
  range('c.issued_at', filters.issued_from, filters.issued_to);
  range('c.not_after', filters.expires_from, filters.expires_to);
  range('r.revoked_at', filters.revoked_from, filters.revoked_to);
  if (filters.revoked_from || filters.revoked_to) conditions.push(sql`r.fingerprint IS NOT NULL`);
  if (!filters.include_revoked) conditions.push(sql`r.fingerprint IS NULL`);
  return conditions;
}

/** Exact SAN DNS name (stored lower-case): the GIN array index on PostgreSQL. */
export function sanContains(name: string, pg: boolean): Sql {
  return pg ? sql`c.san_dns @> ARRAY[CAST(${name} AS text)]` : sql`EXISTS (SELECT 1 FROM json_each(c.san_dns) WHERE value = ${name})`;
}

/** Keyset condition: rows strictly after the cursor's key values in the sort direction. */
export function afterCondition(keys: SortKey[], after: Array<string | number>, order: Order, pg: boolean): Sql {
  const columns = sql.raw(keys.map((k) => k.expression).join(', '));
  const values = sql.join(
    keys.map((k, i) => (pg ? sql`CAST(${after[i]} AS ${sql.raw(k.type)})` : sql`${after[i]}`)),
    ', ',
  );
  return order === 'desc' ? sql`(${columns}) < (${values})` : sql`(${columns}) > (${values})`;
}
