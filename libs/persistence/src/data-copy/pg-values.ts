import { types } from 'pg';
import type { ColumnType } from './copy-catalog';

// date as its text (pg would make it a local-midnight Date); json and jsonb as text, so a JSON
// string value is told apart from the text it was parsed from, exactly as SQLite's TEXT is;
// int2 and int4 as their digits, the canonical form of an integer (int8 already comes so).
const RAW_TEXT = new Set([1082, 114, 3802, 21, 23]);
const TIMESTAMPTZ = 1184;
const parseTimestamptz = types.getTypeParser(TIMESTAMPTZ, 'text');
// What PostgreSQL prints for a timestamptz under `TimeZone = UTC` and the default ISO DateStyle.
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz in the canonical form (ISO-8601 UTC, milliseconds; finer digits dropped) straight
 * from its text, without a Date per value; any other form (BC, a year past 9999, infinity, another
 * zone) goes through pg's own parser.
 */
export function utcInstant(text: string): string | Date | number {
  const match = UTC_TEXT.exec(text);
  return match ? `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z` : parseTimestamptz(text);
}

/** Type parsers for every statement of the copy; its sessions run with `TimeZone = UTC`. */
export const COPY_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ ? utcInstant : RAW_TEXT.has(oid) ? (value: string) => value : types.getTypeParser(oid, format ?? 'text'),
};

/** Each logical type's parser, as the copy's statements read a value of its PostgreSQL type. */
const TEXT_PARSERS = Object.fromEntries(
  Object.entries({
    uuid: 2950,
    text: 25,
    timestamp: TIMESTAMPTZ,
    date: 1082,
    integer: 20,
    real: 701,
    boolean: 16,
    json: 114,
    bytes: 17,
    'text-array': 1009,
  }).map(([type, oid]) => [type, COPY_TYPES.getTypeParser(oid)]),
) as Record<ColumnType, (text: string) => unknown>;

/** A value from PostgreSQL's text output (`COPY ... TO`), as a query's row would hold it. */
export function parseTextValue(text: string, type: ColumnType): unknown {
  return TEXT_PARSERS[type](text);
}

/** PostgreSQL's type names for the logical types, as `pg_type.typname` spells them. */
const BY_TYPNAME: Record<string, ColumnType> = {
  uuid: 'uuid',
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  timestamptz: 'timestamp',
  date: 'date',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  float4: 'real',
  float8: 'real',
  bool: 'boolean',
  json: 'json',
  jsonb: 'json',
  bytea: 'bytes',
  _text: 'text-array',
};

export function logicalType(column: string, typname: string): ColumnType {
  const type = BY_TYPNAME[typname];
  if (!type) throw new Error(`${column}: PostgreSQL type ${typname} is not one the copy knows`);
  return type;
}

/** The array type to pass a key column's values as, for `unnest`. */
export const ARRAY_CAST: Record<ColumnType, string> = {
  uuid: 'uuid[]',
  text: 'text[]',
  timestamp: 'timestamptz[]',
  date: 'date[]',
  integer: 'int8[]',
  real: 'float8[]',
  boolean: 'bool[]',
  json: 'jsonb[]',
  bytes: 'bytea[]',
  'text-array': 'text[]',
};
