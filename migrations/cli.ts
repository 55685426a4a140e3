/**
 * `npm run migrate -- <command>`: the operator's and the release Job's view of the migrations.
 */
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CATEGORIES,
  CLI_EXIT,
  ConfigurationError,
  MigrationChecksumMismatchError,
  MigrationLockTimeoutError,
  MigrationPartialFailureError,
  MigrationRunner,
  OutOfOrderMigrationError,
  readPersistenceConfig,
  redactText,
  Store,
  StoreConnectionError,
  tokenProviderFor,
  type MigrationCategory,
  type SchemaMigrations,
  type SchemaStatus,
} from '@lib/persistence';
import { SCHEMAS_BY_APP } from './registries';

const USAGE = `Usage: npm run migrate -- <command> [options]

Commands:
  status              per schema, one row per migration: category, state, applied at, checksum
  plan                the exact SQL "up" would run, history inserts included; changes nothing
  up                  apply pending startup, release and seed migrations (release brings startup);
                      --category data runs the data migrations, batch by batch, with progress
  verify              checksums of applied migrations and applied-but-unknown ones; exit 3 on problems
  repair              accept the current checksums of changed migrations, recorded with --by
  baseline --to NAME  record every migration listed up to NAME as applied, without running it

Options:
  --app NAME          portal, waf-panel or ct-log (repeatable; default: all)
  --schema NAME       portal, waf or ctlog (repeatable; default: all)
  --category NAME     startup, release, seed or data (repeatable; up and plan)
  --dry-run           with up: print the SQL instead of running it (same as plan)
  --json              one JSON document on stdout (status: {schemas}; verify: {ok, schemas})
  --batch-size N      rows per data-migration batch (default: the migration's own, else 1000)
  --allow-out-of-order  apply a migration numbered below one already applied
  --by WHO            recorded as applied_by / repaired_by (default: user@host)
  -h, --help          this text

Connects with MIGRATION_DATABASE_URL (default DATABASE_URL) as the schema owner.
Exit codes: 0 done; 1 failed unexpectedly; 2 bad arguments; 3 verify found
problems or a checksum changed; 4 database unreachable; 5 another process holds the migration lock
(timeout); 6 a migration failed (the ones before it stay applied, the rest were not run);
7 out-of-order migration; 78 configuration error.`;

const EXIT = {
  usage: CLI_EXIT.usage,
  problems: CLI_EXIT.problems,
  unreachable: CLI_EXIT.unreachable,
  lock: CLI_EXIT.notReady,
  failed: CLI_EXIT.partial,
  order: CLI_EXIT.outOfOrder,
  configuration: CLI_EXIT.configuration,
} as const;

type Options = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      app: { type: 'string', multiple: true },
      schema: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'batch-size': { type: 'string' },
      'allow-out-of-order': { type: 'boolean' },
      by: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

class UsageError extends Error {}

function selectSchemas(options: Options): SchemaMigrations[] {
  const byApp = options.app ?? [];
  const bySchema = options.schema ?? [];
  for (const app of byApp) if (!SCHEMAS_BY_APP[app]) throw new UsageError(`unknown --app ${app}; choose from ${Object.keys(SCHEMAS_BY_APP).join(', ')}`);
  const all = Object.values(SCHEMAS_BY_APP);
  for (const schema of bySchema)
    if (!all.some((s) => s.schema === schema)) throw new UsageError(`unknown --schema ${schema}; choose from ${all.map((s) => s.schema).join(', ')}`);
  if (byApp.length === 0 && bySchema.length === 0) return all;
  return all.filter((s) => bySchema.includes(s.schema) || byApp.some((app) => SCHEMAS_BY_APP[app] === s));
}

function categories(options: Options): MigrationCategory[] | undefined {
  const picked = options.category;
  if (!picked) return undefined;
  for (const category of picked)
    if (!(CATEGORIES as readonly string[]).includes(category)) throw new UsageError(`unknown --category ${category}; choose from ${CATEGORIES.join(', ')}`);
  return picked as MigrationCategory[];
}

/**
 * One row per migration, as Flyway's `info` shows them: applied ones from the history (with
 * their checksum state), then pending ones, then applied ones this version no longer knows.
 */
function printStatus(status: SchemaStatus): void {
  const changed = new Set(status.checksumMismatches.map((m) => m.name));
  const missing = new Set(status.missing);
  const rows = [
    ...status.applied.map((row) => [
      row.name,
      row.category,
      missing.has(row.name) ? 'unknown' : row.baseline ? 'baselined' : 'applied',
      row.appliedAt,
      missing.has(row.name) ? '-' : changed.has(row.name) ? 'CHANGED' : row.repairedBy ? `repaired by ${row.repairedBy}` : 'ok',
    ]),
    ...CATEGORIES.flatMap((category) => status.pending[category].map((name) => [name, category, 'pending', '-', '-'])),
  ];
  const table = [['migration', 'category', 'state', 'applied at', 'checksum'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const lines = [`schema ${status.schema}: ${status.applied.length} applied, ${rows.length - status.applied.length} pending`];
  for (const row of table) lines.push(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd());
  for (const m of status.checksumMismatches) lines.push(`  CHANGED ${m.name}: stored ${m.stored}, current ${m.current}`);
  for (const p of status.dataProgress)
    lines.push(`  data ${p.name}: ${p.processed} rows in ${p.batches} batches${p.checkpoint === null ? '' : `, checkpoint ${p.checkpoint}`}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const COMMANDS = ['status', 'plan', 'up', 'verify', 'repair', 'baseline'];

async function run(command: string, options: Options): Promise<number> {
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"; choose from ${COMMANDS.join(', ')}`);
  const selected = selectSchemas(options);
  const picked = categories(options);
  const by = options.by ?? `${userInfo().username}@${hostname()}`;
  const batchSize = options['batch-size'] === undefined ? undefined : Number(options['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new UsageError('--batch-size must be a positive whole number');
  if (command === 'baseline' && !options.to) throw new UsageError('baseline needs --to <migration name>');
  const config = readPersistenceConfig();
  const store = await Store.open({
    location: config.migrationLocation,
    schemas: selected.map((s) => s.schema),
    poolSize: 2,
    tokenProvider: tokenProviderFor(config),
  });
  let exitCode = 0;
  // --json prints one document for all schemas, once they are all read.
  const documents: object[] = [];
  try {
    for (const schemaMigrations of selected) {
      const runner = new MigrationRunner(store, schemaMigrations, {
        appliedBy: by,
        lockTimeoutMs: config.migrations.lockTimeoutMs,
        allowOutOfOrder: options['allow-out-of-order'] ?? config.migrations.allowOutOfOrder,
      });
      const schema = schemaMigrations.schema;
      switch (command) {
        case 'status': {
          const status = await runner.status();
          if (options.json) documents.push(status);
          else printStatus(status);
          break;
        }
        case 'verify': {
          const status = await runner.status();
          const ok = status.checksumMismatches.length === 0 && status.missing.length === 0;
          if (options.json) documents.push({ schema, ok, checksumMismatches: status.checksumMismatches, missing: status.missing });
          else printStatus(status);
          if (!ok) exitCode = EXIT.problems;
          break;
        }
        case 'plan':
          process.stdout.write(`-- schema ${schema}\n${(await runner.plan(picked?.filter((c) => c !== 'data'))).join('\n')}\n`);
          break;
        case 'up': {
          if (options['dry-run']) {
            process.stdout.write(`-- schema ${schema}\n${(await runner.plan(picked?.filter((c) => c !== 'data'))).join('\n')}\n`);
            break;
          }
          const applied = picked && picked.length === 1 && picked[0] === 'data' ? [] : await runner.up(picked?.filter((c) => c !== 'data'));
          process.stdout.write(`schema ${schema}: applied ${applied.length ? applied.join(', ') : 'nothing'}\n`);
          if (picked?.includes('data')) {
            const done = await runner.runData({
              batchSize,
              onBatch: (p) => process.stderr.write(`schema ${schema} ${p.name}: batch ${p.batches}, ${p.processed} rows${p.done ? ', done' : ''}\n`),
            });
            process.stdout.write(`schema ${schema}: data migrations completed ${done.length ? done.join(', ') : 'none'}\n`);
          }
          break;
        }
        case 'repair': {
          const repaired = await runner.repair(by);
          process.stdout.write(`schema ${schema}: repaired ${repaired.length ? repaired.join(', ') : 'nothing'} (by ${by})\n`);
          break;
        }
        case 'baseline': {
          const adopted = await runner.baseline(options.to as string, by);
          process.stdout.write(`schema ${schema}: baselined ${adopted.length ? adopted.join(', ') : 'nothing'}\n`);
          break;
        }
      }
    }
  } finally {
    await store.close();
  }
  if (options.json && (command === 'status' || command === 'verify')) {
    process.stdout.write(`${JSON.stringify(command === 'verify' ? { ok: exitCode === 0, schemas: documents } : { schemas: documents })}\n`);
  }
  return exitCode;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ConfigurationError) return EXIT.configuration;
  if (error instanceof MigrationChecksumMismatchError) return EXIT.problems;
  if (error instanceof MigrationLockTimeoutError) return EXIT.lock;
  if (error instanceof OutOfOrderMigrationError) return EXIT.order;
  if (error instanceof MigrationPartialFailureError) return EXIT.failed;
  if (error instanceof StoreConnectionError) return EXIT.unreachable;
  return CLI_EXIT.failed;
}

async function main(): Promise<void> {
  // `migrate status | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(EXIT.usage);
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(parsed.values.help ? 0 : EXIT.usage);
  }
  try {
    process.exitCode = await run(command, parsed.values);
  } catch (error) {
    process.stderr.write(`migrate ${command}: ${redactText(error instanceof Error ? error.message : String(error))}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
    process.exitCode = exitCodeFor(error);
  }
}

void main();
