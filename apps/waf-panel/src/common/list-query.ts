import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { Absentable, type Checker, decodeCursor, encodeCursor, type Json, Rule, Rules, Str, Text } from '@lib/platform';

export interface PageRequest {
  readonly limit: number;
  /** The decoded keyset position after which the page starts. */
  readonly after: readonly unknown[] | null;
}

/** `limit` 1–200 (default 50) and an opaque `cursor`; strings only, as query values arrive. */
export function checkPage(check: Checker, query: Json, width: number): PageRequest {
  let limit = 50;
  if (query.limit !== undefined) {
    const text = String(query.limit);
    if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 200) check.fail('limit', 'must be an integer 1–200');
    else limit = Number(text);
  }
  let after: unknown[] | null = null;
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(String(query.cursor));
    if (Array.isArray(decoded) && decoded.length === width) after = decoded;
    else check.fail('cursor', 'is not a cursor this list issued');
  }
  return { limit, after };
}

/** `{items, nextCursor}`: one extra row read tells whether another page exists. */
export function pageResult<T>(rows: T[], limit: number, keyOf: (item: T) => unknown[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items.at(-1)!)) : null;
  return { items, nextCursor };
}

/** `true`/`false` query flags, nothing else. */
export function checkFlag(check: Checker, value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return check.fail(path, 'must be true or false');
}

/** The documented `limit` and `cursor` of a keyset list. */
export function ApiCursorQuery() {
  return applyDecorators(
    ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }),
    ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' }, description: 'nextCursor of the previous page' }),
  );
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** An ISO-8601 UTC instant, as list filters (and events) take them. */
export const Instant = () =>
  Rules(
    Str(),
    Rule('instant', (value) =>
      ISO.test(value as string) && !Number.isNaN(Date.parse(value as string)) ? undefined : 'must be an ISO-8601 UTC timestamp like 2026-01-31T12:00:00.000Z',
    ),
  );

/** An optional text filter of a list. */
export const QueryText = (max: number) => applyDecorators(Absentable(), Text({ min: 1, max }));

/** An optional time filter of a list. */
export const QueryInstant = () => applyDecorators(Absentable(), Instant());
