/**
 * Every CLI builds dist/ only when a source changed, under a lock, in place: calls on a fresh
 * build compile nothing, concurrent calls after a change compile once and all run, and outputs
 * of deleted sources go. Run on a copy of the sources, so the suite's own dist/ is untouched.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './harness/built';
import { run } from './harness/child-process';

describe('the CLIs build dist/ safely', () => {
  const copy = mkdtempSync(join(tmpdir(), 'cli-build-'));
  beforeAll(() => {
    for (const path of ['apps', 'libs', 'migrations', 'scripts', '.swcrc', 'package.json', 'package-lock.json'])
      cpSync(join(repositoryRoot, path), join(copy, path), { recursive: true });
    symlinkSync(join(repositoryRoot, 'node_modules'), join(copy, 'node_modules'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const build = (...args: string[]) => run(spawn(process.execPath, ['scripts/build.mjs', ...args], { cwd: copy })).finished;
  const token = () =>
    run(
      spawn(
        'bash',
        [
          '-c',
          'node scripts/build.mjs --if-stale && node dist/libs/platform/src/auth/token-cli.js --tenant d3000000-0000-4000-8000-000000000001 --roles Admin',
        ],
        {
          cwd: copy,
          env: { ...process.env, AUTH_DEV_KEY_DIR: join(copy, 'keys') },
        },
      ),
    ).finished;
  const compiled = (output: string) => output.includes('compiling dist/');
  const touch = (path: string) => utimesSync(join(copy, path), new Date(), new Date());

  it('compiles nothing when dist/ is fresh', async () => {
    expect(await build()).toMatchObject({ code: 0 });
    const stamp = statSync(join(copy, 'dist/.build-stamp')).mtimeMs;
    const again = await build('--if-stale');
    expect({ code: again.code, compiled: compiled(again.output) }).toEqual({ code: 0, compiled: false });
    expect(statSync(join(copy, 'dist/.build-stamp')).mtimeMs).toBe(stamp);
  });

  it('after a change, concurrent calls compile once and every one of them runs', async () => {
    touch('libs/platform/src/index.ts');
    const calls = await Promise.all([token(), token(), build('--if-stale')]);
    expect(calls.map((call) => call.code)).toEqual([0, 0, 0]);
    expect(calls.filter((call) => compiled(call.output))).toHaveLength(1);
    for (const call of calls.slice(0, 2)) expect(call.output).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/m);
  });

  it('removes the outputs of a deleted source', async () => {
    cpSync(join(copy, 'libs/platform/src/index.ts'), join(copy, 'libs/platform/src/orphan.ts'));
    expect(await build('--if-stale')).toMatchObject({ code: 0 });
    expect(existsSync(join(copy, 'dist/libs/platform/src/orphan.js'))).toBe(true);
    rmSync(join(copy, 'libs/platform/src/orphan.ts'));
    expect(await build('--if-stale')).toMatchObject({ code: 0 });
    expect(existsSync(join(copy, 'dist/libs/platform/src/orphan.js'))).toBe(false);
    expect(existsSync(join(copy, 'dist/libs/platform/src/index.js'))).toBe(true);
  });

  it('refuses an unknown argument with exit 2 and explains --help', async () => {
    expect(await build('--fast')).toMatchObject({ code: 2 });
    const help = await build('--help');
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/--if-stale/);
  });
});
