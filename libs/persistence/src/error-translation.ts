import { StoreConflictError, StoreConnectionError, StoreError, StoreTimeoutError, StoreTransientError } from './errors';
import { TenantIsolationViolationError } from './tenancy/tenant-isolation-error';
import { errorChain, isConnectionFault, isPoolTimeout, isTransientError, sqlState } from './transient';

/**
 * Turns a driver or TypeORM failure into a typed StoreError. The original stays as `cause`
 * for logs; the message never carries SQL, parameters or credentials.
 */
export function translateStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const state = sqlState(error) ?? sqliteConstraintState(error);
  const constraint = errorChain(error).find((link) => typeof link.constraint === 'string')?.constraint as string | undefined;
  if (state === '42501' && errorChain(error).some((link) => /row-level security/.test(String(link.message)))) {
    return new TenantIsolationViolationError('row-level security refused a row outside the tenant in context', { cause: error });
  }
  if (state?.startsWith('23')) {
    return new StoreConflictError(conflictMessage(state, constraint), constraint, { cause: error });
  }
  if (state === '57014') return new StoreTimeoutError('the database statement ran past the statement timeout and was cancelled', { cause: error });
  if (isPoolTimeout(error)) return new StoreTimeoutError('no database connection became free within the pool timeout', { cause: error });
  if (isConnectionFault(error)) return new StoreConnectionError('the database could not be reached', { cause: error });
  if (isTransientError(error)) return new StoreTransientError('the database was busy; the operation was retried and still failed', { cause: error });
  return error;
}

/** SQLite reports constraint kinds only in its message; give them PostgreSQL's SQLSTATEs. */
function sqliteConstraintState(error: unknown): string | undefined {
  const link = errorChain(error).find((candidate) => String(candidate.code ?? '').startsWith('SQLITE_CONSTRAINT'));
  if (!link) return undefined;
  const message = String(link.message ?? '');
  if (/UNIQUE|PRIMARY KEY/.test(message)) return '23505';
  if (/FOREIGN KEY/.test(message)) return '23503';
  if (/NOT NULL/.test(message)) return '23502';
  if (/CHECK/.test(message)) return '23514';
  return '23000';
}

function conflictMessage(state: string, constraint: string | undefined): string {
  const what = constraint ? ` (${constraint})` : '';
  switch (state) {
    case '23505':
      return `a record with the same unique key already exists${what}`;
    case '23503':
      return `the record references, or is referenced by, a record that does not allow it${what}`;
    default:
      return `the change violates a data constraint${what}`;
  }
}
