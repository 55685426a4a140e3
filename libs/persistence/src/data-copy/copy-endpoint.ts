import type { TenantScope } from '../tenancy/tenant-unit-of-work';
import type { Store } from '../store';
import type { Catalog, CopyTable } from './copy-catalog';
import type { RowValues } from './row-values';
import type { SourceBatch } from './source-batch';

/**
 * A database the copy reads: the source, and in a dry run the target too. Reads never write,
 * and the source is read in one snapshot (one read-only transaction for the whole run).
 */
export interface CopyReader {
  /** The URL with its password redacted. */
  readonly display: string;
  catalog(schemas: readonly string[]): Promise<Catalog>;
  /** Names of the migrations applied to the schema (none when the schema is absent). */
  appliedMigrations(schema: string): Promise<string[]>;
  count(table: CopyTable): Promise<number>;
  /** Up to `limit` rows after the key `after` (the previous batch's `lastKey`), in key order. */
  readBatch(table: CopyTable, after: readonly unknown[] | null, limit: number): Promise<SourceBatch>;
  /** The rows of the given keys (normalised key values), read as the tenant. */
  fetchByKeys(table: CopyTable, tenantId: string, keys: readonly RowValues[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/**
 * What a batch found in the target: the rows it inserted and those already there, as stored
 * (driver values, in `table.columns` order). An inserted row the target is known to store exactly
 * as written is named by its position in the rows written instead.
 */
export interface WriteOutcome {
  readonly unchanged: readonly number[];
  readonly inserted: unknown[][];
  readonly existing: unknown[][];
  /** Rows that were there with other content and were rewritten from the source (reconcile). */
  readonly updated?: number;
}

/** One tenant's rows of a batch: as COPY text (newline-terminated lines, copy-text.ts) and, made on demand, as values. */
export interface TenantRows {
  readonly count: number;
  readonly copyText: Buffer;
  rows(): readonly RowValues[];
}

/** A database the copy writes, through tenant units of work on the schema's store. */
export interface CopyWriter {
  storeFor(schema: string): Store;
  /** How many batches of the table may be written at once (1 keeps them in key order). */
  writesInFlight(table: CopyTable): Promise<number>;
  /**
   * Inserts the rows whose keys are absent, in key order; with `reconcile`, first rewrites the
   * rows present with other content to the source's. Never deletes.
   */
  write(scope: TenantScope, table: CopyTable, rows: TenantRows, reconcile: boolean): Promise<WriteOutcome>;
  /**
   * A table whose target is empty, loaded in one transaction with its secondary indexes and
   * foreign keys built after the rows, as pg_restore loads; null where batches go through tenant
   * units of work one by one (a table already holding rows, a writer that cannot rebuild it).
   */
  bulkLoad(table: CopyTable): Promise<BulkLoad | null>;
  close(): Promise<void>;
}

/** One table's load in one transaction: all of it commits, or none of it. */
export interface BulkLoad {
  /** Inserts one tenant's rows of a batch, in key order, each checked by row-level security as that tenant. */
  write(tenantId: string, rows: TenantRows): Promise<WriteOutcome>;
  /** Builds the deferred indexes and foreign keys (checking every row against them), then commits. */
  finish(): Promise<void>;
  /** Rolls back: the table is as it was, empty, with every index and key. */
  abort(): Promise<void>;
}
