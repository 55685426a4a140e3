import { createHash, hash } from 'node:crypto';
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
  const names = memberNames(columns);
  let text = '';
  for (let index = 0; index < columns.length; index++) {
    const value = row[index];
    if (value === undefined) continue;
    text += text.length === 0 ? `{${names[index]}` : `,${names[index]}`;
    text +=
      typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value === 'object' && value !== null && !Buffer.isBuffer(value)
          ? canonicalJson(value)
          : JSON.stringify(jsonSafe(value));
  }
  return text.length === 0 ? '{}' : `${text}}`;
}

// Every row of a table has the same member names: write each `"name":` once per table, not per row.
const MEMBER_NAMES = new WeakMap<readonly CatalogColumn[], string[]>();

function memberNames(columns: readonly CatalogColumn[]): string[] {
  let names = MEMBER_NAMES.get(columns);
  if (!names) MEMBER_NAMES.set(columns, (names = columns.map((column) => `${JSON.stringify(column.name)}:`)));
  return names;
}

function jsonSafe(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/**
 * Whether two normalised rows have the same canonical form, told without writing either: equal
 * primitives, equal bytes, and JSON values equal in canonical JSON. A copied row read back almost
 * always equals its source, so this spares the second canonical text and its garbage.
 */
export function sameCanonicalRow(left: RowValues, right: RowValues): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    const [a, b] = [left[index], right[index]];
    if (a === b) continue;
    if (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b)) continue;
    if (
      typeof a === 'object' &&
      typeof b === 'object' &&
      a !== null &&
      b !== null &&
      !Buffer.isBuffer(a) &&
      !Buffer.isBuffer(b) &&
      canonicalJson(a) === canonicalJson(b)
    )
      continue;
    return false;
  }
  return true;
}

export function rowDigest(row: RowValues, columns: readonly CatalogColumn[]): string {
  return canonicalDigest(canonicalRow(row, columns));
}

/** The digest of a row already in its canonical form. */
export function canonicalDigest(canonical: string): string {
  return hash('sha256', canonical, 'hex');
}

/** One digest for a table: SHA-256 over its row digests in key order, one per line. */
export class TableDigest {
  private readonly hash = createHash('sha256');
  // Lines go to the hash a thousand at a time: a call into the hash per row costs more than the hashing.
  private pending: string[] = [];

  add(rowDigestHex: string): void {
    this.pending.push(rowDigestHex);
    if (this.pending.length === 1024) this.flush();
  }

  /** Row digests already written as lines (`hex\n` each), in order. */
  addLines(lines: string): void {
    this.flush();
    this.hash.update(lines);
  }

  hex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending.length > 0) this.hash.update(`${this.pending.join('\n')}\n`);
    this.pending = [];
  }
}
