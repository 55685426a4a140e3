import { InvalidMigrationNameError } from './migration-errors';
import { parseMigrationName } from './migration-name';
import { loadRegistry } from './migration-registry';
import { MigrationRegistryError } from './migration-errors';

describe('migration names', () => {
  it.each([
    ['001_create_sources', 'startup', 1],
    ['012_add_sources_status_index', 'startup', 12],
    ['099_last_startup', 'startup', 99],
    ['100_first_release', 'release', 100],
    ['199_last_release', 'release', 199],
    ['S001_demo_tenant', 'seed', 1],
    ['S999_last_seed', 'seed', 999],
    ['DM001_backfill_status', 'data', 1],
    ['DM999_last_data', 'data', 999],
    ['002_v2_columns', 'startup', 2],
  ])('%s is %s #%i', (name, category, sequence) => {
    expect(parseMigrationName(name)).toMatchObject({ name, category, sequence });
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    ['', 'empty'],
    ['   ', 'whitespace only'],
    ['0012_add_index', 'four-digit prefix'],
    ['12_add_index', 'two-digit prefix'],
    ['1_add_index', 'one-digit prefix'],
    ['V1__create_sources', 'Flyway style'],
    ['20240101120000_create_sources', 'timestamp'],
    ['create_sources', 'no prefix'],
    ['200_too_high', '200 prefix'],
    ['999_too_high', '999 prefix'],
    ['000_zero', 'zero'],
    ['001_Create_sources', 'uppercase in description'],
    ['001_create-sources', 'dash in description'],
    ['001_create sources', 'space in description'],
    ['001_', 'empty description'],
    ['001', 'no description'],
    ['001__double', 'double underscore'],
    ['001_trailing_', 'trailing underscore'],
    ['S01_seed', 'two-digit seed'],
    ['S000_seed', 'seed zero'],
    ['DM1_data', 'one-digit data'],
    ['dm001_data', 'lowercase data prefix'],
    ['s001_seed', 'lowercase seed prefix'],
    [' 001_padded', 'leading space'],
  ] as Array<[unknown, string]>)('rejects %p (%s) naming the offender', (name) => {
    let thrown: unknown;
    try {
      parseMigrationName(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidMigrationNameError);
    expect((thrown as InvalidMigrationNameError).message).toContain(JSON.stringify(name ?? null));
  });
});

describe('registry validation', () => {
  const migration = (name: string) =>
    class {
      name = name;
      async up() {}
    };
  const data = (name: string) =>
    class {
      name = name;
      async runBatch() {
        return { checkpoint: null, processed: 0 };
      }
    };

  it('accepts categories interleaved, each ascending', () => {
    expect(
      loadRegistry({ schema: 'x', migrations: [migration('001_a'), migration('100_r'), migration('002_b'), migration('S001_s'), data('DM001_d')] }).map(
        (m) => m.category,
      ),
    ).toEqual(['startup', 'release', 'startup', 'seed', 'data']);
  });

  it.each([
    ['a duplicate name', [migration('001_a'), migration('001_a')], /duplicate migration 001_a/],
    ['a duplicate number', [migration('001_a'), migration('001_b')], /duplicate migration 001_b \(clashes with 001_a\)/],
    ['a category out of order', [migration('002_b'), migration('001_a')], /001_a is listed after 002_b/],
    ['a data migration without runBatch', [migration('DM001_d')], /has no runBatch/],
    ['runBatch on a schema migration', [data('001_a')], /not named DMnnn_/],
  ])('rejects %s', (_case, migrations, message) => {
    expect(() => loadRegistry({ schema: 'x', migrations })).toThrow(MigrationRegistryError);
    expect(() => loadRegistry({ schema: 'x', migrations })).toThrow(message);
  });

  it('rejects a bad name in the list before touching anything', () => {
    expect(() => loadRegistry({ schema: 'x', migrations: [migration('001_ok'), migration('V2__bad')] })).toThrow(InvalidMigrationNameError);
  });
});
