/**
 * The data-copy CLI against pgloader (Debian package `pgloader`) on the same SQLite file in the
 * same run: a portal installation whose pipeline_runs table holds 1,000,000 rows, loaded into a
 * fresh PostgreSQL database by each. Both are timed as whole commands, wall clock.
 *
 * They do not do the same work, and the table says how: the CLI loads into the migrated schema
 * (indexes, foreign keys, row-level security, triggers), through each tenant's unit of work,
 * and digests every row on both sides. pgloader runs twice: as it is usually run (it creates
 * plain tables, loads them, then builds the keys and indexes it found in the file), and data only
 * into the migrated schema as superuser, the closest it comes to what a cutover needs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { startPortal, TENANT_A } from '../apps/portal/test/portal-harness';
import { withAdminClient } from '../test/harness/postgres';
import { type BenchResult, ratio } from './bench-result';
import { createDatabase } from './databases';

const ROWS = 1_000_000;

export async function benchDataCopy(adminUrl: string): Promise<BenchResult[]> {
  const directory = mkdtempSync(join(tmpdir(), 'copy-bench-'));
  try {
    const portal = await startPortal({ kind: 'sqlite', url: `sqlite:${directory}/` }, { DEMO_TENANT_IDS: TENANT_A });
    await portal.close();
    await fillPipelineRuns(join(directory, 'portal.sqlite'));
    const ours = await timed(await createDatabase(adminUrl, 'copy_cli'), 'portal.pipeline_runs', (url) => copyCli(directory, url, []));
    const results: BenchResult[] = [
      {
        name: `data-copy CLI, SQLite → PostgreSQL, ${ROWS.toLocaleString('en')} rows, every row digested`,
        unit: 'rows/s',
        median: ours,
        p95: ours,
        rounds: 1,
        target: `≥ pgloader`,
      },
    ];
    // bench/run.ts has made sure pgloader is installed.
    const pgloader = spawnSync('pgloader', ['--version'], { encoding: 'utf8' });
    const version = pgloader.stdout
      .split('\n')[0]
      .replace(/^pgloader version /, '')
      .replace(/"/g, '');
    const theirs = await timed(await createDatabase(adminUrl, 'copy_pgloader'), 'public.pipeline_runs', (url) => pgloaderRun(directory, url, ''));
    results.push({
      name: `pgloader ${version}, same file, same server: its own plain tables, indexes built after the load`,
      unit: 'rows/s',
      median: theirs,
      p95: theirs,
      rounds: 1,
    });
    // Like for like: the migrated schema, as a cutover needs it, with the parent rows copied first (untimed).
    const schemaUrl = await createDatabase(adminUrl, 'copy_pgloader_schema');
    copyCli(directory, schemaUrl, ['--tables', 'portal.sources,portal.pipelines']);
    const intoSchema = await timed(schemaUrl, 'portal.pipeline_runs', (url) =>
      pgloaderRun(directory, url, "WITH data only SET search_path TO 'portal' INCLUDING ONLY TABLE NAMES LIKE 'pipeline_runs'"),
    );
    results.push({
      name: `pgloader ${version}, data only into the migrated schema (as superuser: no row-level security, no verification)`,
      unit: 'rows/s',
      median: intoSchema,
      p95: intoSchema,
      rounds: 1,
    });
    results.push(
      ratio('data-copy CLI ÷ pgloader (plain tables)', ours / theirs, 1),
      ratio('data-copy CLI ÷ pgloader (data only into the migrated schema)', ours / intoSchema),
    );
    return results;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function copyCli(directory: string, url: string, options: string[]): void {
  // As `npm run data-copy` runs it: a young generation big enough for a batch's short-lived rows.
  const run = spawnSync(
    process.execPath,
    [
      '--max-semi-space-size=64',
      resolve(__dirname, '../migrations/data-copy-cli.js'),
      '--from',
      `sqlite:${directory}/`,
      '--to',
      url,
      '--schemas',
      'portal',
      '--migrate',
      ...options,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const report = run.status === 0 ? JSON.parse(run.stdout) : null;
  if (report?.totals.mismatches !== 0) throw new Error(`data-copy failed: ${run.stderr}\n${run.stdout}`);
}

function pgloaderRun(directory: string, url: string, clauses: string): void {
  const load = join(directory, 'portal.load');
  writeFileSync(load, `LOAD DATABASE FROM sqlite://${join(directory, 'portal.sqlite')} INTO ${url.replace(/^postgres:/, 'postgresql:')} ${clauses};\n`);
  execFileSync('pgloader', ['--quiet', load], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Rows of pipeline_runs (the million and the demo's few) per second of the whole command. */
async function timed(url: string, table: string, load: (url: string) => void): Promise<number> {
  const started = performance.now();
  load(url);
  const seconds = (performance.now() - started) / 1000;
  const count = await withAdminClient(url, async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
  if (count < ROWS) throw new Error(`${table} holds ${count} rows after the load, fewer than ${ROWS}`);
  process.stderr.write(`  ${table}: ${count} rows in ${seconds.toFixed(1)} s\n`);
  return count / seconds;
}

/** One statement: a recursive series, so the million rows take seconds, not a million round trips. */
function fillPipelineRuns(file: string): Promise<void> {
  const startSeconds = Date.UTC(2025, 0, 1) / 1000;
  const at = (offset: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${startSeconds} + i * 30${offset}, 'unixepoch')`;
  const statement = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})
    INSERT INTO pipeline_runs (tenant_id, id, pipeline_id, status, started_at, ended_at, rows_read, rows_written, error_message, duration_seconds)
    SELECT '${TENANT_A}', printf('run-%07d', i), (SELECT id FROM pipelines WHERE tenant_id = '${TENANT_A}' ORDER BY id LIMIT 1),
           CASE WHEN i % 17 = 0 THEN 'failed' ELSE 'succeeded' END, ${at('')}, ${at(' + 25')}, i * 3, i * 3,
           CASE WHEN i % 17 = 0 THEN 'copy activity failed: timeout after ' || (i % 600) || 's' END, 25
      FROM n`;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => {
      if (error) return reject(error);
      db.exec(statement, (execError) => db.close((closeError) => ((execError ?? closeError) ? reject(execError ?? closeError) : resolve())));
    });
  });
}
