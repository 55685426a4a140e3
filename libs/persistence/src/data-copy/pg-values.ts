import { types } from 'pg';
import type { ColumnType } from './copy-catalog';

// date as its text (pg would make it a local-midnight Date); json and jsonb as text, so a JSON
// string value is told apart from the text it was parsed from, exactly as SQLite's TEXT is.
const RAW_TEXT = new Set([1082, 114, 3802]);

/** Type parsers for every statement of the copy. */
export const COPY_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (RAW_TEXT.has(oid) ? (value: string) => value : types.getTypeParser(oid, format ?? 'text')),
};

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
