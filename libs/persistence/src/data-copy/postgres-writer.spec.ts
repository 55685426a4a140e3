import { createTestDatabase, type TestDatabase, withAdminClient } from '../../../../test/harness/postgres';
import { parseDatabaseUrl, type PostgresLocation } from '../database-url';
import { provisionSchemaSql, tenantTableRls } from '../tenancy/rls';
import type { CopyTable } from './copy-catalog';
import { PostgresWriter } from './postgres-writer';
import { sameCanonicalRow } from './row-digest';
import { normaliseRow, type RowValues } from './row-values';
import { prepareBatch } from './source-batch';

const SCHEMA = 'copy_writer';
const TENANT = 'c0000000-0000-4000-8000-000000000001';

/** Every logical type, in PostgreSQL types whose text output a bulk load compares with what it sent. */
const TABLE: CopyTable = {
  schema: SCHEMA,
  name: 'every_type',
  qualified: `${SCHEMA}.every_type`,
  columns: [
    { name: 'active', type: 'boolean' },
    { name: 'at', type: 'timestamp' },
    { name: 'body', type: 'bytes' },
    { name: 'config', type: 'json' },
    { name: 'day', type: 'date' },
    { name: 'doc', type: 'json' },
    { name: 'id', type: 'text' },
    { name: 'n', type: 'integer' },
    { name: 'names', type: 'text-array' },
    { name: 'note', type: 'text' },
    { name: 'ref', type: 'uuid' },
    { name: 'rounded', type: 'timestamp' },
    { name: 'score', type: 'real' },
    { name: 'small', type: 'integer' },
    { name: 'tenant_id', type: 'uuid' },
  ],
  key: ['tenant_id', 'id'],
  keyPositions: [14, 6],
  tenantPosition: 14,
};

const row = (id: string, values: Partial<Record<string, unknown>>): RowValues =>
  TABLE.columns.map((column) => (column.name === 'id' ? id : column.name === 'tenant_id' ? TENANT : (values[column.name] ?? null)));

describe('PostgreSQL writer: a bulk load reads its rows back as text', () => {
  let database: TestDatabase;
  let writer: PostgresWriter;

  beforeAll(async () => {
    database = await createTestDatabase('copy_writer');
    await withAdminClient(database.url, async (client) => {
      for (const statement of provisionSchemaSql(SCHEMA)) await client.query(statement);
      await client.query(`CREATE TABLE ${SCHEMA}.every_type (
        tenant_id uuid NOT NULL, id text NOT NULL, active boolean, at timestamptz(3), body bytea, config jsonb, day date, doc json,
        n bigint, names text[], note text, ref uuid, rounded timestamptz(0), score float8, small int4, PRIMARY KEY (tenant_id, id))`);
      for (const statement of tenantTableRls(SCHEMA, 'every_type')) await client.query(statement);
    });
    writer = await PostgresWriter.open(parseDatabaseUrl(database.url) as PostgresLocation, [SCHEMA]);
  });

  afterAll(async () => {
    await writer?.close();
    await database?.drop();
  });

  it('knows a row stored exactly as sent without parsing it, and parses only the rows PostgreSQL changed', async () => {
    const rows = [
      row('a-nulls', {}),
      row('b-values', {
        active: true,
        at: '2026-03-01T10:00:00.120Z',
        body: Buffer.from([0, 92, 255]),
        day: '2026-03-01',
        doc: { z: 1, a: ['x\ty', null] },
        n: '9007199254740993',
        names: ['plain', 'with "quotes", commas', 'back\\slash', ''],
        note: 'tab\there\nnewline\\backslash ✓',
        ref: 'ab000000-0000-4000-8000-00000000000a',
        rounded: '2026-03-01T10:00:00.000Z',
        score: 0.1,
        small: '-7',
      }),
      row('c-special-reals', { score: Number.NaN, at: '2026-03-01T10:00:00.000Z' }),
      // jsonb is stored in its own layout and a timestamptz(0) drops the fraction: both come back as other text.
      row('d-jsonb', { config: { b: [1, 2], a: 'x' } }),
      row('e-rounded', { rounded: '2026-03-01T10:00:00.500Z' }),
    ];
    const bulk = await writer.bulkLoad(TABLE);
    expect(bulk).not.toBeNull();
    // As the copy hands a batch over: its COPY text made by the batch preparer.
    const [group] = prepareBatch(TABLE, { rows, count: rows.length, lastKey: null }).groups;
    const outcome = await bulk!.write(TENANT, { count: rows.length, copyText: group.copyText, rows: () => rows });
    await bulk!.finish();

    expect(outcome.unchanged).toEqual([0, 1, 2]);
    expect(outcome.existing).toEqual([]);
    const stored = outcome.inserted.map((raw) =>
      normaliseRow(
        raw,
        TABLE.columns.map((column) => column.type),
      ),
    );
    expect(stored.map((values) => values[6])).toEqual(['d-jsonb', 'e-rounded']);
    // The jsonb row is the same row in canonical form; the rounded one is not what was sent.
    expect(sameCanonicalRow(stored[0], rows[3])).toBe(true);
    expect(stored[1][11]).toBe('2026-03-01T10:00:01.000Z');
  });
});
