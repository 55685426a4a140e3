import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { CopyReport } from '@lib/persistence';
import { startCtLog, waitServing, ADMIN as CT_ADMIN, SUBMITTER, ADMIN_B as CT_ADMIN_B, SUBMITTER_B } from '../apps/ct-log/test/ct-harness';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { ADMIN as PORTAL_ADMIN, startPortal, TENANT_A as DEMO_A, TENANT_B as DEMO_B } from '../apps/portal/test/portal-harness';
import { ADMIN_B as WAF_ADMIN_B, startWafPanel } from '../apps/waf-panel/test/waf-harness';
import { built } from './harness/built';
import { createTestDatabase, type TestDatabase, withAdminClient } from './harness/postgres';

interface CopyRun {
  code: number;
  report: CopyReport;
  stdout: string;
  stderr: string;
}

/** The CLI as an operator runs it: a real process, its exit code, its JSON report. */
function runCopy(args: string[], env: Record<string, string> = {}): Promise<CopyRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [built('migrations/data-copy-cli.js'), ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let report = undefined as unknown as CopyReport;
        try {
          report = JSON.parse(stdout);
        } catch {
          // left undefined: the test names what it expected
        }
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, report, stdout, stderr });
      },
    );
  });
}

const tableOf = (report: CopyReport, name: string) => report.tables.find((table) => table.table === name)!;

async function pgCount(url: string, table: string): Promise<number> {
  return withAdminClient(url, async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
}

/** Every index and constraint of the apps' schemas, as the catalog defines them. */
function indexesAndKeys(url: string): Promise<string[]> {
  return withAdminClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('portal', 'waf', 'ctlog')
       UNION ALL
       SELECT format('%s %s %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname IN ('portal', 'waf', 'ctlog') AND k.conrelid <> 0
       ORDER BY 1`,
    );
    return rows.map((row) => row.definition);
  });
}

/** The database files' bytes; SQLite's -shm/-wal coordination files may appear beside them (an empty WAL). */
function filesDigest(directory: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(directory)
      .filter((name) => name.endsWith('.sqlite') || (name.endsWith('-wal') && readFileSync(join(directory, name)).length > 0))
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(directory, name)))
          .digest('hex'),
      ]),
  );
}

function sqliteRun(file: string, statements: (db: sqlite3.Database) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => {
      if (error) return reject(error);
      db.serialize(() => statements(db));
      db.close((closeError) => (closeError ? reject(closeError) : resolve()));
    });
  });
}

describe('data-copy CLI (SQLite <-> PostgreSQL)', () => {
  const sourceDirectory = mkdtempSync(join(tmpdir(), 'copy-source-'));
  const source = `sqlite:${sourceDirectory}/`;
  const ctKeys = mkdtempSync(join(tmpdir(), 'copy-ct-keys-'));
  const databases: TestDatabase[] = [];
  const directories = [sourceDirectory, ctKeys];
  let sth: Record<string, unknown>;
  let policies: unknown;

  const database = async (label: string) => {
    const created = await createTestDatabase(label);
    databases.push(created);
    return created;
  };
  const directory = () => {
    const created = mkdtempSync(join(tmpdir(), 'copy-target-'));
    directories.push(created);
    return created;
  };

  /** Every app's data through the real services: demo data, audited writes, policies, a deployment, CT logs. */
  beforeAll(async () => {
    const backend = { kind: 'sqlite' as const, url: source };
    const portal = await startPortal(backend);
    const request = await portal.call('POST', '/api/v1/access', {
      who: { ...PORTAL_ADMIN, tenant: DEMO_B },
      body: { data_product_id: 'dp-003', justification: 'copy test', duration_days: 30 },
    });
    expect(request.status).toBe(201);
    expect(
      (
        await portal.call('POST', `/api/v1/access/${request.body.id}/approve`, {
          who: { ...PORTAL_ADMIN, tenant: DEMO_B, email: 'boss@contoso.com', sub: 'boss' },
          body: { notes: 'ok' },
        })
      ).status,
    ).toBe(200);
    await portal.close();

    const waf = await startWafPanel(backend);
    for (const who of [undefined, WAF_ADMIN_B]) {
      const policy = await waf.call('POST', '/api/v1/policies', { who, body: { name: 'Shop policy', mode: 'blocking', allowedMethods: ['GET', 'POST'] } });
      expect(policy.status).toBe(201);
      expect(
        (
          await waf.call('POST', '/api/v1/vhosts', {
            who,
            body: { domain: 'shop.example.com', backends: [{ url: 'http://app:8080/' }], policyId: policy.body.id },
          })
        ).status,
      ).toBe(201);
      const rule = {
        ruleId: 10050,
        phase: 2,
        variables: [{ collection: 'ARGS', key: 'id' }],
        operator: 'rx',
        argument: '^\\d+$',
        action: 'deny',
        severity: 'WARNING',
        message: 'id must be numeric',
      };
      expect((await waf.call('POST', `/api/v1/policies/${policy.body.id}/custom-rules`, { who, body: rule })).status).toBe(201);
      expect(
        (
          await waf.call('POST', `/api/v1/policies/${policy.body.id}/exclusions`, {
            who,
            body: { ruleId: 942100, variable: { collection: 'ARGS', key: 'password' }, path: '/login' },
          })
        ).status,
      ).toBe(201);
      expect((await waf.call('POST', '/api/v1/deployments', { who, body: { comment: 'first' } })).status).toBe(201);
    }
    policies = (await waf.call('GET', '/api/v1/policies')).body;
    await waf.close();

    const ct = await startCtLog(backend, { CTLOG_KEY_DIR: ctKeys });
    const root = await createRoot('Copy Root');
    for (const [admin, submitter, name] of [
      [CT_ADMIN, SUBMITTER, 'audit-a'],
      [CT_ADMIN_B, SUBMITTER_B, 'audit-b'],
    ] as const) {
      expect((await ct.call('POST', '/api/v1/admin/logs', { who: admin, body: { name, kind: 'events', key: 'generate' } })).status).toBe(201);
      await waitServing(ct, name);
      for (let i = 0; i < 3; i++) {
        const certificate = await issue(root, { cn: `www${i}.${name}.example`, dns: [`www${i}.${name}.example`] });
        const logged = await ct.call('POST', '/api/v1/certificates', {
          who: submitter,
          body: { certificate_pem: certificate.pem, certificate_type: 'server', requester_info: { ip: '192.0.2.1' } },
        });
        expect(logged.status).toBe(201);
        if (i === 2)
          expect(
            (await ct.call('POST', `/api/v1/certificates/${logged.body.fingerprint}/revoke`, { who: submitter, body: { reason: 'keyCompromise' } })).status,
          ).toBe(201);
      }
    }
    sth = (await ct.call('GET', '/logs/audit-a/ct/v1/get-sth', { who: null })).body;
    await ct.close();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(databases.map((created) => created.drop()));
    for (const created of directories) rmSync(created, { recursive: true, force: true });
  });

  let full: CopyReport;
  let copied: TestDatabase;

  it('copies all three apps into PostgreSQL with zero mismatches, leaves the source untouched, and the services serve the copy', async () => {
    copied = await database('copy_full');
    const before = filesDigest(sourceDirectory);
    const run = await runCopy(['--from', source, '--to', copied.url, '--migrate']);
    expect(run.code).toBe(0);
    full = run.report;
    expect(full.exitMeaning).toMatch(/^ok/);
    expect(full.totals.mismatches).toBe(0);
    expect(full.totals.inserted).toBe(full.totals.rowsRead);
    expect(Object.keys(full.migrationsApplied).sort()).toEqual(['ctlog', 'portal', 'waf']);
    for (const name of [
      'portal.audit_events',
      'portal.access_requests',
      'waf.policy_revisions',
      'waf.deployment_files',
      'waf.audit_events',
      'ctlog.entries',
      'ctlog.sth',
      'ctlog.certificates',
      'ctlog.cert_revocations',
    ]) {
      expect(tableOf(full, name).rowsRead).toBeGreaterThan(0);
    }
    for (const table of full.tables) expect(table.targetDigest).toBe(table.sourceDigest);
    // Every table was empty, so each was bulk loaded, and got back every index and foreign key its migrations made.
    expect(full.tables.filter((table) => !table.bulkLoad)).toEqual([]);
    const migratedOnly = await database('copy_schema_only');
    await new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [built('migrations/cli.js'), 'up', '--category', 'startup', '--category', 'seed'],
        { env: { ...process.env, DATABASE_URL: migratedOnly.url, MIGRATION_DATABASE_URL: migratedOnly.url } },
        (error) => (error ? reject(error) : resolve(undefined)),
      ),
    );
    expect(await indexesAndKeys(copied.url)).toEqual(await indexesAndKeys(migratedOnly.url));
    // Foreign keys hold because parents come first.
    const order = full.tables.map((table) => table.table);
    expect(order.indexOf('portal.sources')).toBeLessThan(order.indexOf('portal.pipelines'));
    expect(order.indexOf('waf.policies')).toBeLessThan(order.indexOf('waf.vhosts'));
    expect(tableOf(full, 'portal.sources').tenants).toBe(2);
    expect(filesDigest(sourceDirectory)).toEqual(before);
    expect(run.stdout + run.stderr).not.toContain('password');

    const backend = { kind: 'postgres' as const, url: copied.url };
    const portal = await startPortal(backend, { DEMO_DATA: 'false' });
    const verified = await portal.call('GET', '/api/v1/audit/verify', { who: { ...PORTAL_ADMIN, tenant: DEMO_B } });
    expect(verified.body).toMatchObject({ valid: true, first_invalid_seq: null });
    expect(verified.body.events_checked).toBeGreaterThan(0);
    const sources = await portal.call('GET', '/api/v1/sources', { who: { ...PORTAL_ADMIN, tenant: DEMO_A } });
    expect(sources.status).toBe(200);
    expect(JSON.stringify(sources.body)).toContain('"source_type"');
    await portal.close();
    const waf = await startWafPanel(backend);
    expect((await waf.call('GET', '/api/v1/policies')).body).toEqual(policies);
    await waf.close();
    const ct = await startCtLog(backend, { CTLOG_KEY_DIR: ctKeys });
    await waitServing(ct, 'audit-a');
    expect((await ct.call('GET', '/logs/audit-a/ct/v1/get-sth', { who: null })).body).toEqual(sth);
    await ct.close();
  }, 120_000);

  it('re-runs idempotently: nothing inserted, every row skipped as an equal duplicate', async () => {
    const run = await runCopy(['--from', source, '--to', copied.url]);
    expect(run.code).toBe(0);
    expect(run.report.totals).toMatchObject({ rowsRead: full.totals.rowsRead, inserted: 0, skipped: full.totals.rowsRead, mismatches: 0 });
    expect(run.report.tables.filter((table) => table.rowsRead > 0 && table.bulkLoad)).toEqual([]);
  }, 60_000);

  it('copies PostgreSQL back to SQLite with the same digests, table by table', async () => {
    const back = directory();
    const run = await runCopy(['--from', copied.url, '--to', `sqlite:${back}/`, '--migrate']);
    expect(run.code).toBe(0);
    expect(run.report.totals.mismatches).toBe(0);
    const digests = (report: CopyReport) => Object.fromEntries(report.tables.map((table) => [table.table, table.sourceDigest]));
    expect(digests(run.report)).toEqual(digests(full));
  }, 60_000);

  it('reports a target row with the same key but other content as a mismatch (exit 3), naming the key, and never overwrites it', async () => {
    const [row] = await withAdminClient(
      copied.url,
      async (client) =>
        (
          await client.query(
            "UPDATE portal.sources SET name = 'changed in target' WHERE tenant_id = $1 AND id = (SELECT min(id) FROM portal.sources) RETURNING tenant_id, id",
            [DEMO_B],
          )
        ).rows,
    );
    const run = await runCopy(['--from', source, '--to', copied.url, '--schemas', 'portal']);
    expect(run.code).toBe(3);
    expect(run.report.exitMeaning).toMatch(/mismatch/);
    const sources = tableOf(run.report, 'portal.sources');
    expect(sources.mismatches).toBe(1);
    expect(sources.mismatchSamples[0]).toMatchObject({ key: { tenant_id: row.tenant_id, id: row.id }, kind: 'different' });
    expect(
      await withAdminClient(
        copied.url,
        async (client) => (await client.query('SELECT name FROM portal.sources WHERE tenant_id = $1 AND id = $2', [row.tenant_id, row.id])).rows[0].name,
      ),
    ).toBe('changed in target');
  }, 60_000);

  it('--reconcile rewrites a changed row of a mutable table from the source, reports it, and a re-run changes nothing', async () => {
    const run = await runCopy(['--from', source, '--to', copied.url, '--schemas', 'portal', '--reconcile']);
    expect({ code: run.code, error: run.report.error }).toEqual({ code: 0, error: undefined });
    expect(tableOf(run.report, 'portal.sources')).toMatchObject({ updated: 1, mismatches: 0 });
    expect(run.report.totals).toMatchObject({ updated: 1, mismatches: 0 });
    const names = await withAdminClient(
      copied.url,
      async (client) => (await client.query("SELECT count(*)::int AS n FROM portal.sources WHERE name = 'changed in target'")).rows[0].n,
    );
    expect(names).toBe(0);
    const again = await runCopy(['--from', source, '--to', copied.url, '--schemas', 'portal', '--reconcile']);
    expect({ code: again.code, totals: again.report.totals }).toMatchObject({ code: 0, totals: { updated: 0, mismatches: 0, inserted: 0 } });
  }, 60_000);

  it('--reconcile into SQLite rewrites a changed row too', async () => {
    const back = directory();
    expect((await runCopy(['--from', copied.url, '--to', `sqlite:${back}/`, '--migrate', '--schemas', 'portal'])).code).toBe(0);
    const { DatabaseSync } = await import('node:sqlite');
    const portalFile = new DatabaseSync(join(back, 'portal.sqlite'));
    const { changes } = portalFile.prepare("UPDATE sources SET name = 'changed in sqlite' WHERE id = (SELECT min(id) FROM sources)").run();
    portalFile.close();
    const plain = await runCopy(['--from', copied.url, '--to', `sqlite:${back}/`, '--schemas', 'portal']);
    expect(plain.code).toBe(3);
    const reconciled = await runCopy(['--from', copied.url, '--to', `sqlite:${back}/`, '--schemas', 'portal', '--reconcile']);
    expect({ code: reconciled.code, updated: tableOf(reconciled.report, 'portal.sources').updated }).toEqual({ code: 0, updated: Number(changes) });
  }, 60_000);

  it('dry run reports what would be inserted and writes nothing at all', async () => {
    const empty = await database('copy_dry');
    const run = await runCopy(['--from', source, '--to', empty.url, '--migrate', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.report.dryRun).toBe(true);
    expect(run.report.totals).toMatchObject({ rowsRead: full.totals.rowsRead, inserted: full.totals.rowsRead, skipped: 0 });
    expect(run.report.migrationsApplied.portal).toContain('001_create_portal_tables');
    const schemas = await withAdminClient(
      empty.url,
      async (client) => (await client.query("SELECT nspname FROM pg_namespace WHERE nspname IN ('portal', 'waf', 'ctlog')")).rows,
    );
    expect(schemas).toEqual([]);

    const nothing = directory();
    expect((await runCopy(['--from', source, '--to', `sqlite:${nothing}/`, '--migrate', '--dry-run'])).code).toBe(0);
    expect(readdirSync(nothing)).toEqual([]);

    const again = await runCopy(['--from', source, '--to', copied.url, '--schemas', 'waf,ctlog', '--dry-run']);
    expect(again.code).toBe(0);
    expect(again.report.totals.inserted).toBe(0);
    expect(again.report.totals.skipped).toBe(again.report.totals.rowsRead);
  }, 60_000);

  it('--tables narrows the copy to the named tables', async () => {
    const narrow = await database('copy_narrow');
    const run = await runCopy(['--from', source, '--to', narrow.url, '--migrate', '--tables', 'portal.data_products,portal.quality_history']);
    expect(run.code).toBe(0);
    expect(run.report.tables.map((table) => table.table)).toEqual(['portal.data_products', 'portal.quality_history']);
    expect(await pgCount(narrow.url, 'portal.quality_history')).toBe(tableOf(full, 'portal.quality_history').rowsRead);
    expect(await pgCount(narrow.url, 'portal.sources')).toBe(0);
  }, 60_000);

  it('gives each failure its own exit code, always with a JSON report and no password', async () => {
    const unreachable = await runCopy(['--from', source, '--to', 'postgres://copier:s3cret-pw@127.0.0.1:1/nowhere']);
    expect(unreachable.code).toBe(4);
    expect(unreachable.report.exitCode).toBe(4);
    expect(unreachable.report.target).toBe('postgres://copier:***@127.0.0.1:1/nowhere');
    expect(unreachable.stdout + unreachable.stderr).not.toContain('s3cret-pw');
    expect((await runCopy(['--from', 'sqlite:/nonexistent/copy-source/', '--to', copied.url])).code).toBe(4);

    for (const args of [
      ['--from', source, '--to', copied.url, '--tables', 'portal.nope'],
      ['--from', source, '--to', 'mysql://db/x'],
      ['--from', source, '--to', copied.url, '--batch-size', '0'],
      ['--from', source],
      ['--from', source, '--to', copied.url, '--colour', 'blue'],
      ['--from', source, '--to', copied.url, '--schemas', 'billing'],
    ]) {
      const usage = await runCopy(args);
      expect([args.join(' '), usage.code, usage.report?.exitCode]).toEqual([args.join(' '), 2, 2]);
    }
    // A bad URL is named by the option that carried it.
    expect((await runCopy(['--from', source, '--to', 'mysql://db/x'])).report.error).toMatch(/^--to "mysql:\/\/db\/x" is not supported/);

    const bare = await database('copy_bare');
    const notMigrated = await runCopy(['--from', source, '--to', bare.url]);
    expect(notMigrated.code).toBe(5);
    expect(notMigrated.report.error).toContain('the target lacks 001_create_portal_tables');

    const orphan = await database('copy_orphan');
    const failed = await runCopy(['--from', source, '--to', orphan.url, '--migrate', '--tables', 'portal.pipelines']);
    expect(failed.code).toBe(1);
    expect(failed.report.error).toMatch(/portal\.pipelines: .*foreign key/);

    const help = await runCopy(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
  }, 60_000);

  /** A portal installation whose pipeline_runs grows by `runs` rows after `beforeGrowth` has run on it. */
  async function growingSource(runs: number, beforeGrowth: (source: string) => Promise<void>): Promise<string> {
    const bigDirectory = directory();
    const portal = await startPortal({ kind: 'sqlite', url: `sqlite:${bigDirectory}/` });
    await portal.close();
    await beforeGrowth(`sqlite:${bigDirectory}/`);
    await sqliteRun(join(bigDirectory, 'portal.sqlite'), (db) => {
      db.run('BEGIN');
      const insert = db.prepare(
        "INSERT INTO pipeline_runs (tenant_id, id, pipeline_id, status, started_at, rows_read, duration_seconds) SELECT ?, ?, id, 'succeeded', ?, ?, 60 FROM pipelines WHERE tenant_id = ? ORDER BY id LIMIT 1",
      );
      for (let i = 0; i < runs; i++)
        insert.run(DEMO_A, `run-bulk-${String(i).padStart(6, '0')}`, new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), i, DEMO_A);
      insert.finalize();
      db.run('COMMIT');
    });
    return `sqlite:${bigDirectory}/`;
  }

  const copyTables = ['--tables', 'portal.data_products,portal.sources,portal.pipelines,portal.pipeline_runs'];

  /** Starts the copy as its own process and SIGKILLs it once `midway` says so. */
  async function killMidway(args: string[], midway: () => Promise<boolean>): Promise<void> {
    const child = spawn(process.execPath, [built('migrations/data-copy-cli.js'), ...args], { stdio: 'ignore' });
    let running = true;
    const exited = new Promise((resolve) => child.on('exit', resolve)).then(() => (running = false));
    while (!(await midway())) {
      if (!running) throw new Error('the copy ended before the point it was to be killed at');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
  }

  it('resumes a copy killed mid-way into a table that held rows: the re-run inserts the rest and verifies what was there', async () => {
    const runs = 120_000;
    const target = await database('copy_resume');
    // The demo's runs are copied first, so pipeline_runs is not empty when the big copy starts: batch by batch.
    const bigSource = await growingSource(runs, async (small) =>
      expect((await runCopy(['--from', small, '--to', target.url, '--migrate', ...copyTables])).code).toBe(0),
    );
    const demoRuns = await pgCount(target.url, 'portal.pipeline_runs');

    await killMidway(
      ['--from', bigSource, '--to', target.url, '--batch-size', '1000', ...copyTables],
      async () => (await pgCount(target.url, 'portal.pipeline_runs')) >= demoRuns + 5000,
    );
    const partial = await pgCount(target.url, 'portal.pipeline_runs');
    expect(partial).toBeLessThan(runs);

    const resumed = await runCopy(['--from', bigSource, '--to', target.url, ...copyTables]);
    expect(resumed.code).toBe(0);
    const entry = tableOf(resumed.report, 'portal.pipeline_runs');
    expect(entry.bulkLoad).toBe(false);
    expect(entry.mismatches).toBe(0);
    expect(entry.skipped).toBe(partial);
    expect(entry.inserted).toBe(entry.rowsRead - partial);
    expect(await pgCount(target.url, 'portal.pipeline_runs')).toBe(entry.rowsRead);
    expect(entry.targetDigest).toBe(entry.sourceDigest);
  }, 120_000);

  it('leaves an empty table as it was when a bulk load is killed mid-way: no rows, every index and key; the re-run copies it all', async () => {
    const target = await database('copy_bulk_killed');
    const bigSource = await growingSource(60_000, async () => undefined);
    expect(
      (await runCopy(['--from', bigSource, '--to', target.url, '--migrate', '--tables', 'portal.data_products,portal.sources,portal.pipelines'])).code,
    ).toBe(0);
    const schema = await indexesAndKeys(target.url);
    const loading =
      'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = \'data-copy\' AND query LIKE \'%INSERT INTO "portal"."pipeline_runs"%\'';

    await killMidway(['--from', bigSource, '--to', target.url, '--batch-size', '1000', ...copyTables], async () =>
      withAdminClient(target.url, async (client) => Number((await client.query(loading)).rows[0].n) > 0),
    );
    // The server rolls the load back once it sees its client gone.
    const copySessions = "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'data-copy'";
    while (await withAdminClient(target.url, async (client) => Number((await client.query(copySessions)).rows[0].n) > 0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await pgCount(target.url, 'portal.pipeline_runs')).toBe(0);
    expect(await indexesAndKeys(target.url)).toEqual(schema);

    const rerun = await runCopy(['--from', bigSource, '--to', target.url, ...copyTables]);
    expect(rerun.code).toBe(0);
    const entry = tableOf(rerun.report, 'portal.pipeline_runs');
    expect(entry).toMatchObject({ mismatches: 0, skipped: 0, inserted: entry.rowsRead });
    expect(await pgCount(target.url, 'portal.pipeline_runs')).toBe(entry.rowsRead);
    expect(entry.targetDigest).toBe(entry.sourceDigest);
    expect(await indexesAndKeys(target.url)).toEqual(schema);
  }, 120_000);
});
