/** The JSON report of a copy run: always printed, on success and on failure. */
import { CLI_EXIT } from '../cli-exit';

/** The suite's exit codes, named as data-copy meets them. */
export const EXIT = {
  ok: CLI_EXIT.ok,
  mismatches: CLI_EXIT.problems,
  unreachable: CLI_EXIT.unreachable,
  usage: CLI_EXIT.usage,
  notMigrated: CLI_EXIT.notReady,
  failed: CLI_EXIT.failed,
} as const;

export const EXIT_MEANINGS: Readonly<Record<number, string>> = {
  [EXIT.ok]: 'ok: every source row is in the target with an equal digest',
  [EXIT.mismatches]: 'digest mismatches: target rows with a source key but other content, none overwritten',
  [EXIT.unreachable]: 'the source or the target could not be reached',
  [EXIT.usage]: 'bad arguments',
  [CLI_EXIT.configuration]: 'configuration error',
  [EXIT.notMigrated]: 'the target is not migrated like the source',
  [EXIT.failed]: 'failed: see error',
};

export type MismatchKind =
  /** The target already held a row with this key and other content. */
  | 'different'
  /** The row was inserted, but what the target stored digests differently (a value changed on the way). */
  | 'changed-on-write'
  /** The key is absent from the target, yet the row was refused by another unique constraint. */
  | 'unique-conflict';

export interface MismatchSample {
  readonly key: Record<string, unknown>;
  readonly kind: MismatchKind;
  readonly sourceDigest: string;
  readonly targetDigest: string | null;
}

export interface TableReport {
  readonly table: string;
  /** Loaded into an empty table in one transaction, indexes and foreign keys built after the rows. */
  bulkLoad: boolean;
  rowsRead: number;
  /** In a dry run: the rows that would be inserted. */
  inserted: number;
  /** Already in the target with an equal digest. */
  skipped: number;
  /** Reconcile: in the target with other content, rewritten from the source (now equal). */
  updated: number;
  mismatches: number;
  /** The first few mismatching keys. */
  readonly mismatchSamples: MismatchSample[];
  /** Tenants whose units of work wrote this table. */
  tenants: number;
  /** SHA-256 over the row digests in key order, on each side (target: null in a dry run). */
  sourceDigest: string | null;
  targetDigest: string | null;
  elapsedMs: number;
}

export interface CopyTotals {
  rowsRead: number;
  inserted: number;
  skipped: number;
  updated: number;
  mismatches: number;
}

export interface CopyReport {
  readonly source: string;
  readonly target: string;
  readonly dryRun: boolean;
  readonly batchSize: number;
  readonly startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  /** Migrations `--migrate` applied to the target (or, in a dry run, would apply), by schema. */
  migrationsApplied: Record<string, string[]>;
  /** Selected schemas with no migrations in the source: nothing to copy. */
  schemasAbsentInSource: string[];
  readonly tables: TableReport[];
  readonly totals: CopyTotals;
  exitCode: number;
  exitMeaning: string;
  error?: string;
}

export function newReport(source: string, target: string, dryRun: boolean, batchSize: number): CopyReport {
  return {
    source,
    target,
    dryRun,
    batchSize,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    elapsedMs: 0,
    migrationsApplied: {},
    schemasAbsentInSource: [],
    tables: [],
    totals: { rowsRead: 0, inserted: 0, skipped: 0, updated: 0, mismatches: 0 },
    exitCode: EXIT.ok,
    exitMeaning: EXIT_MEANINGS[EXIT.ok],
  };
}

export function finishReport(report: CopyReport, exitCode: number, error?: string): CopyReport {
  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.elapsedMs = finished.getTime() - Date.parse(report.startedAt);
  for (const key of Object.keys(report.totals) as Array<keyof CopyTotals>) report.totals[key] = report.tables.reduce((sum, table) => sum + table[key], 0);
  report.exitCode = exitCode;
  report.exitMeaning = EXIT_MEANINGS[exitCode];
  if (error !== undefined) report.error = error;
  return report;
}
