/**
 * `npm run data-copy -- --from <url> --to <url>`: moves an installation between databases
 * (SQLite -> PostgreSQL for the production cutover, or back), verifying every row by digest.
 */
import { writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CLI_EXIT,
  ConfigurationError,
  EntraTokenProvider,
  errorChain,
  EXIT,
  finishReport,
  MigrationMismatchError,
  newReport,
  parseDatabaseUrl,
  readBoolean,
  redactText,
  runDataCopy,
  SchemaDifferenceError,
  StoreConnectionError,
  translateStoreError,
  UnknownTableError,
  type CopyReport,
  type DatabaseLocation,
  type SchemaMigrations,
} from '@lib/persistence';
import { SCHEMAS_BY_APP } from './registries';

const DEFAULT_BATCH_SIZE = 10_000;

const USAGE = `Usage: npm run data-copy -- --from <url> --to <url> [options]

Copies every row of the portal, waf and ctlog schemas from one database to another (SQLite or
PostgreSQL, either way), in foreign-key order, keeping ids, tenant ids and timestamps exactly.
Only rows whose key is absent from the target are inserted; every row is digested (SHA-256 of
its canonical form) on both sides, and a target row with the same key but other content is
reported, never overwritten. Re-running is safe and resumes an interrupted copy.

Options:
  --from URL          source: sqlite:<dir or file> or postgres://... (never written to)
  --to URL            target: sqlite:<dir or file> or postgres://...
  --schemas LIST      comma-separated schemas to copy (default: portal,waf,ctlog)
  --tables LIST       comma-separated schema.table names, to copy only those
  --batch-size N      rows per batch and transaction (default ${DEFAULT_BATCH_SIZE})
  --migrate           apply the target's startup and seed migrations first
  --dry-run           report what would be inserted and skipped; write nothing at all
  --reconcile         also rewrite target rows whose content differs from the source's (counted
                      as updated), except history tables (audit trails, revisions, CT entries and
                      heads), whose differences stay mismatches: the last run of a cutover
  --report FILE       write the JSON report to FILE instead of stdout
  --by WHO            who runs the copy, recorded with every tenant written (default: user@host)
  -h, --help          this text

The target must have the same migrations applied as the source (checked first). A PostgreSQL
target is written as each schema's app role, one tenant unit of work per tenant, so row-level
security checks every row; a PostgreSQL source is read by a role that bypasses row-level
security. Managed identity: ?azure_managed_identity=true on a URL without a password, or
POSTGRES_USE_MANAGED_IDENTITY=true (AZURE_CLIENT_ID picks a user-assigned identity).

The JSON report (always printed, also on failure) has per table rows read, inserted, skipped,
mismatches with the first keys, digests and elapsed time, then totals and the exit code's meaning.
Progress goes to stderr when it is a terminal.

Exit codes: (the suite's one table, as data-copy meets it)
  0  ok: every source row is in the target with an equal digest
  1  anything unexpected (the report's "error" says what)
  2  bad arguments (unknown option, schema or table, a bad --from or --to URL, batch size < 1)
  3  digest mismatches (the report names the first keys of each table)
  4  the source or the target could not be reached
  5  the target is not migrated like the source (the message names the migrations)
  78 configuration error (e.g. POSTGRES_USE_MANAGED_IDENTITY with a SQLite URL)`;

class UsageError extends Error {}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      schemas: { type: 'string' },
      tables: { type: 'string' },
      'batch-size': { type: 'string' },
      migrate: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      reconcile: { type: 'boolean' },
      report: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

type Options = ReturnType<typeof parse>;

const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function selectSchemas(options: Options): SchemaMigrations[] {
  const all = Object.values(SCHEMAS_BY_APP);
  const names = list(options.schemas) ?? all.map((registry) => registry.schema);
  for (const name of names)
    if (!all.some((registry) => registry.schema === name))
      throw new UsageError(`unknown schema "${name}" in --schemas; choose from ${all.map((r) => r.schema).join(', ')}`);
  const tables = list(options.tables);
  const ofTables = tables?.map((table) => table.split('.')[0]);
  return all.filter((registry) => names.includes(registry.schema) && (!ofTables || ofTables.includes(registry.schema)));
}

function sameDatabase(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return a.mainFile === b.mainFile;
  return a.kind === 'postgres' && b.kind === 'postgres' && a.connectionString === b.connectionString;
}

function tokenProviders(env: NodeJS.ProcessEnv) {
  const always = readBoolean(env, 'POSTGRES_USE_MANAGED_IDENTITY');
  const providers = new Map<string, EntraTokenProvider>();
  return (location: Extract<DatabaseLocation, { kind: 'postgres' }>) => {
    if (!(always || location.managedIdentityRequested)) return undefined;
    if (!providers.has(location.connectionString))
      providers.set(location.connectionString, new EntraTokenProvider({ managedIdentityClientId: env.AZURE_CLIENT_ID || undefined }));
    return providers.get(location.connectionString);
  };
}

function exitCodeFor(error: unknown): number {
  const chain = errorChain(error);
  const any = (...types: Array<abstract new (...args: never[]) => unknown>) => chain.some((link) => types.some((type) => link instanceof type));
  if (any(UsageError, UnknownTableError)) return EXIT.usage;
  if (any(ConfigurationError)) return CLI_EXIT.configuration;
  if (any(MigrationMismatchError, SchemaDifferenceError)) return EXIT.notMigrated;
  if (any(StoreConnectionError) || chain.some((link) => translateStoreError(link) instanceof StoreConnectionError)) return EXIT.unreachable;
  return EXIT.failed;
}

function progressPrinter(): ((p: { table: string; rowsRead: number; total: number }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let started = Date.now();
  let current = '';
  return ({ table, rowsRead, total }) => {
    if (table !== current) {
      if (current) process.stderr.write('\n');
      current = table;
      started = Date.now();
    }
    const rate = Math.round(rowsRead / Math.max(0.001, (Date.now() - started) / 1000));
    process.stderr.write(`\r${table}: ${rowsRead.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${rate.toLocaleString('en')} rows/s)`);
  };
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let options: Options | undefined;
  let report: CopyReport = newReport('', '', false, DEFAULT_BATCH_SIZE);
  try {
    try {
      options = parse(process.argv.slice(2));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!options.from || !options.to) throw new UsageError('--from and --to are both required');
    const batchSize = options['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(options['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new UsageError(`--batch-size must be a whole number of at least 1, not "${options['batch-size']}"`);
    // A bad URL is a bad argument, named by its option.
    const url = (option: '--from' | '--to', raw: string) => {
      try {
        return parseDatabaseUrl(raw, process.cwd(), option);
      } catch (error) {
        if (error instanceof ConfigurationError) throw new UsageError(error.message);
        throw error;
      }
    };
    const from = url('--from', options.from);
    const to = url('--to', options.to);
    report = newReport(from.display, to.display, options['dry-run'] ?? false, batchSize);
    if ([from, to].some((location) => location.kind === 'sqlite' && location.directory === ':memory:'))
      throw new UsageError('an in-memory SQLite database cannot be copied from or to');
    if (sameDatabase(from, to)) throw new UsageError('--from and --to name the same database');
    const printProgress = progressPrinter();
    await runDataCopy(
      {
        from,
        to,
        schemas: selectSchemas(options),
        tables: list(options.tables),
        batchSize,
        dryRun: options['dry-run'] ?? false,
        migrate: options.migrate ?? false,
        reconcile: options.reconcile ?? false,
        actor: options.by ?? `${userInfo().username}@${hostname()}`,
        tokenProviderFor: tokenProviders(process.env),
        onProgress: printProgress,
      },
      report,
    );
    if (printProgress) process.stderr.write('\n');
    finishReport(report, report.tables.some((table) => table.mismatches > 0) ? EXIT.mismatches : EXIT.ok);
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error));
    finishReport(report, exitCodeFor(error), message);
    process.stderr.write(`\ndata-copy: ${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options?.report) writeFileSync(options.report, json);
  else process.stdout.write(json);
  process.exitCode = report.exitCode;
}

void main();
