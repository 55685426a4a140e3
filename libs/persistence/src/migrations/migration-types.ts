/**
 * What a migration runs its statements on: TypeORM's QueryRunner, seen through the one method and
 * the one setting migrations use, so no migration depends on TypeORM.
 */
export interface MigrationQueryRunner {
  query(statement: string, parameters?: unknown[]): Promise<unknown>;
  readonly connection: { readonly options: { readonly type: string } };
}

/**
 * A schema migration: a TypeORM migration class whose `name` decides its category. Forward-only:
 * no `down`. `transaction = false` declares statements that cannot run inside a transaction
 * (`CREATE INDEX CONCURRENTLY`); such a migration is applied without one.
 */
export interface SchemaMigration {
  readonly name: string;
  readonly transaction?: boolean;
  up(queryRunner: MigrationQueryRunner): Promise<void>;
}

export interface DataBatchResult {
  /** Where the next batch starts; `null` when everything is processed. */
  readonly checkpoint: string | null;
  readonly processed: number;
}

/**
 * A data migration (`DMnnn_...`): batched and resumable. Each batch runs in its own transaction
 * together with its checkpoint, so a crash resumes after the last committed batch and no row is
 * processed twice.
 */
export interface DataMigration {
  readonly name: string;
  readonly batchSize?: number;
  runBatch(queryRunner: MigrationQueryRunner, checkpoint: string | null, batchSize: number): Promise<DataBatchResult>;
}

export type MigrationClass = new () => SchemaMigration | DataMigration;

/** What `migrations/<schema>/index.ts` exports: the schema and its migrations, listed explicitly. */
export interface SchemaMigrations {
  readonly schema: string;
  readonly migrations: readonly MigrationClass[];
  /**
   * Tables with a `tenant_id` column that deliberately have no row-level security (a registry
   * of tenant ids, say). The RLS lint accepts exactly these; each needs a documented reason.
   */
  readonly rlsExempt?: readonly string[];
  /**
   * Tables whose rows are history (append-only, guarded by triggers): a data copy's reconcile
   * mode never rewrites them, it reports their differences.
   */
  readonly history?: readonly string[];
}

export function isDataMigration(migration: SchemaMigration | DataMigration): migration is DataMigration {
  return typeof (migration as DataMigration).runBatch === 'function';
}

/** The dialect a migration runs against, for the few statements that differ. */
export function dialectOf(queryRunner: MigrationQueryRunner): 'postgres' | 'sqlite' {
  return queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}
