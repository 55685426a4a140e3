#!/usr/bin/env node
// Compiles apps/, libs/ and migrations/ into dist/ with SWC, and the console's web app into
// dist/console-web with Vite.
//
//   node scripts/build.mjs              rebuild
//   node scripts/build.mjs --if-stale   rebuild only when a source is newer than the last build
//
// Every CLI runs it with --if-stale first, so it must never break a running service or another
// CLI: builds take a lock (one at a time; the others wait, then find the build fresh) and compile
// over dist/ in place, never emptying it first; outputs whose source is gone are removed after.
// Exit codes: 0 built or fresh, 1 the compiler failed, 2 bad arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');
const SOURCES = ['apps', 'libs', 'migrations', '.swcrc', 'package-lock.json'];
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const lock = join(root, '.build-lock');
const LOCK_STALE_MS = 10 * 60_000;

const args = process.argv.slice(2);
if (args.some((arg) => arg === '--help' || arg === '-h')) {
  process.stdout.write(
    'usage: node scripts/build.mjs [--if-stale]\n  --if-stale  build only when a source changed since the last build\nexit codes: 0 built or fresh, 1 compile failed, 2 bad arguments\n',
  );
  process.exit(0);
}
if (args.some((arg) => arg !== '--if-stale')) {
  process.stderr.write(`build: unknown argument ${args.find((arg) => arg !== '--if-stale')} (see --help)\n`);
  process.exit(2);
}
const ifStale = args.includes('--if-stale');

/** The newest modification time under the sources, in ms. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    // A directory's time moves when an entry is added, renamed or deleted.
    if (stat.mtimeMs > newest) newest = stat.mtimeMs;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  return newest;
}

const fresh = () => {
  const built = statSync(stamp, { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestSource();
};

async function withLock(work) {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A build killed mid-way leaves its lock behind: a lock older than any build is taken over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Compiled files of sources that were moved or deleted. */
function removeOrphans() {
  const visit = (directory) => {
    for (const entry of readdirSync(join(dist, directory), { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.js(\.map)?$/.test(entry.name) && !existsSync(join(root, path.replace(/\.js(\.map)?$/, '.ts')))) rmSync(join(dist, path));
    }
  };
  for (const tree of ['apps', 'libs', 'migrations']) if (existsSync(join(dist, tree))) visit(tree);
}

const CONSOLE_BUDGET_BYTES = 300 * 1024;

/** The console's initial JavaScript (what index.html loads before anything runs), gzipped, against its budget. */
function withinBudget() {
  const web = join(dist, 'console-web');
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]);
  const bytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(web, file))).length, 0);
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  process.stderr.write(`build: console initial JavaScript ${kb(bytes)} gzip in ${initial.length} file(s) (budget ${kb(CONSOLE_BUDGET_BYTES)})\n`);
  if (bytes > CONSOLE_BUDGET_BYTES) process.stderr.write('build: the console is over its JavaScript budget: split a route or drop a dependency\n');
  return bytes <= CONSOLE_BUDGET_BYTES;
}

if (ifStale && fresh()) process.exit(0);
const code = await withLock(async () => {
  if (ifStale && fresh()) return 0;
  const started = newestSource();
  process.stderr.write(ifStale ? 'build: sources changed, compiling dist/ …\n' : 'build: compiling dist/ …\n');
  const swc = spawnSync(
    join(root, 'node_modules', '.bin', 'swc'),
    [
      'apps',
      'libs',
      'migrations',
      '-d',
      dist,
      '--quiet',
      '--ignore',
      '**/*.spec.ts',
      '--ignore',
      'apps/console/web/**',
      '--ignore',
      'apps/console/vite.config.mts',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (swc.status !== 0) return 1;
  const vite = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) return 1;
  if (!withinBudget()) return 1;
  removeOrphans();
  // The stamp carries the newest source it was built from: a source saved during the build makes
  // the next call build again. File times carry fractions of a millisecond; a Date does not.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, new Date(Math.ceil(started)), new Date(Math.ceil(started)));
  return 0;
});
process.exit(code);
