/** Column values as both backends return them, in their wire form. */

/** timestamptz (a Date from pg, TEXT from SQLite) as `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** jsonb (parsed by pg) or JSON TEXT (SQLite). */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** bigint and count(*) arrive as strings from pg. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** JSON for a jsonb/TEXT parameter; undefined and null stay SQL NULL. */
export function toJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** boolean (pg) or 0/1 (SQLite). */
export function flag(value: unknown): boolean {
  return value === true || value === 1;
}
