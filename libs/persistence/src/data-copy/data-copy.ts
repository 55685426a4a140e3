import { StoreConnectionError } from '../errors';
import { errorChain } from '../transient';
import { loadRegistry } from '../migrations/migration-registry';
import { MigrationRunner } from '../migrations/migration-runner';
import type { SchemaMigrations } from '../migrations/migration-types';
import type { DatabaseLocation } from '../database-url';
import { Store } from '../store';
import { forEachTenant } from '../tenancy/cross-tenant';
import { planTables, type CopyTable } from './copy-catalog';
import { openReader, openWriter, type TokenProviderFor } from './copy-connections';
import { type BulkLoad, type CopyReader, type CopyWriter, keyJson, keyValues, type WriteOutcome } from './copy-endpoint';
import type { CopyReport, MismatchKind, TableReport } from './copy-report';
import { PostgresReader } from './postgres-reader';
import { canonicalDigest, canonicalRow, sameCanonicalRow, TableDigest } from './row-digest';
import { eachInSlices } from './in-slices';
import { matchByKey } from './row-matching';
import { normaliseRow, type RowValues } from './row-values';

export interface DataCopyRequest {
  readonly from: DatabaseLocation;
  readonly to: DatabaseLocation;
  readonly schemas: readonly SchemaMigrations[];
  /** `schema.table` names; all tables of the schemas when absent. */
  readonly tables?: readonly string[];
  readonly batchSize: number;
  readonly dryRun: boolean;
  readonly migrate: boolean;
  /** Who runs the copy: recorded with every tenant it writes (cross-tenant path). */
  readonly actor: string;
  readonly tokenProviderFor: TokenProviderFor;
  readonly onProgress?: (progress: { table: string; rowsRead: number; total: number }) => void;
}

/** The target's applied migrations differ from the source's. */
export class MigrationMismatchError extends Error {
  constructor(readonly differences: readonly string[]) {
    super(
      `the target is not migrated like the source:\n  ${differences.join('\n  ')}\n` +
        'apply startup and seed migrations with --migrate, release ones with `npm run migrate -- up` against the target',
    );
  }
}

const MISMATCH_SAMPLES = 5;

/** Per row of a batch (same index): the target's row as stored, and whether this copy inserted it. */
type FoundRows = { stored: Array<RowValues | undefined>; inserted: boolean[] };
const STARTUP_AND_SEED = ['startup', 'seed'] as const;

/**
 * Copies every selected table from source to target, filling `report` as it goes so a failure
 * still reports what was done. Never writes to the source; inserts only rows whose key is absent
 * from the target; digests every row on both sides.
 */
export async function runDataCopy(request: DataCopyRequest, report: CopyReport): Promise<void> {
  const names = request.schemas.map((registry) => registry.schema);
  const source = await openReader(request.from, names, request.tokenProviderFor);
  if (!source) throw new StoreConnectionError(`the source ${request.from.display} does not exist`);
  try {
    if (source instanceof PostgresReader) await source.requireAllTenants();
    const present: SchemaMigrations[] = [];
    const inSource = new Map<string, string[]>();
    for (const registry of request.schemas) {
      const applied = await source.appliedMigrations(registry.schema);
      if (applied.length > 0) {
        present.push(registry);
        inSource.set(registry.schema, applied);
      } else report.schemasAbsentInSource.push(registry.schema);
    }
    if (request.migrate && !request.dryRun) report.migrationsApplied = await migrateTarget(request, present);
    const target = await openReader(request.to, names, request.tokenProviderFor);
    try {
      const assumed = request.migrate && request.dryRun ? await pendingStartupAndSeed(target, present) : {};
      if (request.dryRun && request.migrate) report.migrationsApplied = assumed;
      await checkMigrations(inSource, target, assumed);
      const schemas = present.map((registry) => registry.schema);
      const sourceCatalog = await source.catalog(schemas);
      // Before --migrate has run (a dry run) the target's tables may not exist: plan from the source.
      const targetCatalog = target && !Object.values(assumed).some((pending) => pending.length > 0) ? await target.catalog(schemas) : null;
      const tables = planTables(sourceCatalog, targetCatalog, { schemas, tables: request.tables });
      const writer = request.dryRun ? null : await openWriter(request.to, schemas, request.tokenProviderFor);
      try {
        for (const table of tables) await copyTable(request, report, table, source, writer ? { writer } : { reader: targetCatalog?.tables.has(table.qualified) ? target : null });
      } finally {
        await writer?.close();
      }
    } finally {
      await target?.close();
    }
  } finally {
    await source.close();
  }
}

async function migrateTarget(request: DataCopyRequest, registries: readonly SchemaMigrations[]): Promise<Record<string, string[]>> {
  const store = await Store.open({ location: request.to, schemas: registries.map((r) => r.schema), poolSize: 2, tokenProvider: request.to.kind === 'postgres' ? request.tokenProviderFor(request.to) : undefined });
  try {
    const applied: Record<string, string[]> = {};
    for (const registry of registries) applied[registry.schema] = await new MigrationRunner(store, registry, { appliedBy: request.actor }).up([...STARTUP_AND_SEED]);
    return applied;
  } finally {
    await store.close();
  }
}

async function pendingStartupAndSeed(target: CopyReader | null, registries: readonly SchemaMigrations[]): Promise<Record<string, string[]>> {
  const pending: Record<string, string[]> = {};
  for (const registry of registries) {
    const applied = new Set(target ? await target.appliedMigrations(registry.schema) : []);
    pending[registry.schema] = loadRegistry(registry)
      .filter((migration) => (STARTUP_AND_SEED as readonly string[]).includes(migration.category) && !applied.has(migration.name))
      .map((migration) => migration.name);
  }
  return pending;
}

async function checkMigrations(sourceApplied: ReadonlyMap<string, string[]>, target: CopyReader | null, assumed: Record<string, string[]>): Promise<void> {
  const differences: string[] = [];
  for (const [schema, inSource] of sourceApplied) {
    const inTarget = new Set([...(target ? await target.appliedMigrations(schema) : []), ...(assumed[schema] ?? [])]);
    const lacking = inSource.filter((name) => !inTarget.has(name));
    const extra = [...inTarget].filter((name) => !inSource.includes(name)).sort();
    if (lacking.length) differences.push(`schema ${schema}: the target lacks ${lacking.join(', ')}`);
    if (extra.length) differences.push(`schema ${schema}: the target has ${extra.join(', ')}, which the source lacks`);
  }
  if (differences.length) throw new MigrationMismatchError(differences);
}

type TargetSide = { writer: CopyWriter } | { reader: CopyReader | null };

/** One table: batches in key order, the next read while the current one is written. */
async function copyTable(request: DataCopyRequest, report: CopyReport, table: CopyTable, source: CopyReader, target: TargetSide): Promise<void> {
  const started = Date.now();
  const entry: TableReport = { table: table.qualified, bulkLoad: false, rowsRead: 0, inserted: 0, skipped: 0, mismatches: 0, mismatchSamples: [], tenants: 0, sourceDigest: null, targetDigest: null, elapsedMs: 0 };
  report.tables.push(entry);
  const digests = { source: new TableDigest(), target: new TableDigest() };
  const tenants = new Set<string>();
  let bulk: BulkLoad | null = null;
  try {
    // The count only feeds progress lines: skip it when nobody watches.
    const total = request.onProgress ? await source.count(table) : 0;
    request.onProgress?.({ table: table.qualified, rowsRead: 0, total });
    const types = table.columns.map((column) => column.type);
    bulk = 'writer' in target ? await target.writer.bulkLoad(table) : null;
    entry.bulkLoad = bulk !== null;
    // Writers run ahead of verification: the oldest batch is digested while newer ones are written.
    // A bulk load queues its batches itself, in order, on its one connection.
    const inFlight = bulk ? 2 : 'writer' in target ? await target.writer.writesInFlight(table) : 1;
    const queue: Array<{ rows: RowValues[]; found: Promise<FoundRows> }> = [];
    const verifyOldest = async () => {
      const batch = queue.shift()!;
      const found = await batch.found;
      await eachInSlices(batch.rows.length, (index) => compareRow(entry, table, batch.rows[index], found.stored[index], found.inserted[index], 'writer' in target, digests));
      entry.rowsRead += batch.rows.length;
      request.onProgress?.({ table: table.qualified, rowsRead: entry.rowsRead, total });
    };
    let next = source.readBatch(table, null, request.batchSize);
    let written: Promise<unknown> = Promise.resolve();
    for (;;) {
      const raw = await next;
      if (raw.length === 0) break;
      next = raw.length < request.batchSize ? Promise.resolve([]) : source.readBatch(table, keyValues(table, raw[raw.length - 1]), request.batchSize);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
      const rows: RowValues[] = new Array(raw.length);
      await eachInSlices(raw.length, (index) => (rows[index] = normaliseRow(raw[index], types)));
      // One write at a time starts after the one before it has committed; more start at once.
      const write = () => targetRows(request, table, rows, bulk ? { bulk } : target, tenants);
      const found = inFlight === 1 ? written.then(write) : write();
      found.catch(() => undefined);
      written = found;
      queue.push({ rows, found });
      while (queue.length > inFlight) await verifyOldest();
    }
    while (queue.length > 0) await verifyOldest();
    await bulk?.finish();
  } catch (error) {
    if (bulk) {
      // Rolled back as a whole: nothing of the table was written.
      await bulk.abort();
      entry.inserted = 0;
      tenants.clear();
    }
    throw new Error(`${table.qualified}: ${rootMessage(error)}`, { cause: error });
  } finally {
    entry.elapsedMs = Date.now() - started;
  }
  entry.tenants = tenants.size;
  entry.sourceDigest = digests.source.hex();
  entry.targetDigest = 'writer' in target ? digests.target.hex() : null;
}

/** Counts one source row as inserted, skipped (equal digest) or a mismatch. */
function compareRow(
  entry: TableReport,
  table: CopyTable,
  row: RowValues,
  stored: RowValues | undefined,
  inserted: boolean,
  written: boolean,
  digests: { source: TableDigest; target: TableDigest },
): void {
  const digest = canonicalDigest(canonicalRow(row, table.columns));
  // Rows of equal canonical form have equal digests: write and hash the stored row only when it differs.
  const storedDigest = stored === undefined ? null : stored === row || sameCanonicalRow(row, stored) ? digest : canonicalDigest(canonicalRow(stored, table.columns));
  digests.source.add(digest);
  digests.target.add(storedDigest ?? '-');
  if (stored && inserted) {
    entry.inserted++;
    if (storedDigest !== digest) mismatch(entry, table, row, 'changed-on-write', digest, storedDigest);
  } else if (stored) {
    if (storedDigest === digest) entry.skipped++;
    else mismatch(entry, table, row, 'different', digest, storedDigest);
  } else if (!written) entry.inserted++;
  else mismatch(entry, table, row, 'unique-conflict', digest, null);
}

/** The driver's own words (a constraint, a refused value), under TypeORM's and our wrappers. */
function rootMessage(error: unknown): string {
  const chain = errorChain(error);
  return String(chain[chain.length - 1]?.message ?? error);
}

function mismatch(entry: TableReport, table: CopyTable, row: RowValues, kind: MismatchKind, sourceDigest: string, targetDigest: string | null): void {
  entry.mismatches++;
  if (entry.mismatchSamples.length >= MISMATCH_SAMPLES) return;
  const values = keyJson(table, row);
  entry.mismatchSamples.push({ key: Object.fromEntries(table.key.map((name, index) => [name, values[index]])), kind, sourceDigest, targetDigest });
}

/**
 * The batch's rows on the target side, by key: written through one tenant unit of work per
 * tenant (the cross-tenant path), or in a bulk load tenant by tenant within its one transaction
 * (row-level security checks each row against the tenant set for it), or in a dry run only looked up.
 */
async function targetRows(request: DataCopyRequest, table: CopyTable, rows: readonly RowValues[], target: TargetSide | { bulk: BulkLoad }, tenants: Set<string>): Promise<FoundRows> {
  const types = table.columns.map((column) => column.type);
  const byTenant = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const tenantId = String(row[table.tenantPosition]);
    if (!byTenant.has(tenantId)) byTenant.set(tenantId, []);
    byTenant.get(tenantId)!.push(index);
  });
  const found: FoundRows = { stored: new Array(rows.length), inserted: new Array(rows.length).fill(false) };
  const placeRaw = (indices: readonly number[], raws: readonly unknown[][], inserted: boolean) => {
    for (const [index, row] of matchByKey(table, rows, indices, raws.map((raw) => normaliseRow(raw, types)))) {
      found.stored[index] = row;
      found.inserted[index] = inserted;
    }
  };
  const place = (indices: readonly number[], outcome: WriteOutcome) => {
    // Stored as written: the stored row is the row itself.
    for (const position of outcome.unchanged) {
      found.stored[indices[position]] = rows[indices[position]];
      found.inserted[indices[position]] = true;
    }
    placeRaw(indices, outcome.inserted, true);
    placeRaw(indices, outcome.existing, false);
  };
  if ('bulk' in target) {
    const groups = [...byTenant];
    const outcomes = await Promise.all(groups.map(([tenantId, indices]) => target.bulk.write(tenantId, indices.map((index) => rows[index]))));
    outcomes.forEach((outcome, group) => {
      const [tenantId, indices] = groups[group];
      place(indices, outcome);
      tenants.add(tenantId);
    });
  } else if ('writer' in target) {
    const outcomes = await forEachTenant(
      target.writer.storeFor(table.schema),
      { actor: request.actor, reason: `data copy of ${table.qualified} from ${request.from.display}`, tenantIds: [...byTenant.keys()] },
      (scope) => target.writer.write(scope, table, byTenant.get(scope.tenantId)!.map((index) => rows[index])),
      (event) => {
        if (event.event === 'tenant-done' && event.tenantId) tenants.add(event.tenantId);
      },
    );
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      place(byTenant.get(outcome.tenantId)!, outcome.value);
    }
  } else if (target.reader) {
    for (const [tenantId, indices] of byTenant) placeRaw(indices, await target.reader.fetchByKeys(table, tenantId, indices.map((index) => keyValues(table, rows[index]))), false);
  }
  return found;
}
