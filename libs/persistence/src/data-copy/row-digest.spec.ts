import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { CatalogColumn } from './copy-catalog';
import { copyTextLine } from './copy-text';
import { canonicalRow, rowDigest, sameCanonicalRow, TableDigest } from './row-digest';
import { normaliseRow, sqliteValue } from './row-values';

const COLUMNS: CatalogColumn[] = [
  { name: 'active', type: 'boolean' },
  { name: 'at', type: 'timestamp' },
  { name: 'body', type: 'bytes' },
  { name: 'config', type: 'json' },
  { name: 'day', type: 'date' },
  { name: 'id', type: 'uuid' },
  { name: 'n', type: 'integer' },
  { name: 'names', type: 'text-array' },
  { name: 'note', type: 'text' },
  { name: 'score', type: 'real' },
];
const types = COLUMNS.map((column) => column.type);

/** The same row as each driver hands it over. */
const FROM_SQLITE = [
  1,
  '2026-03-01T10:00:00.000Z',
  Buffer.from([0, 255]),
  '{"b":[1,2],"a":"x"}',
  '2026-03-01',
  'AB000000-0000-4000-8000-00000000000A',
  // SQLite hands a 64-bit integer over as a JS number that has already lost its last digit.
  // eslint-disable-next-line no-loss-of-precision
  9007199254740993,
  '["a.example","b.example"]',
  'tab\there',
  0.1,
];
const FROM_POSTGRES = [
  true,
  new Date('2026-03-01T10:00:00Z'),
  Buffer.from([0, 255]),
  '{"a": "x", "b": [1, 2]}',
  '2026-03-01',
  'ab000000-0000-4000-8000-00000000000a',
  '9007199254740993',
  ['a.example', 'b.example'],
  'tab\there',
  0.1,
];

describe('row canonical form and digest', () => {
  it('is the documented JSON text: keys sorted, values normalised, bytes as hex', () => {
    expect(canonicalRow(normaliseRow(FROM_POSTGRES, types), COLUMNS)).toBe(
      '{"active":true,"at":"2026-03-01T10:00:00.000Z","body":"00ff","config":{"a":"x","b":[1,2]},"day":"2026-03-01",' +
        '"id":"ab000000-0000-4000-8000-00000000000a","n":"9007199254740993","names":["a.example","b.example"],"note":"tab\\there","score":0.1}',
    );
  });

  it('is the same for a row read from SQLite and from PostgreSQL', () => {
    const sqlite = [...FROM_SQLITE];
    sqlite[6] = 42;
    const postgres = [...FROM_POSTGRES];
    postgres[6] = '42';
    expect(rowDigest(normaliseRow(sqlite, types), COLUMNS)).toBe(rowDigest(normaliseRow(postgres, types), COLUMNS));
  });

  it('equals RFC 8785 over the whole record, and changes with any value', () => {
    const row = normaliseRow(FROM_POSTGRES, types);
    const record = Object.fromEntries(
      COLUMNS.map((column, index) => [column.name, Buffer.isBuffer(row[index]) ? (row[index] as Buffer).toString('hex') : row[index]]),
    );
    expect(canonicalRow(row, COLUMNS)).toBe(canonicalJson(record));
    const changed = [...row];
    changed[9] = 0.30000000000000004;
    expect(rowDigest(changed, COLUMNS)).not.toBe(rowDigest(row, COLUMNS));
    expect(rowDigest([...row.slice(0, 8), null, ...row.slice(9)], COLUMNS)).not.toBe(rowDigest(row, COLUMNS));
  });

  it('writes SQLite values as the services store them', () => {
    const row = normaliseRow(FROM_POSTGRES, types);
    expect(row.map((value, index) => sqliteValue(value, types[index]))).toEqual([
      1,
      '2026-03-01T10:00:00.000Z',
      Buffer.from([0, 255]),
      '{"a":"x","b":[1,2]}',
      '2026-03-01',
      'ab000000-0000-4000-8000-00000000000a',
      '9007199254740993',
      '["a.example","b.example"]',
      'tab\there',
      0.1,
    ]);
  });

  it('escapes COPY text: NULL, backslash, tab, newline, bytea and array literals', () => {
    const row = normaliseRow(
      [
        0,
        '2026-03-01T10:00:00.000Z',
        Buffer.from([1]),
        '{"k":"a\\\\b"}',
        null,
        'ab000000-0000-4000-8000-00000000000a',
        1,
        '["x,\\"y\\"", "z\\\\"]',
        'l1\nl2\r\\',
        1.5,
      ],
      types,
    );
    expect(copyTextLine(row, types)).toBe(
      'f\t2026-03-01 10:00:00+00\t\\\\x01\t{"k":"a\\\\\\\\b"}\t\\N\tab000000-0000-4000-8000-00000000000a\t1\t{"x,\\\\"y\\\\"","z\\\\\\\\"}\tl1\\nl2\\r\\\\\t1.5',
    );
  });
});

describe('sameCanonicalRow', () => {
  const row = normaliseRow(FROM_SQLITE, types);

  it('holds exactly when the canonical texts are equal', () => {
    const variants: unknown[][] = [
      normaliseRow(FROM_SQLITE, types),
      normaliseRow(FROM_POSTGRES, types),
      row.map((value, index) => (index === 3 ? { a: 'x', b: [1, 2] } : value)),
      row.map((value, index) => (index === 8 ? 'tab there' : value)),
      row.map((value, index) => (index === 2 ? Buffer.from([0, 254]) : value)),
      row.map((value, index) => (index === 3 ? { b: [1, 2], a: 'y' } : value)),
      row.map((value, index) => (index === 9 ? Number.NaN : value)),
      row.map((value, index) => (index === 6 ? null : value)),
    ];
    for (const other of variants)
      expect(sameCanonicalRow(row, other)).toBe(canonicalRow(row, COLUMNS) === canonicalRow(other, COLUMNS) && !other.some((v) => Number.isNaN(v)));
    // A fresh read of the same values, JSON keys in another order included, is the same row.
    expect([sameCanonicalRow(row, variants[0]), sameCanonicalRow(row, variants[2])]).toEqual([true, true]);
  });
});

describe('table digest', () => {
  it('is the SHA-256 of the row digests one per line, however many rows there are', () => {
    for (const rows of [0, 1, 1023, 1024, 1025, 2500]) {
      const lines = Array.from({ length: rows }, (_, index) => createHash('sha256').update(String(index)).digest('hex'));
      const table = new TableDigest();
      for (const line of lines) table.add(line);
      expect(table.hex()).toBe(
        createHash('sha256')
          .update(lines.map((line) => `${line}\n`).join(''))
          .digest('hex'),
      );
    }
  });
});
