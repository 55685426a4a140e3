import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, type CreatedService, mintDevToken, readAuthConfig } from '@lib/platform';
import type { TestBackend } from '../../../test/harness/backends';
import { PortalService } from '../src/portal.service-definition';
import { PortalModule, type PortalOverrides } from '../src/portal.module';

export const TENANT_A = 'd3000000-0000-4000-8000-000000000001';
export const TENANT_B = 'd3000000-0000-4000-8000-000000000002';

export interface Who {
  roles?: string[];
  tenant?: string;
  domain?: string;
  team?: string;
  email?: string;
  sub?: string;
  preferred_username?: string;
  oid?: string;
}

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface PortalUnderTest {
  readonly base: string;
  readonly service: CreatedService;
  token(who?: Who): Promise<string>;
  /** A request as `who` (default: an Admin of tenant A); `who: null` sends no token. */
  call<T = any>(method: string, path: string, options?: { who?: Who | null; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<Answer<T>>;
  close(): Promise<void>;
}

/** A movable clock for expiry tests. */
export class TestClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

process.env.LOG_LEVEL ??= 'warn';
const keyDirectory = mkdtempSync(join(tmpdir(), 'portal-keys-'));

/** The real portal app (Fastify, guards, pipes, filter) on the backend, listening on a free port. */
export async function startPortal(backend: TestBackend, env: Record<string, string> = {}, overrides: PortalOverrides = {}): Promise<PortalUnderTest> {
  const fullEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: backend.url,
    AUTH_MODE: 'dev',
    AUTH_DEV_KEY_DIR: keyDirectory,
    DEMO_DATA: 'true',
    DEMO_TENANT_IDS: `${TENANT_A},${TENANT_B}`,
    ACCESS_EXPIRY_SWEEP_SECONDS: '0',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const service = await createService({ ...PortalService, module: (e) => PortalModule.forRoot(e, overrides) }, { env: fullEnv });
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  const authConfig = readAuthConfig(fullEnv);
  const token = (who: Who = {}) =>
    mintDevToken(
      {
        tenant: who.tenant ?? TENANT_A,
        roles: who.roles ?? ['Admin'],
        email: who.email,
        subject: who.sub ?? 'user-admin',
        claims: Object.fromEntries(Object.entries({ domain: who.domain, team: who.team, preferred_username: who.preferred_username, oid: who.oid }).filter(([, v]) => v !== undefined)) as Record<string, string>,
      },
      authConfig,
    );
  return {
    base,
    service,
    token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.who !== null) headers.authorization = `Bearer ${await token(options.who ?? {})}`;
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

export const ADMIN: Who = { roles: ['Admin'], email: 'admin@contoso.com', sub: 'admin-1' };
export const READER_FINANCE: Who = { roles: ['Reader'], domain: 'finance', email: 'reader@contoso.com', sub: 'reader-1' };
export const CONTRIB_FINANCE: Who = { roles: ['Contributor'], domain: 'finance', email: 'fin.contrib@contoso.com', sub: 'contrib-fin' };
export const CONTRIB_HR: Who = { roles: ['Contributor'], domain: 'human-resources', email: 'hr.contrib@contoso.com', sub: 'contrib-hr' };
export const NO_DOMAIN: Who = { roles: ['Contributor'], email: 'nodomain@contoso.com', sub: 'contrib-none' };
