import { StoreConnectionError } from '../errors';
import { errorChain } from '../transient';
import { loadRegistry } from '../migrations/migration-registry';
import { MigrationRunner } from '../migrations/migration-runner';
import type { SchemaMigrations } from '../migrations/migration-types';
import type { DatabaseLocation } from '../database-url';
import { Store } from '../store';
import { forEachTenant } from '../tenancy/cross-tenant';
import { type CopyTable, keyJson, keyValues, planTables } from './copy-catalog';
import { openReader, openWriter, type TokenProviderFor } from './copy-connections';
import { BatchPreparer } from './batch-preparer';
import { type BulkLoad, type CopyReader, type CopyWriter, type TenantRows, type WriteOutcome } from './copy-endpoint';
import type { CopyReport, MismatchKind, TableReport } from './copy-report';
import { PostgresReader } from './postgres-reader';
import { canonicalDigest, canonicalRow, sameCanonicalRow, TableDigest } from './row-digest';
import { eachInSlices } from './in-slices';
import { matchByKey } from './row-matching';
import { normaliseRow, type RowValues } from './row-values';
import { type PreparedBatch, rowDigestAt, type SourceBatch, sourceRows, type TenantGroup } from './source-batch';

export interface DataCopyRequest {
  readonly from: DatabaseLocation;
  readonly to: DatabaseLocation;
  readonly schemas: readonly SchemaMigrations[];
  /** `schema.table` names; all tables of the schemas when absent. */
  readonly tables?: readonly string[];
  readonly batchSize: number;
  readonly dryRun: boolean;
  readonly migrate: boolean;
  /** Rewrite target rows whose content differs from the source's, history tables excepted. */
  readonly reconcile?: boolean;
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
      const writer = request.dryRun ? null : await openWriter(request.to, present, request.tokenProviderFor);
      const preparer = new BatchPreparer();
      try {
        for (const table of tables)
          await copyTable(
            request,
            report,
            table,
            source,
            writer ? { writer } : { reader: targetCatalog?.tables.has(table.qualified) ? target : null },
            preparer,
          );
      } finally {
        await preparer.close();
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
  const store = await Store.open({
    location: request.to,
    schemas: registries.map((r) => r.schema),
    poolSize: 2,
    tokenProvider: request.to.kind === 'postgres' ? request.tokenProviderFor(request.to) : undefined,
  });
  try {
    const applied: Record<string, string[]> = {};
    for (const registry of registries)
      applied[registry.schema] = await new MigrationRunner(store, registry, { appliedBy: request.actor }).up([...STARTUP_AND_SEED]);
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

/**
 * Per batch, what the target holds for each row: unless every row was inserted exactly as read,
 * the rows (normalised), and per row the target's row as stored and whether this copy inserted it.
 */
type FoundRows =
  { allUnchanged: true } | { allUnchanged: false; rows: readonly RowValues[]; stored: Array<RowValues | undefined>; inserted: boolean[]; updated: number };

/** One table: batches in key order, the next read while the current one is prepared and written. */
async function copyTable(
  request: DataCopyRequest,
  report: CopyReport,
  table: CopyTable,
  source: CopyReader,
  target: TargetSide,
  preparer: BatchPreparer,
): Promise<void> {
  const started = Date.now();
  const entry: TableReport = {
    table: table.qualified,
    bulkLoad: false,
    rowsRead: 0,
    inserted: 0,
    skipped: 0,
    updated: 0,
    mismatches: 0,
    mismatchSamples: [],
    tenants: 0,
    sourceDigest: null,
    targetDigest: null,
    elapsedMs: 0,
  };
  report.tables.push(entry);
  const digests = { source: new TableDigest(), target: new TableDigest() };
  const tenants = new Set<string>();
  let bulk: BulkLoad | null = null;
  try {
    // The count only feeds progress lines: skip it when nobody watches.
    const total = request.onProgress ? await source.count(table) : 0;
    request.onProgress?.({ table: table.qualified, rowsRead: 0, total });
    bulk = 'writer' in target ? await target.writer.bulkLoad(table) : null;
    entry.bulkLoad = bulk !== null;
    // Writers run ahead of verification: the oldest batch is checked while newer ones are written.
    // A bulk load queues its batches itself, in order, on its one connection.
    const inFlight = bulk ? 2 : 'writer' in target ? await target.writer.writesInFlight(table) : 1;
    const queue: Array<{ count: number; prepared: Promise<PreparedBatch>; found: Promise<FoundRows> }> = [];
    const verifyOldest = async () => {
      const batch = queue.shift()!;
      const [prepared, found] = await Promise.all([batch.prepared, batch.found]);
      if (found.allUnchanged) {
        entry.inserted += batch.count;
        digests.source.addLines(prepared.digests);
        digests.target.addLines(prepared.digests);
      } else {
        await eachInSlices(batch.count, (index) =>
          compareRow(entry, table, found.rows[index], rowDigestAt(prepared, index), found.stored[index], found.inserted[index], 'writer' in target, digests),
        );
        // Rewritten rows now match the source, so the comparison counted them as skipped.
        entry.updated += found.updated;
        entry.skipped -= found.updated;
      }
      entry.rowsRead += batch.count;
      request.onProgress?.({ table: table.qualified, rowsRead: entry.rowsRead, total });
    };
    let next = source.readBatch(table, null, request.batchSize);
    let written: Promise<unknown> = Promise.resolve();
    for (;;) {
      const batch = await next;
      if (batch.count === 0) break;
      next = batch.lastKey ? source.readBatch(table, batch.lastKey, request.batchSize) : Promise.resolve({ rows: [], count: 0, lastKey: null });
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
      const prepared = preparer.prepare(table, batch);
      prepared.catch(() => undefined);
      // One write at a time starts after the one before it has committed; more start at once.
      const write = async () => targetRows(request, table, batch, await prepared, bulk ? { bulk } : target, tenants);
      const found = inFlight === 1 ? written.then(write) : write();
      found.catch(() => undefined);
      written = found;
      queue.push({ count: batch.count, prepared, found });
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

/** Reconcile rewrites a table's rows unless they are history (the schema's registry names those). */
function reconciles(request: DataCopyRequest, table: CopyTable): boolean {
  return request.reconcile === true && !request.schemas.some((schema) => schema.schema === table.schema && schema.history?.includes(table.name));
}

/** Counts one source row as inserted, skipped (equal digest) or a mismatch. */
function compareRow(
  entry: TableReport,
  table: CopyTable,
  row: RowValues,
  digest: string,
  stored: RowValues | undefined,
  inserted: boolean,
  written: boolean,
  digests: { source: TableDigest; target: TableDigest },
): void {
  // Rows of equal canonical form have equal digests: write and hash the stored row only when it differs.
  const storedDigest =
    stored === undefined ? null : stored === row || sameCanonicalRow(row, stored) ? digest : canonicalDigest(canonicalRow(stored, table.columns));
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
 * (row-level security checks each row against the tenant set for it), or in a dry run only looked
 * up. The rows are parsed on this thread only when a check needs them.
 */
async function targetRows(
  request: DataCopyRequest,
  table: CopyTable,
  batch: SourceBatch,
  prepared: PreparedBatch,
  target: TargetSide | { bulk: BulkLoad },
  tenants: Set<string>,
): Promise<FoundRows> {
  let rows: RowValues[] | null = null;
  const allRows = () => (rows ??= sourceRows(table, batch));
  const groups = new Map(prepared.groups.map((group) => [group.tenantId, group]));
  const tenantRows = (group: TenantGroup): TenantRows => ({
    count: group.positions.length,
    copyText: group.copyText,
    rows: () => group.positions.map((position) => allRows()[position]),
  });
  const outcomes = new Map<string, WriteOutcome>();
  if ('bulk' in target) {
    const written = await Promise.all(prepared.groups.map((group) => target.bulk.write(group.tenantId, tenantRows(group))));
    written.forEach((outcome, index) => outcomes.set(prepared.groups[index].tenantId, outcome));
  } else if ('writer' in target) {
    const done = await forEachTenant(
      target.writer.storeFor(table.schema),
      { actor: request.actor, reason: `data copy of ${table.qualified} from ${request.from.display}`, tenantIds: [...groups.keys()] },
      (scope) => target.writer.write(scope, table, tenantRows(groups.get(scope.tenantId)!), reconciles(request, table)),
      () => undefined,
    );
    for (const outcome of done) {
      if (!outcome.ok) throw outcome.error;
      outcomes.set(outcome.tenantId, outcome.value);
    }
  } else if (target.reader) {
    for (const group of prepared.groups) {
      const keys = group.positions.map((position) => keyValues(table, allRows()[position]));
      outcomes.set(group.tenantId, { unchanged: [], inserted: [], existing: await target.reader.fetchByKeys(table, group.tenantId, keys) });
    }
  }
  if ('writer' in target || 'bulk' in target) for (const tenantId of groups.keys()) tenants.add(tenantId);
  if (outcomes.size > 0 && [...outcomes].every(([tenantId, outcome]) => outcome.unchanged.length === groups.get(tenantId)!.positions.length))
    return { allUnchanged: true };

  const found = {
    allUnchanged: false as const,
    rows: allRows(),
    stored: new Array<RowValues | undefined>(batch.count),
    inserted: new Array<boolean>(batch.count).fill(false),
    updated: [...outcomes.values()].reduce((sum, outcome) => sum + (outcome.updated ?? 0), 0),
  };
  const types = table.columns.map((column) => column.type);
  const placeRaw = (positions: readonly number[], raws: readonly unknown[][], inserted: boolean) => {
    for (const [index, row] of matchByKey(
      table,
      found.rows,
      positions,
      raws.map((raw) => normaliseRow(raw, types)),
    )) {
      found.stored[index] = row;
      found.inserted[index] = inserted;
    }
  };
  for (const [tenantId, outcome] of outcomes) {
    const positions = groups.get(tenantId)!.positions;
    // Stored as written: the stored row is the row itself.
    for (const position of outcome.unchanged) {
      found.stored[positions[position]] = found.rows[positions[position]];
      found.inserted[positions[position]] = true;
    }
    placeRaw(positions, outcome.inserted, true);
    placeRaw(positions, outcome.existing, false);
  }
  return found;
}
