/**
 * `npm run bench [-- <suite> ...]`: runs benchmarks against real servers on this machine, writes
 * each suite's figures to bench/results/<suite>.json and regenerates docs/benchmarks.md from
 * every suite's latest results. Never part of the tests.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../test/harness/embedded-postgres-server';
import type { BenchResult } from './bench-result';
import { benchApi } from './api.bench';
import { benchConsole } from './console.bench';
import { benchCtLog } from './ctlog.bench';
import { createDatabase, serverVersion } from './databases';
import { benchDataCopy } from './data-copy.bench';
import { ensureDebianTools } from './debian-tools';
import { benchMemory } from './memory.bench';
import { benchBootCheck } from './migrations-boot-check.bench';
import { benchSoak } from './soak.bench';

interface SuiteRun {
  readonly suite: string;
  readonly ranAt: string;
  readonly machine: string;
  readonly results: BenchResult[];
}

/** Each suite gets the embedded server's superuser URL and a scratch directory. */
const SUITES: Record<string, (adminUrl: string, directory: string) => Promise<BenchResult[]>> = {
  api: async (adminUrl) => benchApi(await createDatabase(adminUrl, 'bench_api')),
  migrations: async (adminUrl, directory) => [
    { ...(await benchBootCheck('PostgreSQL', await createDatabase(adminUrl, 'bench_migrations'))), target: '< 100 ms median' },
    await benchBootCheck('SQLite', `sqlite:${directory}/`),
  ],
  ctlog: async (adminUrl) => benchCtLog(await createDatabase(adminUrl, 'bench_ctlog')),
  'data-copy': (adminUrl) => benchDataCopy(adminUrl),
  memory: (adminUrl) => benchMemory(adminUrl),
  soak: (adminUrl) => benchSoak(adminUrl),
  console: async (adminUrl) => benchConsole(await createDatabase(adminUrl, 'bench_console')),
};

/** The Debian tools each suite drives, by command: the package that provides it. */
const TOOLS: Record<string, Record<string, string>> = {
  api: { wrk: 'wrk', pgbench: 'postgresql-client' },
  'data-copy': { pgloader: 'pgloader' },
  memory: { wrk: 'wrk' },
  soak: { wrk: 'wrk' },
};

const RESULTS = resolve(__dirname, '../../bench/results');

const USAGE = `usage: npm run bench [-- <suite> ...]
Runs each suite (all when none is named) beside its peers on this machine, writes
bench/results/<suite>.json and regenerates docs/benchmarks.md.
suites: ${Object.keys(SUITES).join(', ')}
Debian tools it installs when missing: ${[...new Set(Object.values(TOOLS).flatMap((tools) => Object.values(tools)))].join(', ')}
exit codes: 0 done, 1 a suite failed, 2 unknown suite
`;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  if (asked.includes('--help') || asked.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const unknown = asked.filter((suite) => !SUITES[suite]);
  if (unknown.length) {
    process.stderr.write(`unknown suite ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}\n`);
    process.exit(2);
  }
  const suites = asked.length ? asked : Object.keys(SUITES);
  ensureDebianTools(Object.assign({}, ...suites.map((suite) => TOOLS[suite] ?? {})));
  mkdirSync(RESULTS, { recursive: true });
  const postgres = await startEmbeddedPostgres();
  const directory = mkdtempSync(join(tmpdir(), 'cps-bench-'));
  try {
    const machine = `Node ${process.version}, PostgreSQL ${await serverVersion(postgres.adminUrl)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
    for (const suite of suites) {
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
  return [
    '# Benchmarks',
    '',
    "Written by `npm run bench` (bench/run.ts; `npm run bench -- <suite>` reruns one suite); each suite's",
    'figures come from one run, with every peer it names measured in that same run, on the machine named.',
    'PostgreSQL is the embedded server from `embedded-postgres` on loopback; SQLite a file in the temp directory.',
    'Suites: api (each service vs a bare node:http + pg peer of its own; the portal also vs itself without RLS,',
    "through PgBouncer, and vs pgbench), ctlog (the CT log's append, proof, submission and storage goals),",
    'data-copy (vs pgloader), migrations (boot-time check), memory (RSS of each service process),',
    'soak (10 minutes of mixed load on all three services at once: 5xx answers and RSS growth).',
    'Debian tools they drive (wrk, pgbench, pgloader) are installed first when missing, or the apt-get line printed.',
    'How each suite measures, why a goal is missed and what limits it: [performance.md](performance.md).',
    '',
    ...runs.flatMap((run) => [`## ${run.suite}`, '', `Run ${run.ranAt} on ${run.machine}.`, '', ...table(run.results), '']),
  ].join('\n');
}

const format = (value: number | null) =>
  value === null || Number.isNaN(value) ? '—' : value >= 1000 ? Math.round(value).toLocaleString('en') : value.toFixed(1);

/** A throughput suite gets a latency column instead of a p95 of its (single) rate. */
function table(results: BenchResult[]): string[] {
  const underLoad = results.some((r) => r.latency);
  const figure = (value: number | null, unit: string) => (value === null || Number.isNaN(value) ? '—' : `${format(value)} ${unit}`);
  return underLoad
    ? [
        '| benchmark | result | latency p50 / p99 | requests | target |',
        '|---|---|---|---|---|',
        ...results.map(
          (r) =>
            `| ${r.name} | ${figure(r.median, r.unit)} | ${r.latency ? `${format(r.latency.p50)} / ${format(r.latency.p99)} ms` : ''} | ${r.rounds} | ${r.target ?? ''} |`,
        ),
      ]
    : [
        '| benchmark | median | p95 | rounds | target |',
        '|---|---|---|---|---|',
        ...results.map((r) => `| ${r.name} | ${figure(r.median, r.unit)} | ${figure(r.p95, r.unit)} | ${r.rounds} | ${r.target ?? ''} |`),
      ];
}

void main();
