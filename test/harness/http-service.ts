import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, type CreatedService, mintDevToken, readAuthConfig, type ServiceDefinition } from '@lib/platform';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Who a test request acts as: the token's tenant, subject, roles and extra claims. */
export interface TokenSubject {
  tenant: string;
  sub: string;
  roles: string[];
  email?: string;
  claims?: Record<string, string>;
}

export interface CallOptions<W> {
  /** `null` sends no token. */
  who?: W | null;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
}

export interface ServiceUnderTest<W> {
  readonly base: string;
  readonly service: CreatedService;
  token(who?: W): Promise<string>;
  call<T = any>(method: string, path: string, options?: CallOptions<W>): Promise<Answer<T>>;
  close(): Promise<void>;
}

process.env.LOG_LEVEL ??= 'warn';
const keyDirectory = mkdtempSync(join(tmpdir(), 'service-keys-'));

/**
 * A real service (Fastify, guards, pipes, filter) listening on a free loopback port (or `port`:
 * a restart where clients expect it), with dev tokens minted for `subject(who)`.
 */
export async function startHttpService<W>(
  definition: ServiceDefinition,
  env: Record<string, string>,
  subject: (who: W | undefined) => TokenSubject,
  port = 0,
): Promise<ServiceUnderTest<W>> {
  const fullEnv = { NODE_ENV: 'test', AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keyDirectory, LOG_LEVEL: 'warn', ...env };
  const service = await createService(definition, { env: fullEnv });
  await service.app.listen({ port, host: '127.0.0.1' });
  const base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  const authConfig = readAuthConfig(fullEnv);
  const token = (who?: W) => {
    const s = subject(who);
    return mintDevToken({ tenant: s.tenant, roles: s.roles, email: s.email, subject: s.sub, claims: s.claims ?? {} }, authConfig);
  };
  return {
    base,
    service,
    token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.who !== null) headers.authorization = `Bearer ${await token(options.who)}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${base}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as any };
    },
    close: () => service.app.close(),
  };
}
