/**
 * `npm run bench [-- <suite> ...]`: runs benchmarks against real servers on this machine, writes
 * each suite's figures to bench/results/<suite>.json and regenerates docs/benchmarks.md from
 * every suite's latest results. Never part of the tests.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../test/harness/embedded-postgres-server';
import type { BenchResult } from './bench-result';
import { benchCtLog } from './ctlog.bench';
import { benchDataCopy } from './data-copy.bench';
import { benchBootCheck } from './migrations-boot-check.bench';

interface SuiteRun {
  readonly suite: string;
  readonly ranAt: string;
  readonly machine: string;
  readonly results: BenchResult[];
}

/** Each suite gets the embedded server's superuser URL and a scratch directory. */
const SUITES: Record<string, (adminUrl: string, directory: string) => Promise<BenchResult[]>> = {
  migrations: async (adminUrl, directory) => [
    { ...(await benchBootCheck('PostgreSQL', await createDatabase(adminUrl, 'bench_migrations'))), target: '< 100 ms median' },
    await benchBootCheck('SQLite', `sqlite:${directory}/`),
  ],
  ctlog: async (adminUrl) => benchCtLog(await createDatabase(adminUrl, 'bench_ctlog')),
  'data-copy': (adminUrl) => benchDataCopy(adminUrl),
};

const RESULTS = resolve(__dirname, '../../bench/results');

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((suite) => !SUITES[suite]);
  if (unknown.length) {
    process.stderr.write(`unknown suite ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}\n`);
    process.exit(2);
  }
  const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  mkdirSync(RESULTS, { recursive: true });
  const postgres = await startEmbeddedPostgres();
  const directory = mkdtempSync(join(tmpdir(), 'cps-bench-'));
  try {
    for (const suite of asked.length ? asked : Object.keys(SUITES)) {
      process.stderr.write(`bench ${suite}…\n`);
      const run: SuiteRun = { suite, ranAt: new Date().toISOString(), machine, results: await SUITES[suite](postgres.adminUrl, directory) };
      writeFileSync(join(RESULTS, `${suite}.json`), `${JSON.stringify(run, null, 2)}\n`);
    }
  } finally {
    await postgres.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  const report = renderReport();
  writeFileSync(resolve(__dirname, '../../docs/benchmarks.md'), report);
  process.stdout.write(report);
}

function renderReport(): string {
  const runs = readdirSync(RESULTS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as SuiteRun)
    .sort((a, b) => Object.keys(SUITES).indexOf(a.suite) - Object.keys(SUITES).indexOf(b.suite));
  const format = (value: number) => (Number.isNaN(value) ? '—' : value >= 1000 ? Math.round(value).toLocaleString('en') : value.toFixed(1));
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts; `npm run bench -- <suite>` reruns one suite); each suite\'s',
    'figures come from one run, with every peer it names measured in that same run, on the machine named.',
    'PostgreSQL is the embedded server from `embedded-postgres` on loopback; SQLite a file in the temp directory.',
    '',
    ...runs.flatMap((run) => [
      `## ${run.suite}`,
      '',
      `Run ${run.ranAt} on ${run.machine}.`,
      '',
      '| benchmark | median | p95 | rounds | target |',
      '|---|---|---|---|---|',
      ...run.results.map((r) => `| ${r.name} | ${format(r.median)} ${r.unit} | ${format(r.p95)} ${r.unit} | ${r.rounds} | ${r.target ?? ''} |`),
      '',
    ]),
  ].join('\n');
}

void main();
