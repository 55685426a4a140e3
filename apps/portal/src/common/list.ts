import type { FastifyReply } from 'fastify';
import { containsPattern, type Sql, sql } from '@lib/persistence';
import type { PortalTx } from './portal-db';

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/**
 * One page and the total matching count, in one statement. The count is an uncorrelated scalar
 * subquery (evaluated once, from the tenant-leading indexes) rather than `count(*) OVER ()`,
 * which would read and sort every matching row in full to hand back fifty. Only a page past the
 * end needs a second, count-only statement.
 */
export async function pageOf<T>(
  tx: PortalTx,
  query: { select: Sql; from: Sql; where: Sql; orderBy: Sql; limit: number; offset: number },
  map: (row: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const rows = await tx.rows<Record<string, unknown>>(
    sql`SELECT ${query.select}, (SELECT count(*) FROM ${query.from} WHERE ${query.where}) AS total_count FROM ${query.from} WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT ${query.limit} OFFSET ${query.offset}`,
  );
  if (rows.length > 0) return { items: rows.map(map), total: Number(rows[0].total_count) };
  if (query.offset === 0) return { items: [], total: 0 };
  const [counted] = await tx.rows<{ total: unknown }>(sql`SELECT count(*) AS total FROM ${query.from} WHERE ${query.where}`);
  return { items: [], total: Number(counted.total) };
}

/** A list answer: the bare array the replaced system's clients expect, and `X-Total-Count`. */
export function sendPage<T>(reply: FastifyReply, page: Page<T>): T[] {
  void reply.header('x-total-count', String(page.total));
  return page.items;
}

/** A sort parameter (`name`, `-name`) as SQL, ending with `id` ascending so pages are stable. */
export function orderBy(sort: string, columns: Readonly<Record<string, string>>, alias = ''): Sql {
  const descending = sort.startsWith('-');
  const column = columns[descending ? sort.slice(1) : sort];
  return sql.raw(`${alias}${column} ${descending ? 'DESC' : 'ASC'}, ${alias}id ASC`);
}

/** `search` of sources and products: a substring of name or description, ASCII case-insensitive, `%`, `_` and `\` literal. */
export function nameOrDescriptionContains(term: string): Sql {
  const pattern = containsPattern(term.toLowerCase());
  return sql`lower(name) LIKE ${pattern} ESCAPE '\\' OR lower(description) LIKE ${pattern} ESCAPE '\\'`;
}

/** One page of a single table in the tenant, filtered and sorted by the list's parameters. */
export function tablePage<T>(
  tx: PortalTx,
  table: Sql,
  conditions: Sql[],
  page: { sort: string; sortColumns: Readonly<Record<string, string>>; limit: number; offset: number },
  map: (row: Record<string, unknown>) => T,
): Promise<Page<T>> {
  return pageOf(
    tx,
    { select: sql`*`, from: table, where: sql.and(conditions), orderBy: orderBy(page.sort, page.sortColumns), limit: page.limit, offset: page.offset },
    map,
  );
}
