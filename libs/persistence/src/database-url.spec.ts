import { resolve } from 'node:path';
import { parseDatabaseUrl, sqliteSchemaFile } from './database-url';
import { UnsupportedDatabaseUrlError } from './errors';

const cwd = '/srv/app';

describe('parseDatabaseUrl', () => {
  describe('accepted', () => {
    it.each([
      [undefined, '/srv/app/data/main.sqlite', '/srv/app/data/portal.sqlite'],
      ['', '/srv/app/data/main.sqlite', '/srv/app/data/portal.sqlite'],
      ['   ', '/srv/app/data/main.sqlite', '/srv/app/data/portal.sqlite'],
      ['sqlite:./var/db/', '/srv/app/var/db/main.sqlite', '/srv/app/var/db/portal.sqlite'],
      ['sqlite:state', '/srv/app/state/main.sqlite', '/srv/app/state/portal.sqlite'],
      ['sqlite:/var/lib/cps/app.sqlite', '/var/lib/cps/app.sqlite', '/var/lib/cps/app.portal.sqlite'],
      ['sqlite:///var/lib/cps/app.db', '/var/lib/cps/app.db', '/var/lib/cps/app.portal.db'],
      ['sqlite::memory:', ':memory:', ':memory:'],
    ])('%p is SQLite at %s', (url, mainFile, portalFile) => {
      const location = parseDatabaseUrl(url, cwd);
      expect(location.kind).toBe('sqlite');
      if (location.kind !== 'sqlite') return;
      expect(location.mainFile).toBe(mainFile);
      expect(sqliteSchemaFile(location, 'portal')).toBe(portalFile);
    });

    it('treats an existing directory as a directory even with a dot in its name', () => {
      const location = parseDatabaseUrl(`sqlite:${resolve(__dirname)}`, cwd);
      expect(location.kind === 'sqlite' && location.mainFile).toBe(resolve(__dirname, 'main.sqlite'));
    });

    it.each([
      'postgres://app@db:5432/cps',
      'postgresql://app:pw@db/cps?sslmode=verify-full',
      'postgres://app@db.postgres.database.azure.com/cps?azure_managed_identity=true',
    ])('%s is PostgreSQL', (url) => {
      expect(parseDatabaseUrl(url, cwd).kind).toBe('postgres');
    });

    it('strips our own query parameter before the URL reaches the driver', () => {
      const location = parseDatabaseUrl('postgres://app@db/cps?sslmode=verify-full&azure_managed_identity=true', cwd);
      expect(location).toMatchObject({ kind: 'postgres', managedIdentityRequested: true, hasPassword: false });
      expect(location.kind === 'postgres' && location.connectionString).toBe('postgres://app@db/cps?sslmode=verify-full');
    });
  });

  describe('rejected, failing closed', () => {
    it.each([
      'mysql://u:secret@h/db',
      'postgresql+asyncpg://u:secret@h/db',
      'postgres+pg://u:secret@h/db',
      'mssql://u:secret@h/db',
      'sqlite3:./data',
      'file:./data',
      '://u:secret@h/db',
      'u:secret@h/db',
      'just-a-path',
      'sqlite:',
      'sqlite://',
      'postgres://',
      'postgres://:secret@/db',
    ])('%s', (url) => {
      let thrown: unknown;
      try {
        parseDatabaseUrl(url, cwd);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnsupportedDatabaseUrlError);
      const message = (thrown as Error).message;
      expect(message).toContain('postgres://');
      expect(message).toContain('sqlite:');
      expect(message).not.toContain('secret');
    });
  });

  it('never shows the password of an accepted URL', () => {
    const location = parseDatabaseUrl('postgres://app:hunter2@db:5432/cps?password=hunter3', cwd);
    expect(location.display).toBe('postgres://app:***@db:5432/cps?password=***');
  });
});
