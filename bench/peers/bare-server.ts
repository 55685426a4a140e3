/**
 * What every bare peer of the api suite shares: the simplest correct server a hand-written
 * service would be. It verifies the same ES256 bearer token (jose) on every request, acts as
 * the service's unprivileged role (a start-up option: the peer talks to PostgreSQL directly),
 * and runs each request's statements in one tenant transaction (BEGIN, set_config, the
 * statements, COMMIT). No validation library, no routing table, no DI.
 *
 * Env: DATABASE_URL (superuser URL; the pool acts as the role given), PORT, AUTH_DEV_KEY_DIR,
 * DATABASE_POOL_SIZE (default 10, as the services).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import { Pool, type PoolClient } from 'pg';
import { loadDevSigningKey } from '../../libs/platform/src/auth/dev-signing-key';

export interface Principal {
  readonly tenant: string;
  readonly sub: string;
  readonly roles: string[];
  readonly email: string | null;
}

export type Handler = (principal: Principal, url: URL, request: IncomingMessage, response: ServerResponse) => Promise<void>;

const keyPromise = loadDevSigningKey(process.env.AUTH_DEV_KEY_DIR!);

async function principalOf(request: IncomingMessage): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  try {
    const { payload } = await jwtVerify(header.slice(7), (await keyPromise).publicKey, {
      issuer: 'urn:control-plane:dev',
      audience: 'control-plane',
      algorithms: ['ES256'],
      requiredClaims: ['exp', 'sub'],
    });
    return {
      tenant: String(payload.tid),
      sub: String(payload.sub),
      roles: payload.roles as string[],
      email: typeof payload.email === 'string' ? payload.email : null,
    };
  } catch {
    return null;
  }
}

export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': status < 400 ? 'application/json' : 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export const problem = (response: ServerResponse, status: number, title: string) => send(response, status, { title, status });

/** The request's JSON body, or undefined (after a 400) when it is not JSON. */
export async function readJson(request: IncomingMessage, response: ServerResponse): Promise<Record<string, any> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    problem(response, 400, 'Bad Request');
    return undefined;
  }
}

/** One pool acting as `role`, and a tenant transaction on it. */
export function tenantPool(role: string) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: `-c role=${role}` });
  return {
    pool,
    async inTenant<T>(tenant: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('START TRANSACTION');
        await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenant]);
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Listens on PORT: readiness without a token, everything else through `handle` with a verified principal. */
export function serve(pool: Pool, handle: Handler): void {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://peer');
      if (url.pathname === '/health/ready') return send(response, 200, { status: 'ok' });
      const principal = await principalOf(request);
      if (!principal) return problem(response, 401, 'Unauthorized');
      await handle(principal, url, request, response);
    })().catch(() => problem(response, 500, 'Internal Server Error'));
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}
