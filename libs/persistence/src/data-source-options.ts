import { parse as parseConnectionString } from 'pg-connection-string';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseLocation, PostgresLocation, SqliteLocation } from './database-url';
import type { EntraTokenProvider } from './azure/entra-token-provider';
import { ConfigurationError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

export interface ConnectionSettings {
  readonly location: DatabaseLocation;
  readonly entities?: EntityList;
  /** PostgreSQL pool size per (URL, role). */
  readonly poolSize?: number;
  readonly applicationName?: string;
  /** Entra ID tokens as the PostgreSQL password (managed identity). */
  readonly tokenProvider?: EntraTokenProvider;
  /** PostgreSQL role every unit of work of this pool acts as (taken per transaction by the Store). */
  readonly role?: string;
  /** How long SQLite waits on a locked database before giving up. */
  readonly sqliteBusyTimeoutMs?: number;
  /** PostgreSQL: how long a unit of work waits for a pooled connection, or for a new one to open. */
  readonly poolTimeoutMs?: number;
  /** PostgreSQL: the server cancels any statement running longer (`statement_timeout`); unset means no limit. */
  readonly statementTimeoutMs?: number;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_POOL_TIMEOUT_MS = 5000;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function buildDataSourceOptions(settings: ConnectionSettings): DataSourceOptions {
  return settings.location.kind === 'sqlite' ? sqliteOptions(settings.location, settings) : postgresOptions(settings.location, settings);
}

function sqliteOptions(location: SqliteLocation, settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'sqlite',
    database: location.mainFile,
    enableWAL: location.mainFile !== ':memory:',
    busyTimeout: settings.sqliteBusyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    entities: settings.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
}

function postgresOptions(location: PostgresLocation, settings: ConnectionSettings): DataSourceOptions {
  if (settings.tokenProvider && location.hasPassword) {
    throw new ConfigurationError(
      `DATABASE_URL "${location.display}" carries a password while managed identity is on; ` +
        'remove the password from the URL (Entra ID tokens replace it) or turn POSTGRES_USE_MANAGED_IDENTITY off.',
    );
  }
  const parsed = parseConnectionString(location.connectionString);
  // pg's own parse yields password '' when absent, which would shadow the token function.
  const { password, ...connection } = parsed;
  return {
    type: 'postgres',
    entities: settings.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: settings.applicationName,
    extra: {
      ...connection,
      password: settings.tokenProvider ? settings.tokenProvider.password : password || undefined,
      options: connection.options || undefined,
      max: settings.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: settings.poolTimeoutMs ?? DEFAULT_POOL_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    },
  };
}
