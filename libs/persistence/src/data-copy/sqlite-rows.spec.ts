import sqlite3 from 'sqlite3';
import type { CopyTable } from './copy-catalog';
import { parseRows, rowsSelect } from './sqlite-rows';

const TABLE: CopyTable = {
  schema: 'main',
  name: 't',
  qualified: 'main.t',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'v', type: 'text' },
  ],
  key: ['id'],
  keyPositions: [0],
  tenantPosition: -1,
};

// Every storage class, and the values a lossy path would change: doubles needing 17 digits,
// integers past 2^53, infinities, control characters and non-BMP text, bytes that are not UTF-8.
const STORED: Array<[number, string]> = [
  [7, '0.1 + 0.2'],
  [3, '9007199254740993'],
  [5, '-9223372036854775808'],
  [1, '\'line\nbreak\ttab "quoted" \\ é 😀\''],
  [2, "x'00ff10'"],
  [4, '9e999'],
  [6, '-9e999'],
  [8, 'NULL'],
  [9, '42'],
  [10, '5e-324'],
];

function withTable<T>(work: (all: (sql: string) => Promise<Array<Record<string, unknown>>>) => Promise<T>): Promise<T> {
  const db = new sqlite3.Database(':memory:');
  const all = (sql: string) =>
    new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
      db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows as Array<Record<string, unknown>>))),
    );
  return all(`CREATE TABLE t (id INTEGER PRIMARY KEY, v)`)
    .then(() => all(`INSERT INTO t VALUES ${STORED.map(([id, literal]) => `(${id}, ${literal})`).join(', ')}`))
    .then(() => work(all))
    .finally(() => db.close());
}

describe('SQLite rows read as one JSON text', () => {
  it('reads every value as node-sqlite3 does, in key order, exact where it is not', async () => {
    const rows = await withTable(async (all) => parseRows(String((await all(rowsSelect(TABLE, 'FROM t')))[0].batch)));
    expect(rows).toEqual([
      [1, 'line\nbreak\ttab "quoted" \\ é 😀'],
      [2, Buffer.from([0x00, 0xff, 0x10])],
      [3, '9007199254740993'],
      [4, Infinity],
      [5, '-9223372036854775808'],
      [6, -Infinity],
      [7, 0.1 + 0.2],
      [8, null],
      [9, 42],
      [10, 5e-324],
    ]);
  });

  it('reads no rows as an empty list', async () => {
    await expect(withTable(async (all) => parseRows(String((await all(rowsSelect(TABLE, 'FROM t WHERE id > 100')))[0].batch)))).resolves.toEqual([]);
  });
});
