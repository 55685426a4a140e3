/**
 * `npm run bench`: runs every benchmark against real servers on this machine and writes
 * docs/benchmarks.md. Never part of the tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../test/harness/embedded-postgres-server';
import type { BenchResult } from './bench-result';
import { benchCtLog } from './ctlog.bench';
import { benchBootCheck } from './migrations-boot-check.bench';

async function main(): Promise<void> {
  const postgres = await startEmbeddedPostgres();
  const directory = mkdtempSync(join(tmpdir(), 'cps-bench-'));
  const results: BenchResult[] = [];
  try {
    const database = 'bench';
    const admin = new Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(postgres.adminUrl);
    url.pathname = `/${database}`;
    results.push({ ...(await benchBootCheck('PostgreSQL', url.toString())), target: '< 100 ms median' });
    results.push(await benchBootCheck('SQLite', `sqlite:${directory}/`));
    results.push(...(await benchCtLog(url.toString())));
  } finally {
    await postgres.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  const rows = results.map((r) => `| ${r.name} | ${r.median.toFixed(1)} ${r.unit} | ${r.p95.toFixed(1)} ${r.unit} | ${r.rounds} | ${r.target ?? ''} |`);
  const report = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); every number below comes from one run on the machine named here.',
    '',
    `- Run: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    '- PostgreSQL: the embedded server from `embedded-postgres` on loopback; SQLite: a file in the temp directory.',
    '',
    '| benchmark | median | p95 | rounds | target |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(resolve(__dirname, '../../docs/benchmarks.md'), report);
  process.stdout.write(report);
}

void main();
