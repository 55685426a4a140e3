import { parseDatabaseUrl, type DatabaseLocation } from './database-url';
import { EntraTokenProvider, DEFAULT_REFRESH_MARGIN_MS } from './azure/entra-token-provider';
import { ConfigurationError } from './errors';
import { readBoolean, readChoice, readPositiveInt } from './env';
import { DEFAULT_POOL_SIZE, DEFAULT_POOL_TIMEOUT_MS } from './data-source-options';

export interface PersistenceConfig {
  /** Where requests connect (`DATABASE_URL`); on PostgreSQL they act as the module's app role. */
  readonly location: DatabaseLocation;
  /** Where schema changes run as the schema owner (`MIGRATION_DATABASE_URL`, default `DATABASE_URL`). */
  readonly migrationLocation: DatabaseLocation;
  readonly useManagedIdentity: boolean;
  readonly managedIdentityClientId?: string;
  readonly tokenRefreshMarginMs: number;
  readonly poolSize: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  readonly poolTimeoutMs: number;
  /** Longest statement a request may run (PostgreSQL `statement_timeout`); migrations have none. */
  readonly statementTimeoutMs: number;
  readonly migrations: {
    /** `refuse`: a pending release migration stops the boot; `warn`: boot, and readiness lists it. */
    readonly pendingRelease: 'refuse' | 'warn';
    readonly lockTimeoutMs: number;
    readonly allowOutOfOrder: boolean;
    /** Run pending data migrations in the background after boot. */
    readonly runDataInBackground: boolean;
  };
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Reads and checks the persistence settings; anything wrong fails here, at boot. */
export function readPersistenceConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PersistenceConfig {
  const location = parseDatabaseUrl(env.DATABASE_URL, cwd);
  const migrationLocation = env.MIGRATION_DATABASE_URL?.trim() ? parseDatabaseUrl(env.MIGRATION_DATABASE_URL, cwd, 'MIGRATION_DATABASE_URL') : location;
  if (migrationLocation.kind !== location.kind) {
    throw new ConfigurationError('MIGRATION_DATABASE_URL and DATABASE_URL must name the same kind of database (both PostgreSQL or both SQLite).');
  }
  const flag = readBoolean(env, 'POSTGRES_USE_MANAGED_IDENTITY');
  const useManagedIdentity = flag || (location.kind === 'postgres' && location.managedIdentityRequested);
  if (useManagedIdentity && location.kind !== 'postgres') {
    throw new ConfigurationError('POSTGRES_USE_MANAGED_IDENTITY=true needs a postgres:// DATABASE_URL; SQLite has no identities.');
  }
  return {
    location,
    migrationLocation,
    useManagedIdentity,
    managedIdentityClientId: env.AZURE_CLIENT_ID || undefined,
    tokenRefreshMarginMs: readPositiveInt(env, 'DATABASE_TOKEN_REFRESH_MARGIN_SECONDS', DEFAULT_REFRESH_MARGIN_MS / 1000) * 1000,
    poolSize: readPositiveInt(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE),
    poolTimeoutMs: readPositiveInt(env, 'DATABASE_POOL_TIMEOUT_MS', DEFAULT_POOL_TIMEOUT_MS),
    statementTimeoutMs: readPositiveInt(env, 'DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
    migrations: {
      pendingRelease: readChoice(env, 'MIGRATIONS_PENDING_RELEASE', ['refuse', 'warn'] as const, 'refuse'),
      lockTimeoutMs: readPositiveInt(env, 'MIGRATIONS_LOCK_TIMEOUT_MS', 60_000),
      allowOutOfOrder: readBoolean(env, 'MIGRATIONS_ALLOW_OUT_OF_ORDER'),
      runDataInBackground: readBoolean(env, 'MIGRATIONS_RUN_DATA'),
    },
  };
}

export function tokenProviderFor(config: PersistenceConfig): EntraTokenProvider | undefined {
  if (!config.useManagedIdentity) return undefined;
  return new EntraTokenProvider({ managedIdentityClientId: config.managedIdentityClientId, refreshMarginMs: config.tokenRefreshMarginMs });
}
