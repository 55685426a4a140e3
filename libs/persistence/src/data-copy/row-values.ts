import type { ColumnType } from './copy-catalog';

/**
 * One value per column, in the one form both backends' values are brought to before they are
 * digested or written: text, uuid (lower case), timestamp (ISO-8601 UTC), date (YYYY-MM-DD) and
 * integer (decimal digits, so int8 stays exact) as strings; real as a number; boolean; json as the
 * parsed value; bytes as a Buffer; text-array as string[]. SQL NULL is null.
 */
export type RowValues = unknown[];

export function normaliseValue(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
    case 'date':
      return String(value);
    case 'uuid':
      return String(value).toLowerCase();
    case 'timestamp':
      return timestamp(value);
    case 'integer':
      // Past 2^53 a double prints with an exponent: BigInt gives its digits.
      return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) ? BigInt(value).toString() : String(value);
    case 'real':
      return Number(value);
    case 'boolean':
      // SQLite keeps booleans as 0/1; anything else is passed on as found, to be refused or reported.
      return value === 1 || value === true ? true : value === 0 || value === false ? false : value;
    case 'json':
    case 'text-array':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'bytes':
      return Buffer.isBuffer(value) ? value : Buffer.from(value as string);
  }
}

const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function timestamp(value: unknown): string {
  // What the services write is already canonical: skip the parse for it.
  if (typeof value === 'string' && CANONICAL_INSTANT.test(value)) return value;
  const date = value instanceof Date ? value : new Date(String(value));
  // A text that is no instant stays as found: PostgreSQL refuses it, SQLite keeps it, the digest shows it.
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

export function normaliseRow(raw: readonly unknown[], types: readonly ColumnType[]): RowValues {
  return raw.map((value, index) => normaliseValue(value, types[index]));
}

/** A value as SQLite stores it: booleans 0/1, JSON and arrays as JSON text, the rest unchanged. */
export function sqliteValue(value: unknown, type: ColumnType): unknown {
  if (value === null) return null;
  if (type === 'boolean') return value === true ? 1 : value === false ? 0 : value;
  if (type === 'json' || type === 'text-array') return JSON.stringify(value);
  return value;
}
