import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { waitFor } from './child-process';
import { freePort } from './free-port';

const BINARY = '/usr/sbin/pgbouncer';

export interface RunningPgBouncer {
  /** `url` (a database of the server behind it) as reached through PgBouncer. */
  through(url: string): string;
  stop(): Promise<void>;
}

/**
 * Debian's PgBouncer in transaction pooling mode in front of the test server, as Azure Flexible
 * Server runs its built-in one: a server connection belongs to a client for one transaction only,
 * and start-up options are not forwarded.
 */
export async function startPgBouncer(serverUrl: string, options: { poolSize?: number; maxClients?: number } = {}): Promise<RunningPgBouncer> {
  if (!existsSync(BINARY)) throw new Error('PgBouncer is not installed; run: apt-get install -y pgbouncer');
  const server = new URL(serverUrl);
  const directory = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
  const port = await freePort();
  const user = decodeURIComponent(server.username);
  writeFileSync(join(directory, 'users.txt'), `"${user}" "${decodeURIComponent(server.password)}"\n`);
  writeFileSync(
    join(directory, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(directory, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 20}`,
      `max_client_conn = ${options.maxClients ?? 500}`,
      'max_db_connections = 0',
      'server_reset_query =',
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; the embedded server's OS user reads the files then.
  for (const file of ['', 'users.txt', 'pgbouncer.ini']) chmodSync(join(directory, file), file === '' ? 0o755 : 0o644);
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(BINARY, [...(asRoot ? ['-u', 'postgres'] : []), join(directory, 'pgbouncer.ini')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const through = (url: string) => {
    const target = new URL(url);
    target.hostname = '127.0.0.1';
    target.port = String(port);
    return target.toString();
  };
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${stderr}`);
      const client = new Client({ connectionString: through(serverUrl) });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    30_000,
    'PgBouncer to accept connections',
  );
  return {
    through,
    async stop() {
      child.kill('SIGINT');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
