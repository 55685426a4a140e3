import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { UnsupportedDatabaseUrlError } from './errors';
import { redactUrl } from './redact';

export interface SqliteLocation {
  readonly kind: 'sqlite';
  /** `:memory:` or an absolute directory holding `main.sqlite` and one `<schema>.sqlite` per schema. */
  readonly directory: string | ':memory:';
  /** File holding the main database; schema files sit beside it. */
  readonly mainFile: string;
  /** The URL as given, safe to print. */
  readonly display: string;
}

export interface PostgresLocation {
  readonly kind: 'postgres';
  /** Connection string handed to `pg`, with our own query parameters removed. */
  readonly connectionString: string;
  readonly hasPassword: boolean;
  /** The URL asked for Entra ID tokens with `?azure_managed_identity=true`. */
  readonly managedIdentityRequested: boolean;
  readonly display: string;
}

export type DatabaseLocation = SqliteLocation | PostgresLocation;

/** The SQL dialect a location speaks. */
export type Dialect = DatabaseLocation['kind'];

export const DEFAULT_SQLITE_DIRECTORY = 'data';
const MANAGED_IDENTITY_PARAM = 'azure_managed_identity';

/**
 * Parses `DATABASE_URL`. Unset or blank means SQLite under `./data`; any scheme other than
 * the accepted ones fails closed, with the URL's secrets redacted from the message.
 */
export function parseDatabaseUrl(raw: string | undefined, cwd: string = process.cwd(), variable = 'DATABASE_URL'): DatabaseLocation {
  if (raw === undefined || raw.trim() === '') {
    return sqliteDirectory(resolve(cwd, DEFAULT_SQLITE_DIRECTORY), `sqlite:./${DEFAULT_SQLITE_DIRECTORY}`);
  }
  const url = raw.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  try {
    if (scheme === 'sqlite') return parseSqlite(url, cwd);
    if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgres(url);
    throw new UnsupportedDatabaseUrlError(redactUrl(url), scheme);
  } catch (error) {
    // The same rules hold for MIGRATION_DATABASE_URL: the message names the variable that broke them.
    if (error instanceof UnsupportedDatabaseUrlError && variable !== 'DATABASE_URL')
      throw new UnsupportedDatabaseUrlError(error.redactedUrl, error.scheme, error.reason, variable);
    throw error;
  }
}

function parseSqlite(url: string, cwd: string): SqliteLocation {
  // `sqlite:///abs/path` and `sqlite://rel/path` are accepted as the path after `//`.
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === ':memory:') return { kind: 'sqlite', directory: ':memory:', mainFile: ':memory:', display: url };
  if (path === '' || path.includes('?') || path.includes('\0')) {
    throw new UnsupportedDatabaseUrlError(url, 'sqlite', 'a SQLite URL needs a path, e.g. sqlite:./data or sqlite:/var/lib/app/app.sqlite');
  }
  const absolute = resolve(cwd, path);
  const isDirectory = path.endsWith('/') || (existsSync(absolute) ? statSync(absolute).isDirectory() : extname(absolute) === '');
  if (isDirectory) return sqliteDirectory(absolute, url);
  const ext = extname(absolute);
  return { kind: 'sqlite', directory: absolute.slice(0, absolute.length - ext.length), mainFile: absolute, display: url };
}

function sqliteDirectory(directory: string, display: string): SqliteLocation {
  return { kind: 'sqlite', directory, mainFile: resolve(directory, 'main.sqlite'), display };
}

function parsePostgres(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsupportedDatabaseUrlError(redactUrl(url), 'postgres', 'the PostgreSQL URL is malformed; expected postgres://user@host:5432/database');
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new UnsupportedDatabaseUrlError(redactUrl(url), 'postgres', 'the PostgreSQL URL names no host');
  }
  const flag = parsed.searchParams.get(MANAGED_IDENTITY_PARAM);
  parsed.searchParams.delete(MANAGED_IDENTITY_PARAM);
  return {
    kind: 'postgres',
    connectionString: parsed.toString(),
    hasPassword: parsed.password !== '',
    managedIdentityRequested: flag === 'true' || flag === '1',
    display: redactUrl(parsed.toString()),
  };
}

/** The file holding one module schema, beside the main database (`:memory:` stays in memory). */
export function sqliteSchemaFile(location: SqliteLocation, schema: string): string {
  if (location.directory === ':memory:') return ':memory:';
  const isDirectoryLayout = location.mainFile === resolve(location.directory, 'main.sqlite');
  return isDirectoryLayout ? resolve(location.directory, `${schema}.sqlite`) : `${location.directory}.${schema}${extname(location.mainFile)}`;
}
