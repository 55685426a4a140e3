import type { CopyTable } from './copy-catalog';
import { copyTextLine } from './copy-text';
import { rowDigest, TableDigest } from './row-digest';
import { normaliseRow } from './row-values';
import { prepareBatch, rowDigestAt, sourceRows } from './source-batch';

const TABLE: CopyTable = {
  schema: 's',
  name: 't',
  qualified: 's.t',
  columns: [
    { name: 'at', type: 'timestamp' },
    { name: 'body', type: 'bytes' },
    { name: 'id', type: 'integer' },
    { name: 'tenant_id', type: 'uuid' },
  ],
  key: ['tenant_id', 'id'],
  keyPositions: [3, 2],
  tenantPosition: 3,
};
const [A, B] = ['a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002'];
const types = TABLE.columns.map((column) => column.type);

/** The same three rows as SQLite's JSON text (sqlite-rows.ts) and as PostgreSQL's driver arrays. */
const JSON_TEXT = `[["2026-03-01T10:00:00.000Z",{"blob":"00ff"},1,"${A.toUpperCase()}"],["2026-03-01T10:00:00.500Z",null,2,"${B}"],[null,{"blob":""},3,"${A}"]]`;
const DRIVER_ROWS = [
  ['2026-03-01T10:00:00.000Z', Buffer.from([0, 255]), '1', A],
  ['2026-03-01T10:00:00.500Z', null, '2', B],
  [null, Buffer.alloc(0), '3', A],
];

describe('preparing a source batch', () => {
  const fromSqlite = { json: JSON_TEXT, count: 3, lastKey: null };
  const fromPostgres = { rows: DRIVER_ROWS, count: 3, lastKey: null };

  it('reads both sources to the same normalised rows', () => {
    expect(sourceRows(TABLE, fromSqlite)).toEqual(DRIVER_ROWS.map((row) => normaliseRow(row, types)));
    expect(sourceRows(TABLE, fromPostgres)).toEqual(sourceRows(TABLE, fromSqlite));
  });

  it('digests every row in batch order, as lines a table digest hashes', () => {
    const prepared = prepareBatch(TABLE, fromSqlite);
    const rows = sourceRows(TABLE, fromSqlite);
    expect([0, 1, 2].map((index) => rowDigestAt(prepared, index))).toEqual(rows.map((row) => rowDigest(row, TABLE.columns)));
    const [byLines, byRow] = [new TableDigest(), new TableDigest()];
    byLines.addLines(prepared.digests);
    for (const row of rows) byRow.add(rowDigest(row, TABLE.columns));
    expect(byLines.hex()).toBe(byRow.hex());
  });

  it("groups rows by tenant, each group's COPY text its rows' lines in batch order", () => {
    const rows = sourceRows(TABLE, fromPostgres);
    expect(prepareBatch(TABLE, fromPostgres).groups).toEqual([
      { tenantId: A, positions: [0, 2], copyText: Buffer.from(`${copyTextLine(rows[0], types)}\n${copyTextLine(rows[2], types)}\n`) },
      { tenantId: B, positions: [1], copyText: Buffer.from(`${copyTextLine(rows[1], types)}\n`) },
    ]);
  });
});
