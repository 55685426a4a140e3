import type { QueryRunner } from 'typeorm';
import type { MigrationCategory } from './migration-name';
import { type Dialect } from '../database-url';

export interface HistoryRow {
  readonly name: string;
  readonly category: MigrationCategory;
  readonly checksum: string;
  readonly appliedAt: string;
  readonly appliedBy: string;
  readonly durationMs: number;
  readonly repairedAt: string | null;
  readonly repairedBy: string | null;
  readonly baseline: boolean;
}

export interface DataProgressRow {
  readonly name: string;
  readonly checkpoint: string | null;
  readonly processed: number;
  readonly batches: number;
}

/** `$1` placeholders for PostgreSQL become `?1` for SQLite, so one statement text serves both. */
export function bind(dialect: Dialect, sql: string): string {
  return dialect === 'sqlite' ? sql.replace(/\$(\d+)/g, '?$1') : sql;
}

/** The history tables: the same DDL on both backends (SQLite accepts these type names). */
export function historyDdl(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
       name text PRIMARY KEY, category text NOT NULL, checksum text NOT NULL,
       applied_at timestamptz NOT NULL, applied_by text NOT NULL, duration_ms integer NOT NULL,
       repaired_at timestamptz, repaired_by text, baseline boolean NOT NULL DEFAULT false)`,
    `CREATE TABLE IF NOT EXISTS "${schema}".schema_data_migrations (
       name text PRIMARY KEY, checkpoint text, processed bigint NOT NULL DEFAULT 0, batches integer NOT NULL DEFAULT 0,
       started_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`,
  ];
}

export function insertHistorySql(dialect: Dialect, schema: string): string {
  return bind(
    dialect,
    `INSERT INTO "${schema}".schema_migrations (name, category, checksum, applied_at, applied_by, duration_ms, baseline) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  );
}

export async function historyExists(queryRunner: QueryRunner, dialect: Dialect, schema: string): Promise<boolean> {
  const rows: Array<{ present: unknown }> =
    dialect === 'postgres'
      ? await queryRunner.query('SELECT to_regclass($1) IS NOT NULL AS present', [`"${schema}".schema_migrations`])
      : await queryRunner.query(`SELECT count(*) > 0 AS present FROM "${schema}".sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`);
  return rows[0]?.present === true || rows[0]?.present === 1;
}

export async function readHistory(queryRunner: QueryRunner, dialect: Dialect, schema: string): Promise<HistoryRow[]> {
  if (!(await historyExists(queryRunner, dialect, schema))) return [];
  const rows: Array<Record<string, unknown>> = await queryRunner.query(
    `SELECT name, category, checksum, applied_at, applied_by, duration_ms, repaired_at, repaired_by, baseline FROM "${schema}".schema_migrations ORDER BY applied_at, name`,
  );
  return rows.map((row) => ({
    name: String(row.name),
    category: row.category as MigrationCategory,
    checksum: String(row.checksum),
    appliedAt: new Date(row.applied_at as string).toISOString(),
    appliedBy: String(row.applied_by),
    durationMs: Number(row.duration_ms),
    repairedAt: row.repaired_at ? new Date(row.repaired_at as string).toISOString() : null,
    repairedBy: (row.repaired_by as string | null) ?? null,
    baseline: row.baseline === true || row.baseline === 1,
  }));
}

export async function readDataProgress(queryRunner: QueryRunner, dialect: Dialect, schema: string): Promise<DataProgressRow[]> {
  if (!(await historyExists(queryRunner, dialect, schema))) return [];
  const rows: Array<Record<string, unknown>> = await queryRunner.query(
    `SELECT name, checkpoint, processed, batches FROM "${schema}".schema_data_migrations ORDER BY name`,
  );
  return rows.map((row) => ({
    name: String(row.name),
    checkpoint: (row.checkpoint as string | null) ?? null,
    processed: Number(row.processed),
    batches: Number(row.batches),
  }));
}
