import { StoreError } from '../errors';

/** Migration failures stop a boot or a CLI run; none of them is an HTTP client's concern. */
abstract class MigrationError extends StoreError {
  readonly status = 500;
  readonly title = 'Migrations';
  override readonly exposeDetail = false;
}

export class InvalidMigrationNameError extends MigrationError {
  readonly problemType = 'invalid-migration-name';
  constructor(
    readonly offender: unknown,
    reason: string,
  ) {
    super(`invalid migration name ${JSON.stringify(offender ?? null)}: ${reason}`);
  }
}

export class MigrationRegistryError extends MigrationError {
  readonly problemType = 'invalid-migration-registry';
}

export class MigrationChecksumMismatchError extends MigrationError {
  readonly problemType = 'migration-checksum-mismatch';
  constructor(
    readonly schema: string,
    readonly mismatches: ReadonlyArray<{ name: string; stored: string; current: string }>,
  ) {
    super(
      `schema "${schema}": ${mismatches.length} applied migration(s) changed since they were applied: ` +
        mismatches.map((m) => `${m.name} (stored ${m.stored}, current ${m.current})`).join('; ') +
        `. Restore the original migration, or accept the change deliberately with: npm run migrate -- repair --schema ${schema}`,
    );
  }
}

export class PendingReleaseMigrationsError extends MigrationError {
  readonly problemType = 'pending-release-migrations';
  constructor(
    readonly schema: string,
    readonly pending: readonly string[],
  ) {
    super(
      `schema "${schema}" has ${pending.length} pending release migration(s): ${pending.join(', ')}. ` +
        `Apply them with: npm run migrate -- up --category release --schema ${schema} ` +
        '(or set MIGRATIONS_PENDING_RELEASE=warn to start anyway).',
    );
  }
}

export class OutOfOrderMigrationError extends MigrationError {
  readonly problemType = 'out-of-order-migration';
  constructor(
    readonly schema: string,
    readonly offenders: ReadonlyArray<{ name: string; after: string }>,
  ) {
    super(
      `schema "${schema}": ${offenders.map((o) => `${o.name} arrived after ${o.after} was applied`).join('; ')}. ` +
        'Renumber it after the last applied migration, or allow it explicitly (MIGRATIONS_ALLOW_OUT_OF_ORDER=true / --allow-out-of-order).',
    );
  }
}

export class MigrationLockTimeoutError extends MigrationError {
  readonly problemType = 'migration-lock-timeout';
  constructor(
    readonly schema: string,
    readonly timeoutMs: number,
  ) {
    super(`schema "${schema}": another process held the migration lock for more than ${timeoutMs} ms; try again, or raise MIGRATIONS_LOCK_TIMEOUT_MS`);
  }
}

export class MigrationPartialFailureError extends MigrationError {
  readonly problemType = 'migration-failed';
  constructor(
    readonly schema: string,
    readonly applied: readonly string[],
    readonly failed: string,
    readonly reason: string,
    cause: unknown,
  ) {
    super(
      `schema "${schema}": migration ${failed} failed and was rolled back (${reason}). ` +
        `Applied in this run: ${applied.length ? applied.join(', ') : 'none'}. Fix it and run again; applied migrations are not repeated.`,
      { cause },
    );
  }
}
