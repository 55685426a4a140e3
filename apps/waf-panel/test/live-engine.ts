import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../../test/harness/free-port';
import { waitFor } from '../../../test/harness/child-process';

const MODULE = '/usr/lib/nginx/modules/ngx_http_modsecurity_module.so';
export const CRS_RULES = '/usr/share/modsecurity-crs/rules';
const INSTALL = 'apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs';

export interface DeployedFile {
  readonly path: string;
  readonly content: string;
}

export interface LiveAnswer {
  readonly status: number;
  /** Rule ids the engine logged for this request (matched rules, in blocking and detection mode alike). */
  readonly rules: number[];
}

export interface LiveRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Where the request comes from: 127.0.0.1 (default) or ::1. */
  readonly from?: '127.0.0.1' | '::1';
}

/** A browser's ordinary headers: the CRS scores a request without them at higher paranoia levels. */
export const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.5',
  'accept-encoding': 'gzip, deflate',
};

/**
 * nginx with libmodsecurity and the installed CRS, one `server` per deployed vhost bundle (named
 * by its domain), proxying to a backend that answers 200 to anything. Requests go through the
 * rendered rules; the engine's error log says which rules matched.
 */
export class LiveEngine {
  private constructor(
    private readonly directory: string,
    private readonly nginx: ChildProcess,
    private readonly backend: Server,
    readonly port: number,
    private readonly exited: Promise<unknown>,
  ) {}

  static async start(files: readonly DeployedFile[]): Promise<LiveEngine> {
    if (!existsSync(MODULE) || !existsSync(CRS_RULES)) throw new Error(`nginx with libmodsecurity and the OWASP CRS are not installed; run: sudo ${INSTALL}`);
    const directory = mkdtempSync(join(tmpdir(), 'waf-live-'));
    for (const file of files) {
      mkdirSync(dirname(join(directory, 'deployment', file.path)), { recursive: true });
      writeFileSync(join(directory, 'deployment', file.path), file.content);
    }
    const backend = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('backend ok'));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const backendPort = (backend.address() as { port: number }).port;
    const port = await freePort();
    const servers = files
      .filter((file) => file.path.endsWith('/modsecurity.conf'))
      .map((file) => {
        const domain = JSON.parse(files.find((other) => other.path === file.path.replace('modsecurity.conf', 'vhost.json'))!.content).domain as string;
        return `  server { listen 127.0.0.1:${port}; listen [::1]:${port}; server_name ${domain}; modsecurity on; modsecurity_rules_file ${join(directory, 'deployment', file.path)};
    location / { proxy_pass http://127.0.0.1:${backendPort}; } }`;
      });
    const conf = [
      `load_module ${MODULE};`,
      'daemon off;',
      'master_process off;',
      `pid ${directory}/nginx.pid;`,
      `error_log ${directory}/error.log info;`,
      'events {}',
      'http {',
      '  access_log off;',
      ...nginxTempPaths(directory),
      // A request for a name no bundle serves gets 421, never an unprotected backend.
      `  server { listen 127.0.0.1:${port} default_server; listen [::1]:${port} default_server; return 421; }`,
      ...servers,
      '}',
    ].join('\n');
    writeFileSync(join(directory, 'nginx.conf'), conf);
    const nginx = spawn('nginx', ['-c', join(directory, 'nginx.conf'), '-p', `${directory}/`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => nginx.on('exit', resolve));
    const engine = new LiveEngine(directory, nginx, backend, port, exited);
    // Ready once it answers: the default server's 421.
    await waitFor(
      async () => {
        if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}${engine.log()}`);
        return (await engine.raw('unknown.invalid', '/', {}).catch(() => 0)) === 421;
      },
      30_000,
      'nginx to answer',
    );
    return engine;
  }

  log(): string {
    return existsSync(join(this.directory, 'error.log')) ? readFileSync(join(this.directory, 'error.log'), 'utf8') : '';
  }

  /**
   * Sends one request to the vhost `host` and reports its status and the rules it matched. The
   * path's last segment must be unique to this request: the engine's log lines are found by it
   * (the engine logs the path percent-decoded, so the whole path would not match). With one worker
   * and no master, nginx finishes a request's logging before it serves the next, so the log is
   * complete once a following request has been answered.
   */
  async send(host: string, path: string, options: LiveRequest = {}): Promise<LiveAnswer> {
    const status = await this.raw(host, path, options);
    await this.raw('unknown.invalid', '/', {});
    const last = `/${path.split('?')[0].split('/').pop()}`;
    const rules = new Set<number>();
    for (const line of this.log().split('\n')) {
      if (!line.includes('ModSecurity:') || !/\[uri "([^"]*)"\]/.exec(line)?.[1].endsWith(last)) continue;
      const id = /\[id "(\d+)"\]/.exec(line)?.[1];
      if (id) rules.add(Number(id));
    }
    return { status, rules: [...rules].sort((a, b) => a - b) };
  }

  private raw(host: string, path: string, options: LiveRequest): Promise<number> {
    return sendThrough(this.port, host, path, options);
  }

  async stop(): Promise<void> {
    this.nginx.kill('SIGQUIT');
    await this.exited;
    await new Promise((resolve) => this.backend.close(resolve));
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** nginx's temporary directories under `directory`, so a test's nginx writes nowhere else. */
export const nginxTempPaths = (directory: string) =>
  ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp}_temp_path ${directory}/${temp}_temp;`);

/** One request through nginx on `port` to the vhost `host`, with a browser's headers: its status. */
export function sendThrough(port: number, host: string, path: string, options: LiveRequest = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = options.body;
    const request = httpRequest(
      {
        host: options.from ?? '127.0.0.1',
        localAddress: options.from ?? '127.0.0.1',
        port,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        path,
        agent: false,
        headers: { ...BROWSER, host, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...options.headers },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
