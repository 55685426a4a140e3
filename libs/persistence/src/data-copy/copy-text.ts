import type { ColumnType } from './copy-catalog';

/**
 * PostgreSQL `COPY ... FROM STDIN` text format: one line per row, tab-separated, `\N` for NULL,
 * backslash escapes for backslash, tab, newline and carriage return.
 */
export function copyTextLine(row: readonly unknown[], types: readonly ColumnType[]): string {
  let line = '';
  for (let index = 0; index < row.length; index++) {
    if (index > 0) line += '\t';
    const value = row[index];
    line += value === null ? '\\N' : escapeCopy(copyField(value, types[index]));
  }
  return `${line}\n`;
}

function copyField(value: unknown, type: ColumnType): string {
  switch (type) {
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

/** `{"a","b\"c",NULL}`: every element quoted, so commas, braces and spaces need no more thought. */
function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map((item) => (item === null ? 'NULL' : `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}
