import { serviceDatabaseEnv, type TestBackend } from '../../../test/harness/backends';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
import { WafPanelService } from '../src/waf-panel.service-definition';

export const TENANT_A = 'aa000000-0000-4000-8000-000000000001';
export const TENANT_B = 'bb000000-0000-4000-8000-000000000002';

export interface Who {
  roles?: string[];
  tenant?: string;
  sub?: string;
  email?: string;
}

export const ADMIN: Who = { roles: ['Admin'], sub: 'admin-1', email: 'admin@example.com' };
export const EDITOR: Who = { roles: ['Editor'], sub: 'editor-1', email: 'editor@example.com' };
export const VIEWER: Who = { roles: ['Viewer'], sub: 'viewer-1', email: 'viewer@example.com' };
export const NODE: Who = { roles: ['WafNode'], sub: 'node-1' };
export const ADMIN_B: Who = { ...ADMIN, tenant: TENANT_B, sub: 'admin-b' };

export type WafUnderTest = ServiceUnderTest<Who>;

/** The real WAF panel on the backend, listening on a free port. */
export function startWafPanel(backend: TestBackend, env: Record<string, string> = {}, port = 0): Promise<WafUnderTest> {
  return startHttpService<Who>(
    WafPanelService,
    { ...serviceDatabaseEnv(backend), WAF_CRS_INCLUDE: '/usr/share/modsecurity-crs/rules/*.conf', ...env },
    (who = ADMIN) => ({
      tenant: who.tenant ?? TENANT_A,
      roles: who.roles ?? ['Admin'],
      sub: who.sub ?? 'admin-1',
      email: who.email,
    }),
    port,
  );
}

export const VHOST = { domain: 'Shop.Example.COM', backends: [{ url: 'HTTP://App:8080/' }] };
export const POLICY = { name: 'Shop policy', mode: 'blocking' };
