import type { ColumnType } from './copy-catalog';
import { parseTextValue } from './pg-values';

/**
 * A row as a line of PostgreSQL's `COPY ... FROM STDIN` text format, without its newline:
 * tab-separated, `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return.
 *
 * Values are written as PostgreSQL prints them where that costs nothing (timestamps in UTC), so a
 * row read back with `COPY ... TO STDOUT` usually gives the very line that was sent: the copy then
 * knows it was stored unchanged without parsing it (`parseCopyLine(copyTextLine(row))` is `row`
 * again once normalised, which copy-text.spec.ts checks for every type).
 */
export function copyTextLine(row: readonly unknown[], types: readonly ColumnType[]): string {
  let line = '';
  for (let index = 0; index < row.length; index++) {
    if (index > 0) line += '\t';
    const value = row[index];
    line += value === null ? '\\N' : escapeCopy(copyField(value, types[index]));
  }
  return line;
}

function copyField(value: unknown, type: ColumnType): string {
  switch (type) {
    case 'timestamp':
      return utcText(value as string);
    case 'boolean':
      return value === true ? 't' : value === false ? 'f' : String(value);
    case 'json':
      return JSON.stringify(value);
    case 'text-array':
      return arrayLiteral(value as unknown[]);
    case 'bytes':
      return `\\x${(value as Buffer).toString('hex')}`;
    default:
      return String(value);
  }
}

const CANONICAL_INSTANT = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)\.(\d{3})Z$/;

/** `2026-03-01T10:00:00.500Z` as PostgreSQL prints it under `TimeZone = UTC`: `2026-03-01 10:00:00.5+00`. */
function utcText(instant: string): string {
  const match = CANONICAL_INSTANT.exec(instant);
  if (!match) return instant;
  const fraction = match[3].replace(/0+$/, '');
  return `${match[1]} ${match[2]}${fraction ? `.${fraction}` : ''}+00`;
}

/** `{a,"b \"c",NULL}`: quoted as PostgreSQL's array output quotes, only where an element needs it. */
function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map((item) => (item === null ? 'NULL' : arrayElement(String(item)))).join(',')}}`;
}

function arrayElement(text: string): string {
  return text === '' || /^null$/i.test(text) || /[{}",\\ \t\n\r\v\f]/.test(text) ? `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"` : text;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

/** The escapes `COPY ... TO` writes (backslash, tab, newline, carriage return, and \b \f \v). */
const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * One line of `COPY ... TO STDOUT` text (without its newline) as the driver's values would be,
 * in column order: ready for `normaliseRow`.
 */
export function parseCopyLine(line: string, types: readonly ColumnType[]): unknown[] {
  return line
    .split('\t')
    .map((field, index) =>
      field === '\\N' ? null : parseTextValue(field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : field, types[index]),
    );
}
