import type { CopyTable } from './copy-catalog';
import { copyTextLine } from './copy-text';
import { canonicalDigest, canonicalRow } from './row-digest';
import { normaliseRow, type RowValues } from './row-values';
import { parseRows } from './sqlite-rows';

/**
 * Up to a batch's worth of source rows in key order, as the source handed them over: SQLite's
 * rows as one JSON text (sqlite-rows.ts), PostgreSQL's as the driver's arrays. `lastKey` is where
 * the next batch starts; null when this one was the last.
 */
export type SourceBatch = { readonly count: number; readonly lastKey: readonly unknown[] | null } & (
  { readonly json: string } | { readonly rows: unknown[][] }
);

/** Length of one line of `PreparedBatch.digests`: 64 hex digits and a newline. */
export const DIGEST_LINE = 65;

/** One tenant's rows of a batch: their positions in it, and their COPY text (copy-text.ts), newline-terminated lines. */
export interface TenantGroup {
  readonly tenantId: string;
  readonly positions: readonly number[];
  readonly copyText: Buffer;
}

/** What the copy needs of a batch before it writes: each row's digest, and its rows grouped by tenant. */
export interface PreparedBatch {
  /** Each row's digest in hex, a line each, in batch order (the lines a table digest hashes). */
  readonly digests: string;
  readonly groups: readonly TenantGroup[];
}

/** The batch's rows in `table.columns` order, normalised (row-values.ts). */
export function sourceRows(table: CopyTable, batch: SourceBatch): RowValues[] {
  const types = table.columns.map((column) => column.type);
  return ('json' in batch ? parseRows(batch.json) : batch.rows).map((raw) => normaliseRow(raw, types));
}

/** A row's digest, out of a prepared batch. */
export function rowDigestAt(prepared: PreparedBatch, index: number): string {
  return prepared.digests.slice(index * DIGEST_LINE, index * DIGEST_LINE + DIGEST_LINE - 1);
}

/**
 * Digests every row and writes each tenant's rows as COPY text. This is most of the copy's own
 * work per row, so it runs on a worker thread (batch-preparer.ts) while the main thread talks to
 * the databases.
 */
export function prepareBatch(table: CopyTable, batch: SourceBatch): PreparedBatch {
  const rows = sourceRows(table, batch);
  const types = table.columns.map((column) => column.type);
  const byTenant = new Map<string, { positions: number[]; lines: string[] }>();
  const digests: string[] = new Array(rows.length);
  rows.forEach((row, position) => {
    digests[position] = canonicalDigest(canonicalRow(row, table.columns));
    const tenantId = String(row[table.tenantPosition]);
    let group = byTenant.get(tenantId);
    if (!group) byTenant.set(tenantId, (group = { positions: [], lines: [] }));
    group.positions.push(position);
    group.lines.push(copyTextLine(row, types));
  });
  return {
    digests: rows.length === 0 ? '' : `${digests.join('\n')}\n`,
    groups: [...byTenant].map(([tenantId, group]) => ({ tenantId, positions: group.positions, copyText: Buffer.from(`${group.lines.join('\n')}\n`) })),
  };
}
