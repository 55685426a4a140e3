/** HTTP conventions over the real app, the OpenAPI document, and boot-time configuration. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@lib/persistence';
import { describeBackends } from '../../../test/harness/backends';
import { built } from '../../../test/harness/built';
import { readPortalConfig } from '../src/portal-config';
import { ADMIN, type PortalUnderTest, startPortal, TENANT_A } from './portal-harness';

const ROUTES: Array<[string, string]> = [
  ['get', '/api/v1/sources'],
  ['post', '/api/v1/sources'],
  ['get', '/api/v1/sources/{id}'],
  ['patch', '/api/v1/sources/{id}'],
  ['post', '/api/v1/sources/{id}/provision'],
  ['post', '/api/v1/sources/{id}/decommission'],
  ['post', '/api/v1/sources/{id}/scan'],
  ['get', '/api/v1/pipelines'],
  ['get', '/api/v1/pipelines/{id}'],
  ['get', '/api/v1/pipelines/{id}/runs'],
  ['post', '/api/v1/pipelines/{id}/trigger'],
  ['get', '/api/v1/access'],
  ['post', '/api/v1/access'],
  ['get', '/api/v1/access/{id}'],
  ['post', '/api/v1/access/{id}/approve'],
  ['post', '/api/v1/access/{id}/deny'],
  ['post', '/api/v1/access/{id}/revoke'],
  ['get', '/api/v1/marketplace/access-requests'],
  ['post', '/api/v1/marketplace/access-requests'],
  ['get', '/api/v1/marketplace/access-requests/{id}'],
  ['put', '/api/v1/marketplace/access-requests/{id}/approve'],
  ['put', '/api/v1/marketplace/access-requests/{id}/deny'],
  ['get', '/api/v1/marketplace/products'],
  ['post', '/api/v1/marketplace/products'],
  ['get', '/api/v1/marketplace/products/{id}'],
  ['put', '/api/v1/marketplace/products/{id}'],
  ['delete', '/api/v1/marketplace/products/{id}'],
  ['get', '/api/v1/marketplace/products/{id}/quality'],
  ['post', '/api/v1/marketplace/products/{id}/quality'],
  ['get', '/api/v1/marketplace/domains'],
  ['get', '/api/v1/marketplace/stats'],
  ['get', '/api/v1/stats'],
  ['get', '/api/v1/stats/domains/{domain}'],
  ['get', '/api/v1/domains'],
  ['get', '/api/v1/audit/events'],
  ['get', '/api/v1/audit/verify'],
  ['get', '/api/v1/health'],
];

describeBackends('portal HTTP conventions', (backend) => {
  let portal: PortalUnderTest;

  beforeAll(async () => {
    portal = await startPortal(backend, { PORTAL_RATE_LIMIT_WRITES_PER_MINUTE: '3', CORS_ORIGINS: 'https://admin.contoso.com' });
  });
  afterAll(() => portal?.close());

  it('401 with WWW-Authenticate: Bearer and the spec details; health stays public', async () => {
    const missing = await portal.call('GET', '/api/v1/sources', { who: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body).toMatchObject({ type: 'urn:problem:portal:unauthorized', detail: 'Missing authorization header.' });
    const invalid = await portal.call('GET', '/api/v1/sources', { who: null, headers: { authorization: 'Bearer not.a.token' } });
    expect(invalid.body.detail).toBe('Invalid or expired token.');
    const badTenant = await portal.call('GET', '/api/v1/sources', { who: { tenant: 'not-a-uuid' } as never }).catch(() => undefined);
    expect(badTenant?.status ?? 401).toBe(401);
    const health = await portal.call('GET', '/api/v1/health', { who: null });
    expect(health.status).toBe(200);
    expect(Object.keys(health.body).sort()).toEqual(['status', 'timestamp']);
    expect(health.body.status).toBe('healthy');
  });

  it('403 for a token without a portal role on every route; roles are case-sensitive', async () => {
    for (const roles of [[], ['admin'], ['Viewer']]) {
      const answer = await portal.call('GET', '/api/v1/stats', { who: { roles } });
      expect(answer.body).toMatchObject({
        status: 403,
        type: 'urn:problem:portal:forbidden',
        detail: 'One of the following roles is required: Reader, Contributor, Admin',
      });
    }
    expect((await portal.call('POST', '/api/v1/access', { who: { roles: [] }, body: {} })).status).toBe(403);
  });

  it('problem+json for unknown routes, malformed JSON, oversize and unsupported bodies', async () => {
    const unknown = await portal.call('GET', '/api/v1/nothing-here', { who: ADMIN });
    expect(unknown.body).toMatchObject({ status: 404, type: 'urn:problem:portal:not-found', detail: 'Not Found', instance: '/api/v1/nothing-here' });
    const wrongMethod = await portal.call('DELETE', '/api/v1/sources/src-001', { who: ADMIN });
    expect(wrongMethod.body).toMatchObject({ status: 405, type: 'urn:problem:portal:method-not-allowed' });
    expect(wrongMethod.headers.get('allow')).toBe('GET, PATCH');
    const malformed = await portal.call('POST', '/api/v1/access', { who: ADMIN, raw: '{"data_product_id":', headers: { 'content-type': 'application/json' } });
    expect(malformed.body).toMatchObject({ status: 400, type: 'urn:problem:portal:malformed-request' });
    const huge = await portal.call('POST', '/api/v1/access', { who: ADMIN, body: { data_product_id: 'dp-002', justification: 'x'.repeat(1024 * 1024 + 10) } });
    expect(huge.body).toMatchObject({ status: 413, type: 'urn:problem:portal:payload-too-large' });
    const text = await portal.call('POST', '/api/v1/access', { who: ADMIN, raw: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.body).toMatchObject({ status: 415, type: 'urn:problem:portal:unsupported-media-type' });
    expect((await portal.call('GET', '/api/v1/access', { who: ADMIN })).headers.get('x-total-count')).toBe('4');
  });

  it('echoes a valid x-correlation-id (or x-request-id), replaces unsafe ones, and audits it', async () => {
    const echoed = await portal.call('GET', '/api/v1/stats', { who: ADMIN, headers: { 'x-correlation-id': 'ui:1234.abc-_' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('ui:1234.abc-_');
    expect((await portal.call('GET', '/api/v1/stats', { who: ADMIN, headers: { 'x-request-id': 'req-77' } })).headers.get('x-correlation-id')).toBe('req-77');
    for (const unsafe of ['a'.repeat(129), 'has space', 'semi;colon', 'at@sign']) {
      expect((await portal.call('GET', '/api/v1/stats', { who: ADMIN, headers: { 'x-correlation-id': unsafe } })).headers.get('x-correlation-id')).not.toBe(
        unsafe,
      );
    }
    await portal.call('POST', '/api/v1/pipelines/pl-002/trigger', {
      who: ADMIN,
      headers: { 'x-correlation-id': 'trace-trigger-1', 'user-agent': 'portal-ui/2.0' },
    });
    const [event] = (await portal.call('GET', '/api/v1/audit/events?action=pipeline.trigger', { who: ADMIN })).body;
    expect(event).toMatchObject({ correlation_id: 'trace-trigger-1', user_agent: 'portal-ui/2.0', source_ip: '127.0.0.1' });
  });

  it('sends the security headers and CORS for the configured origins only', async () => {
    const answer = await portal.call('GET', '/api/v1/stats', { who: ADMIN, headers: { origin: 'https://admin.contoso.com' } });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(answer.headers.get('permissions-policy')).toContain('camera=()');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://admin.contoso.com');
    expect(answer.headers.get('access-control-expose-headers')).toContain('X-Total-Count');
    const stranger = await portal.call('GET', '/api/v1/stats', { who: ADMIN, headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits writes per tenant + subject with 429 and Retry-After; reads and other callers are not limited', async () => {
    const writer = { ...ADMIN, sub: 'rate-limited' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await portal.call('POST', '/api/v1/pipelines/pl-004/trigger', { who: writer })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await portal.call('POST', '/api/v1/pipelines/pl-004/trigger', { who: writer });
    expect(limited.body).toMatchObject({ type: 'urn:problem:portal:rate-limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await portal.call('GET', '/api/v1/pipelines', { who: writer })).status).toBe(200);
    expect((await portal.call('POST', '/api/v1/pipelines/pl-004/trigger', { who: { ...ADMIN, sub: 'someone-else' } })).status).toBe(200);
  });

  it.each([
    ['GET', '/api/v1/pipelines/pl-001/runs?limit=101', 422, undefined, undefined],
    ['GET', '/api/v1/marketplace/products/dp-001/quality?days=0', 422, undefined, undefined],
    ['GET', '/api/v1/marketplace/products?min_quality=1.5', 422, undefined, undefined],
    ['GET', '/api/v1/access?view=everything', 422, undefined, undefined],
    ['GET', '/api/v1/audit/events?since=yesterday', 422, undefined, undefined],
    ['POST', '/api/v1/access/nope/approve', 404, "Request 'nope' not found.", undefined],
    ['POST', '/api/v1/access/nope/revoke', 404, "Request 'nope' not found.", undefined],
    ['POST', '/api/v1/access/ar-002/approve?x=1', 422, undefined, { notes: 'n'.repeat(2001) }],
    ['PUT', '/api/v1/marketplace/products/nope', 404, "Product 'nope' not found.", { version: '2' }],
    ['POST', '/api/v1/marketplace/products/nope/quality', 404, "Product 'nope' not found.", undefined],
    ['GET', '/api/v1/pipelines/nope/runs', 404, "Pipeline 'nope' not found.", undefined],
    ['POST', '/api/v1/sources/nope/provision', 404, "Source 'nope' not found.", undefined],
  ])('%s %s answers %i', async (method, path, status, detail, body) => {
    // A subject per row: this app limits writes to 3 a minute per tenant + subject.
    const answer = await portal.call(method as string, path as string, { who: { ...ADMIN, sub: `${method} ${path}` }, body });
    expect(answer.status).toBe(status);
    if (detail) expect(answer.body.detail).toBe(detail);
  });

  it('GET item with a matching If-None-Match answers 304 for products too', async () => {
    const first = await portal.call('GET', '/api/v1/marketplace/products/dp-004', { who: ADMIN });
    expect(first.headers.get('etag')).toBe('"1"');
    const again = await portal.call('GET', '/api/v1/marketplace/products/dp-004', { who: ADMIN, headers: { 'if-none-match': 'W/"1"' } });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it('documents every route in OpenAPI with its DTOs and problem answers', async () => {
    const document = (await portal.call('GET', '/api/docs-json', { who: null })).body;
    for (const [method, path] of ROUTES) expect([method, path, Boolean(document.paths[path]?.[method])]).toEqual([method, path, true]);
    const register = document.paths['/api/v1/sources'].post;
    expect(register.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateSourceDto');
    expect(register.responses['422']).toBeDefined();
    expect(document.components.schemas.CreateSourceDto.properties.source_type.enum).toContain('kafka');
    expect(
      document.components.schemas.ListSourcesQuery ?? document.paths['/api/v1/sources'].get.parameters.find((p: { name: string }) => p.name === 'limit'),
    ).toBeDefined();
  });
});

describe('portal configuration at boot', () => {
  it.each([
    [{ NODE_ENV: 'production', DEMO_DATA: 'true' }, 'DEMO_DATA'],
    [{ NODE_ENV: 'production', CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ NODE_ENV: 'production', PORTAL_CLOCK_OFFSET_SECONDS: '60' }, 'PORTAL_CLOCK_OFFSET_SECONDS'],
    [{ DEMO_TENANT_IDS: 'acme' }, 'DEMO_TENANT_IDS'],
    [{ ACCESS_EXPIRY_SWEEP_SECONDS: '-1' }, 'ACCESS_EXPIRY_SWEEP_SECONDS'],
    [{ PORTAL_VOLUME_GB_PER_SOURCE: 'lots' }, 'PORTAL_VOLUME_GB_PER_SOURCE'],
    [{ PORTAL_RATE_LIMIT_WRITES_PER_MINUTE: '0' }, 'PORTAL_RATE_LIMIT_WRITES_PER_MINUTE'],
    [{ CORS_ORIGINS: 'not an origin' }, 'CORS_ORIGINS'],
  ])('%j fails naming %s', (env, variable) => {
    expect(() => readPortalConfig(env)).toThrow(ConfigurationError);
    expect(() => readPortalConfig(env)).toThrow(variable);
  });

  it('turns demo data on in development and off in production and test', () => {
    expect(readPortalConfig({}).demoData).toBe(true);
    expect(readPortalConfig({ NODE_ENV: 'production' }).demoData).toBe(false);
    expect(readPortalConfig({ NODE_ENV: 'test' }).demoData).toBe(false);
  });
});

describe('npm run token for the portal', () => {
  it('puts --domain, --team, --email and --sub into the token a newcomer explores the demo with', () => {
    const keys = mkdtempSync(join(tmpdir(), 'portal-token-'));
    const token = execFileSync(
      process.execPath,
      [
        built('libs/platform/src/auth/token-cli.js'),
        '--tenant',
        TENANT_A,
        '--roles',
        'Reader,Contributor',
        '--domain',
        'finance',
        '--team',
        'fin-ops',
        '--email',
        'new@contoso.com',
        '--sub',
        'newcomer',
      ],
      { env: { ...process.env, NODE_ENV: 'development', AUTH_DEV_KEY_DIR: keys }, encoding: 'utf8' },
    ).trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      tid: TENANT_A,
      roles: ['Reader', 'Contributor'],
      domain: 'finance',
      team: 'fin-ops',
      email: 'new@contoso.com',
      sub: 'newcomer',
    });
  });

  it('says which dev key signed the token, and warns loudly when it had to create one', () => {
    const keys = mkdtempSync(join(tmpdir(), 'portal-token-'));
    const mint = () =>
      spawnSync(process.execPath, [built('libs/platform/src/auth/token-cli.js'), '--tenant', TENANT_A], {
        env: { ...process.env, NODE_ENV: 'development', AUTH_DEV_KEY_DIR: keys },
        encoding: 'utf8',
      });
    const first = mint();
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`WARNING: there was no dev key in ${keys}`);
    const second = mint();
    expect(second.stderr).toBe(`token: signed with the dev key ${join(keys, 'dev-auth-key.json')}\n`);
    expect(second.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});
