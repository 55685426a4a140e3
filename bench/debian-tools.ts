import { spawnSync } from 'node:child_process';

/**
 * Installs the Debian packages behind any missing command (as root, or with password-less sudo);
 * otherwise prints the exact apt-get line and exits 2, before any suite has started.
 */
export function ensureDebianTools(tools: Record<string, string>): void {
  const missing = Object.entries(tools).filter(([command]) => spawnSync(command, ['--version']).error !== undefined);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(([, pack]) => pack))].join(' ');
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  const line = `${root ? '' : 'sudo '}apt-get update && ${root ? '' : 'sudo '}DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages}`;
  const commands = missing.map(([command]) => command).join(', ');
  if (!root && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    process.stderr.write(`the benchmarks need ${commands}; install them with:\n  ${line}\n`);
    process.exit(2);
  }
  process.stderr.write(`installing ${packages} for ${commands}…\n`);
  const apt = (args: string[]) =>
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(root ? [] : ['apt-get']), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', '--no-install-recommends', ...packages.split(' ')])) {
    process.stderr.write(`installing failed; run:\n  ${line}\n`);
    process.exit(2);
  }
}
