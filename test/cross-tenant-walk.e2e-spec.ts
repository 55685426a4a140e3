/**
 * No route gives tenant B anything of tenant A's. For each service, tenant A's data is set up
 * through the API; then every authenticated route of the OpenAPI document that takes path
 * parameters is called by an all-roles token of tenant B with A's identifiers filled in (read
 * from A's own list routes), with every method the document names. Each must answer a 4xx that
 * reveals nothing of A, and A's lists must read the same afterwards.
 */
import 'reflect-metadata'; // before @peculiar/x509 (test-pki), whose DI container needs it
import { createRoot } from '../apps/ct-log/test/test-pki';
import { startCtLog } from '../apps/ct-log/test/ct-harness';
import { startPortal } from '../apps/portal/test/portal-harness';
import { startWafPanel } from '../apps/waf-panel/test/waf-harness';
import { describeBackends, type TestBackend } from './harness/backends';
import type { ServiceUnderTest } from './harness/http-service';
import { apiRoutes, concretePaths, listRoutes, snapshot, valuesAt } from './harness/openapi-routes';

const TENANT_A = 'a1000000-0000-4000-8000-00000000000a';
const TENANT_B = 'b2000000-0000-4000-8000-00000000000b';
const ALL_ROLES = ['Admin', 'Contributor', 'Reader', 'Editor', 'Viewer', 'WafNode', 'CtSubmitter', 'CtReader', 'CtAuditor'];
const A = { tenant: TENANT_A, roles: ALL_ROLES, sub: 'walker-a' };
const B = { tenant: TENANT_B, roles: ALL_ROLES, sub: 'walker-b' };
/** What an answer to B may be: refused, not found, or invalid; never served. */
const REFUSALS = [400, 403, 404, 405, 409, 412, 415, 422, 428];

type Service = ServiceUnderTest<typeof A>;

interface Walked {
  calls: number;
  unfilled: string[];
}

async function walk(service: Service, known: Record<string, string> = {}): Promise<Walked> {
  const authenticated = await apiRoutes(service);
  const lists = listRoutes(authenticated);
  const before = await snapshot(service, A, lists);
  const secrets = (await Promise.all(lists.map((path) => valuesAt(service, A, path, 'name')))).flat().filter((value) => value.length >= 6);
  const walked: Walked = { calls: 0, unfilled: [] };
  for (const [template, operations] of authenticated.filter(([path]) => path.includes('{'))) {
    for (const [method, operation] of Object.entries(operations)) {
      const paths = await concretePaths(service, A, template, operation, known);
      if (paths.length === 0) walked.unfilled.push(`${method.toUpperCase()} ${template}`);
      for (const path of paths) {
        const answer = await service.call(method.toUpperCase(), path, {
          who: B,
          body: method === 'get' || method === 'delete' ? undefined : {},
          headers: { 'if-match': '*' },
        });
        walked.calls += 1;
        expect({ request: `${method.toUpperCase()} ${path}`, status: REFUSALS.includes(answer.status) ? 'refused' : answer.status }).toEqual({
          request: `${method.toUpperCase()} ${path}`,
          status: 'refused',
        });
        const text = JSON.stringify(answer.body ?? '');
        // A 404 may echo the identifier B itself sent; anything else of A's is a leak.
        const leaked = secrets.find((secret) => text.includes(secret) && !decodeURIComponent(path).includes(secret)) ?? null;
        expect({ request: `${method.toUpperCase()} ${path}`, leaked }).toEqual({ request: `${method.toUpperCase()} ${path}`, leaked: null });
      }
    }
  }
  expect(await snapshot(service, A, lists)).toBe(before);
  return walked;
}

describeBackends('cross-tenant walk of every route with path parameters', (backend: TestBackend) => {
  it("portal: tenant B reaches none of tenant A's sources, pipelines, products, access requests or audit events", async () => {
    const portal = (await startPortal(backend, { DEMO_TENANT_IDS: TENANT_A })) as unknown as Service;
    try {
      const walked = await walk(portal, { domain: 'finance' });
      expect(walked.unfilled).toEqual([]);
      expect(walked.calls).toBeGreaterThan(20);
    } finally {
      await portal.close();
    }
  }, 120_000);

  it("waf-panel: tenant B reaches none of tenant A's policies, rules, exclusions, vhosts, revisions or deployments", async () => {
    const waf = (await startWafPanel(backend)) as unknown as Service;
    try {
      const policy = await waf.call('POST', '/api/v1/policies', { who: A, body: { name: 'Walked policy', mode: 'blocking' } });
      expect(policy.status).toBe(201);
      const policyId = policy.body.id as string;
      expect(
        (await waf.call('POST', '/api/v1/vhosts', { who: A, body: { domain: 'walked.example.com', backends: [{ url: 'http://app:8080/' }], policyId } }))
          .status,
      ).toBe(201);
      expect((await waf.call('POST', `/api/v1/policies/${policyId}/exclusions`, { who: A, body: { ruleId: 942100, path: '/walked-login' } })).status).toBe(201);
      const walked = await walk(waf);
      expect(walked.calls).toBeGreaterThan(15);
    } finally {
      await waf.close();
    }
  }, 120_000);

  it("ct-log: tenant B reaches none of tenant A's logs through the admin and audit API", async () => {
    const ct = (await startCtLog(backend)) as unknown as Service;
    try {
      const root = await createRoot('Walk Root');
      expect(
        (await ct.call('POST', '/api/v1/admin/logs', { who: A, body: { name: 'walked-log', kind: 'rfc6962', key: 'generate', roots: [root.b64] } })).status,
      ).toBe(201);
      const walked = await walk(ct);
      expect(walked.calls).toBeGreaterThan(3);
    } finally {
      await ct.close();
    }
  }, 120_000);
});
