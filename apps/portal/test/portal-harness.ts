import type { TestBackend } from '../../../test/harness/backends';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
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

export type { Answer } from '../../../test/harness/http-service';

export type PortalUnderTest = ServiceUnderTest<Who>;

/** A movable clock for expiry tests. */
export class TestClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The real portal app (Fastify, guards, pipes, filter) on the backend, listening on a free port. */
export async function startPortal(backend: TestBackend, env: Record<string, string> = {}, overrides: PortalOverrides = {}): Promise<PortalUnderTest> {
  const definition = { ...PortalService, module: (e: NodeJS.ProcessEnv) => PortalModule.forRoot(e, overrides) };
  const portalEnv = { DATABASE_URL: backend.url, DEMO_DATA: 'true', DEMO_TENANT_IDS: `${TENANT_A},${TENANT_B}`, ACCESS_EXPIRY_SWEEP_SECONDS: '0', ...env };
  return startHttpService<Who>(definition, portalEnv, (who = {}) => ({
    tenant: who.tenant ?? TENANT_A,
    roles: who.roles ?? ['Admin'],
    email: who.email,
    sub: who.sub ?? 'user-admin',
    claims: Object.fromEntries(
      Object.entries({ domain: who.domain, team: who.team, preferred_username: who.preferred_username, oid: who.oid }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
  }));
}

export const ADMIN: Who = { roles: ['Admin'], email: 'admin@contoso.com', sub: 'admin-1' };
export const READER_FINANCE: Who = { roles: ['Reader'], domain: 'finance', email: 'reader@contoso.com', sub: 'reader-1' };
export const CONTRIB_FINANCE: Who = { roles: ['Contributor'], domain: 'finance', email: 'fin.contrib@contoso.com', sub: 'contrib-fin' };
export const CONTRIB_HR: Who = { roles: ['Contributor'], domain: 'human-resources', email: 'hr.contrib@contoso.com', sub: 'contrib-hr' };
export const NO_DOMAIN: Who = { roles: ['Contributor'], email: 'nodomain@contoso.com', sub: 'contrib-none' };
