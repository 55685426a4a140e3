import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { CatalogColumn } from './copy-catalog';
import type { RowValues } from './row-values';

/**
 * The canonical form of a row (docs/data-copy.md): a JSON object of every stored column, keys
 * sorted (RFC 8785), values as `normaliseValue` leaves them, with bytes as lower-case hex and a
 * non-finite real as its name ("NaN", "Infinity", "-Infinity"). JSON columns keep their parsed
 * value, so key order and spacing inside them do not count. The row digest is the SHA-256 of
 * that text, in hex.
 */
export function canonicalRow(row: RowValues, columns: readonly CatalogColumn[]): string {
  // Columns arrive sorted by name (copy-catalog), so the object is written directly, key by key.
  let text = '{';
  for (let index = 0; index < columns.length; index++) {
    const value = row[index];
    if (value === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(columns[index].name)}:`;
    text += typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? canonicalJson(value) : JSON.stringify(jsonSafe(value));
  }
  return `${text}}`;
}

function jsonSafe(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

export function rowDigest(row: RowValues, columns: readonly CatalogColumn[]): string {
  return createHash('sha256').update(canonicalRow(row, columns)).digest('hex');
}

/** One digest for a table: SHA-256 over its row digests in key order, one per line. */
export class TableDigest {
  private readonly hash = createHash('sha256');

  add(rowDigestHex: string): void {
    this.hash.update(`${rowDigestHex}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
