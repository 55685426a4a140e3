/**
 * The rules a later distribution (Citus, by tenant) relies on, checked on the migrated schemas:
 * every tenant table's primary key and unique keys lead with tenant_id, and every foreign key
 * between tenant tables carries tenant_id. Tables read before the tenant is known (the schemas'
 * rlsExempt lists) would be reference tables and are exempt.
 */
import { Client } from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationRunner, parseDatabaseUrl, rlsExemptTables, Store } from '../libs/persistence/src';
import { repositoryRoot } from './harness/built';
import { SCHEMAS_BY_APP } from '../migrations/registries';
import { createTestDatabase, type TestDatabase } from './harness/postgres';

const REGISTRIES = Object.values(SCHEMAS_BY_APP);
const SCHEMAS = REGISTRIES.map((registry) => registry.schema);

describe('tenant distribution rules [postgres]', () => {
  let database: TestDatabase;
  let client: Client;
  const reference = new Set(rlsExemptTables(REGISTRIES));

  beforeAll(async () => {
    database = await createTestDatabase('distribution-rules');
    const store = await Store.open({ location: parseDatabaseUrl(database.url), schemas: SCHEMAS });
    try {
      for (const registry of REGISTRIES) await new MigrationRunner(store, registry, { appliedBy: 'distribution-rules' }).startup();
    } finally {
      await store.close();
    }
    client = new Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  /** Constraints (and unique indexes) of tenant tables, with their columns in key order. */
  const keys = async (kinds: string) =>
    (
      await client.query<{ table: string; name: string; kind: string; columns: string[]; referenced: string | null; referenced_columns: string[] | null }>(
        `SELECT n.nspname || '.' || t.relname AS table, c.conname AS name, c.contype AS kind,
           ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
           CASE WHEN c.confrelid <> 0 THEN (SELECT rn.nspname || '.' || r.relname FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = c.confrelid) END AS referenced,
           CASE WHEN c.confrelid <> 0 THEN ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] END AS referenced_columns
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = ANY($1) AND c.contype = ANY($2)
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
         UNION ALL
         SELECT n.nspname || '.' || t.relname, i.relname, 'i',
           ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[], NULL, NULL
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = ANY($1) AND x.indisunique AND NOT x.indisprimary AND $3
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`,
        [SCHEMAS, kinds.split(''), kinds.includes('u')],
      )
    ).rows.filter((key) => !reference.has(key.table));

  it('has tenant tables to check', async () => {
    expect((await keys('p')).length).toBeGreaterThan(20);
  });

  it("leads every tenant table's primary key and unique keys with tenant_id", async () => {
    const offending = (await keys('pu')).filter((key) => key.columns[0] !== 'tenant_id').map((key) => `${key.table}: ${key.name} (${key.columns.join(', ')})`);
    expect(offending).toEqual([]);
  });

  it('carries tenant_id in every foreign key between tenant tables', async () => {
    const foreign = (await keys('f')).filter((key) => key.referenced !== null && !reference.has(key.referenced));
    const offending = foreign
      .filter((key) => !(key.columns.includes('tenant_id') && key.referenced_columns![key.columns.indexOf('tenant_id')] === 'tenant_id'))
      .map((key) => `${key.table}: ${key.name} (${key.columns.join(', ')}) → ${key.referenced}`);
    expect(offending).toEqual([]);
  });

  it('is the plan docs/operations.md gives: every tenant table distributed by tenant_id, every exempt one a reference table', async () => {
    const docs = readFileSync(join(repositoryRoot, 'docs/operations.md'), 'utf8');
    const rows = new Map(
      [...docs.matchAll(/^\s*\| `(\w+)` \| (.*?) \| (.*?) \|/gm)].map(([, schema, distributed, referenced]) => [
        schema,
        {
          distributed: [...distributed.matchAll(/`(\w+)`/g)].map((m) => `${schema}.${m[1]}`),
          reference: [...referenced.matchAll(/`(\w+)`/g)].map((m) => `${schema}.${m[1]}`),
        },
      ]),
    );
    const tables = [...new Set((await keys('p')).map((key) => key.table))].sort();
    const documented = (kind: 'distributed' | 'reference') => SCHEMAS.flatMap((schema) => rows.get(schema)?.[kind] ?? []).sort();
    expect(documented('distributed')).toEqual(tables);
    expect(documented('reference')).toEqual([...reference].sort());
  });
});
