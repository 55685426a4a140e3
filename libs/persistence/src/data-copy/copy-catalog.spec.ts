import { planTables, SchemaDifferenceError, UnknownTableError, type Catalog, type CatalogTable } from './copy-catalog';

const table = (name: string, columns: Array<[string, CatalogTable['columns'][number]['type']]>, references: string[] = []): CatalogTable => ({
  schema: 's',
  name,
  columns: columns.map(([column, type]) => ({ name: column, type })),
  key: ['tenant_id', 'id'],
  references,
});
const catalog = (precise: boolean, tables: CatalogTable[]): Catalog => ({ precise, tables: new Map(tables.map((t) => [`s.${t.name}`, t])) });

const CHILD_SQLITE = table(
  'child',
  [
    ['tenant_id', 'text'],
    ['id', 'text'],
    ['parent_id', 'text'],
    ['on', 'integer'],
    ['meta', 'json'],
  ],
  ['parent'],
);
const PARENT_SQLITE = table('parent', [
  ['tenant_id', 'text'],
  ['id', 'text'],
  ['tags', 'json'],
]);
const CHILD_PG = table(
  'child',
  [
    ['tenant_id', 'uuid'],
    ['id', 'text'],
    ['parent_id', 'text'],
    ['on', 'boolean'],
    ['meta', 'json'],
  ],
  ['parent'],
);
const PARENT_PG = table('parent', [
  ['tenant_id', 'uuid'],
  ['id', 'text'],
  ['tags', 'text-array'],
]);

describe('copy plan', () => {
  it('orders parents first, sorts columns by name and takes the precise side types', () => {
    const [first, second] = planTables(catalog(false, [CHILD_SQLITE, PARENT_SQLITE]), catalog(true, [CHILD_PG, PARENT_PG]), { schemas: ['s'] });
    expect(first.qualified).toBe('s.parent');
    expect(first.columns).toEqual([
      { name: 'id', type: 'text' },
      { name: 'tags', type: 'text-array' },
      { name: 'tenant_id', type: 'uuid' },
    ]);
    expect(second.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:text', 'meta:json', 'on:boolean', 'parent_id:text', 'tenant_id:uuid']);
    expect(second.keyPositions).toEqual([4, 0]);
    expect(second.tenantPosition).toBe(4);
  });

  it('names every difference between the two sides', () => {
    const drifted = table(
      'child',
      [
        ['tenant_id', 'uuid'],
        ['id', 'text'],
        ['parent_id', 'integer'],
        ['extra', 'text'],
        ['meta', 'json'],
      ],
      ['parent'],
    );
    const attempt = () => planTables(catalog(false, [CHILD_SQLITE, PARENT_SQLITE]), catalog(true, [drifted]), { schemas: ['s'] });
    expect(attempt).toThrow(SchemaDifferenceError);
    expect(attempt).toThrow(
      /s\.child\.parent_id: text in the source, integer in the target[\s\S]*s\.child\.on: missing in the target[\s\S]*s\.child\.extra: missing in the source[\s\S]*s\.parent: missing in the target/,
    );
  });

  it('narrows to --tables and refuses a name it does not know', () => {
    expect(planTables(catalog(true, [CHILD_PG, PARENT_PG]), null, { schemas: ['s'], tables: ['s.child'] }).map((t) => t.qualified)).toEqual(['s.child']);
    expect(() => planTables(catalog(true, [CHILD_PG]), null, { schemas: ['s'], tables: ['s.nope'] })).toThrow(UnknownTableError);
    expect(() => planTables(catalog(true, [CHILD_PG]), null, { schemas: ['t'], tables: ['s.child'] })).toThrow(UnknownTableError);
  });
});
