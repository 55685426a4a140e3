/**
 * Migrations across real processes: replicas booting together, a data migration killed mid-batch,
 * and the operator's CLI. Runs the build `npm test` makes first.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseDatabaseUrl, Store } from '../libs/persistence/src';
import { describeBackends } from './harness/backends';
import { built } from './harness/built';

const child = join(__dirname, 'fixtures/migrating-process.js');
const cli = built('migrations/cli.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((done) => {
    const process_ = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.on('exit', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

// The fixture process loads the built library.
built('libs/persistence/src/index.js');

describeBackends('migrations across processes', (backend) => {
  let schemaCounter = 0;
  const newSchema = () => `proc_${process.pid}_${++schemaCounter}`;

  const query = async <T>(schema: string, sql: string): Promise<T> => {
    const store = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: [schema] });
    try {
      return await store.transaction((manager) => manager.query(sql));
    } finally {
      await store.close();
    }
  };

  it('5 processes booting together all finish, and each migration is recorded exactly once', async () => {
    const schema = newSchema();
    const results = await Promise.all(Array.from({ length: 5 }, () => runProcess([child, 'boot', backend.url, schema])));
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const statuses = results.map((result) => JSON.parse(result.stdout) as { applied: Array<{ name: string; appliedBy: string }> });
    for (const status of statuses)
      expect(status.applied.map((row) => row.name)).toEqual(['001_create_items', '002_create_tags', '003_create_notes', 'S001_items']);
    const rows = await query<Array<{ name: string; n: unknown }>>(
      schema,
      `SELECT name, count(*) AS n FROM "${schema}".schema_migrations GROUP BY name ORDER BY name`,
    );
    expect(rows.map((row) => [row.name, Number(row.n)])).toEqual([
      ['001_create_items', 1],
      ['002_create_tags', 1],
      ['003_create_notes', 1],
      ['S001_items', 1],
    ]);
    expect(await query(schema, `SELECT count(*) AS n FROM "${schema}".items`)).toEqual([{ n: backend.kind === 'postgres' ? '95' : 95 }]);
  }, 60_000);

  it('resumes a data migration killed inside a batch (holding the lock) from its checkpoint, every row processed once', async () => {
    const schema = newSchema();
    expect((await runProcess([child, 'boot', backend.url, schema])).code).toBe(0);
    const killed = await runProcess([child, 'data', backend.url, schema, '4']);
    expect(killed.signal).toBe('SIGKILL');
    const [progress] = await query<Array<{ checkpoint: string; processed: unknown; batches: unknown }>>(
      schema,
      `SELECT checkpoint, processed, batches FROM "${schema}".schema_data_migrations`,
    );
    // Three batches committed; the fourth died before its commit and left nothing behind.
    expect({ checkpoint: progress.checkpoint, processed: Number(progress.processed), batches: Number(progress.batches) }).toEqual({
      checkpoint: '30',
      processed: 30,
      batches: 3,
    });
    const resumed = await runProcess([child, 'data', backend.url, schema]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toEqual(['DM001_touch_items']);
    const touched = await query<Array<{ touched: unknown; n: unknown }>>(schema, `SELECT touched, count(*) AS n FROM "${schema}".items GROUP BY touched`);
    expect(touched.map((row) => [Number(row.touched), Number(row.n)])).toEqual([[1, 95]]);
  }, 60_000);

  it('the CLI shows status as JSON, answers --help, and refuses unknown commands with exit 2', async () => {
    const env = { ...process.env, DATABASE_URL: backend.url, MIGRATION_DATABASE_URL: '' };
    const status = await runProcess([cli, 'status', '--json', '--schema', 'portal'], env);
    expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(status.stdout).schemas).toHaveLength(1);
    expect(JSON.parse(status.stdout).schemas[0]).toMatchObject({
      schema: 'portal',
      pending: { startup: ['001_create_portal_tables', '002_enable_row_level_security', '003_audit_append_only'], release: [], seed: [], data: [] },
    });
    const up = await runProcess([cli, 'up', '--schema', 'portal'], env);
    expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: '' });
    const after = await runProcess([cli, 'status', '--json', '--schema', 'portal'], env);
    expect(JSON.parse(after.stdout).schemas[0]).toMatchObject({ schema: 'portal', pending: { startup: [], release: [], seed: [], data: [] } });
    const table = await runProcess([cli, 'status', '--schema', 'portal'], env);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      'schema portal: 3 applied, 0 pending',
      expect.stringMatching(/^ {2}migration\s+category\s+state\s+applied at\s+checksum$/),
      expect.stringMatching(/^ {2}001_create_portal_tables\s+startup\s+applied\s+\d{4}-\d\d-\d\dT\S+\s+ok$/),
    ]);
    const all = await runProcess([cli, 'status', '--json'], env);
    expect(JSON.parse(all.stdout).schemas.map((s: { schema: string }) => s.schema)).toEqual(['portal', 'waf', 'ctlog']);
    const help = await runProcess([cli, '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
    const unknown = await runProcess([cli, 'frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const unreachable = await runProcess([cli, 'status'], { ...env, DATABASE_URL: 'postgres://u@127.0.0.1:1/db' });
    expect(unreachable.code).toBe(4);
    const badUrl = await runProcess([cli, 'status'], { ...env, DATABASE_URL: 'mysql://u:secret@h/db' });
    expect(badUrl.code).toBe(78);
    expect(badUrl.stderr).not.toContain('secret');
  }, 60_000);
});
