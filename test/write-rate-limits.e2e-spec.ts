/**
 * Per-principal write limits on the WAF panel and the CT log (the portal's own, spec'd one is in
 * portal-http.e2e-spec.ts): 429 problem with Retry-After past the limit, reads and other callers
 * untouched, CT submissions bounded by the log's pool instead.
 */
import 'reflect-metadata';
import { ConfigurationError } from '@lib/persistence';
import { createRoot, issue } from '../apps/ct-log/test/test-pki';
import { ADMIN as CT_ADMIN, type CtUnderTest, startCtLog, SUBMITTER, waitServing } from '../apps/ct-log/test/ct-harness';
import { readCtConfig } from '../apps/ct-log/src/ct-config';
import { EDITOR, startWafPanel, TENANT_B, type WafUnderTest } from '../apps/waf-panel/test/waf-harness';
import { readWafConfig } from '../apps/waf-panel/src/waf-config';
import { describeBackends } from './harness/backends';

describeBackends('per-principal write rate limits', (backend) => {
  describe('WAF panel', () => {
    let waf: WafUnderTest;
    beforeAll(async () => {
      waf = await startWafPanel(backend, { WAF_RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    });
    afterAll(() => waf?.close());

    it('answers the fourth write of a minute 429 with Retry-After; reads, other callers and other tenants go on', async () => {
      const writer = { ...EDITOR, sub: 'busy-editor' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await waf.call('POST', '/api/v1/policies', { who: writer, body: { name: `limited ${i}`, mode: 'blocking' } })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      const limited = await waf.call('POST', '/api/v1/policies', { who: writer, body: { name: 'limited 4', mode: 'blocking' } });
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.body).toMatchObject({ status: 429, type: 'urn:waf-panel:problem:rate-limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await waf.call('GET', '/api/v1/policies?q=limited', { who: writer })).body.items).toHaveLength(3);
      expect(
        (await waf.call('POST', '/api/v1/policies', { who: { ...EDITOR, sub: 'another-editor' }, body: { name: 'other caller', mode: 'blocking' } })).status,
      ).toBe(201);
      expect(
        (await waf.call('POST', '/api/v1/policies', { who: { ...writer, tenant: TENANT_B }, body: { name: 'other tenant', mode: 'blocking' } })).status,
      ).toBe(201);
    });
  });

  describe('CT log', () => {
    let ct: CtUnderTest;
    beforeAll(async () => {
      ct = await startCtLog(backend, { CTLOG_RATE_LIMIT_WRITES_PER_MINUTE: '2' });
    });
    afterAll(() => ct?.close());

    it('limits admin writes per caller but never submissions, which the pool bounds', async () => {
      const root = await createRoot();
      const create = (name: string) =>
        ct.call('POST', '/api/v1/admin/logs', { who: CT_ADMIN, body: { name, kind: 'rfc6962', key: 'generate', roots: [root.b64] } });
      expect([(await create('limited-a')).status, (await create('limited-b')).status, (await create('limited-c')).status]).toEqual([201, 201, 429]);
      await waitServing(ct, 'limited-a');
      const leaves = await Promise.all(Array.from({ length: 4 }, () => issue(root)));
      for (const leaf of leaves)
        expect((await ct.call('POST', '/logs/limited-a/ct/v1/add-chain', { who: SUBMITTER, body: { chain: [leaf.b64] } })).status).toBe(200);
    });
  });
});

describe('write rate limit settings', () => {
  it.each([
    [() => readWafConfig({ WAF_RATE_LIMIT_WRITES_PER_MINUTE: '0' }), 'WAF_RATE_LIMIT_WRITES_PER_MINUTE'],
    [() => readCtConfig({ CTLOG_RATE_LIMIT_WRITES_PER_MINUTE: 'lots' }), 'CTLOG_RATE_LIMIT_WRITES_PER_MINUTE'],
  ])('a bad value fails at boot naming %#', (read, variable) => {
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(variable);
  });

  it('defaults to 600 writes per principal per minute', () => {
    expect(readWafConfig({}).writeRateLimitPerMinute).toBe(600);
    expect(readCtConfig({}).writeRateLimitPerMinute).toBe(600);
  });
});
