/** Products and the audit trail: publish, PUT rules, delete cascade, quality assessment, chain verification, append-only. */
import { Client } from 'pg';
import { Store } from '@lib/persistence';
import { describeBackends } from '../../../test/harness/backends';
import { ADMIN, CONTRIB_FINANCE, CONTRIB_HR, NO_DOMAIN, type PortalUnderTest, READER_FINANCE, startPortal } from './portal-harness';
// The owner's raw connection, past the Store's error translation: the trigger's own refusal is the point.
import { dataSourceOf } from '../../../libs/persistence/src/store';

const PRODUCT = {
  name: 'Cash Flow Forecast 2027 Edition',
  description: 'Weekly forecast',
  domain: 'finance',
  owner: { name: 'F', email: 'f@contoso.com', team: 'Treasury' },
};

/** U(0,1) draws that repeat: 0.5 gives each dimension the middle of its range. */
const half = { next: () => 0.5 };

describeBackends('portal marketplace and audit', (backend) => {
  let portal: PortalUnderTest;

  beforeAll(async () => {
    portal = await startPortal(backend, {}, { random: half });
  });
  afterAll(() => portal?.close());

  it('publishes a product with the slug id, defaults, ETag and Location; own-domain creation and roles apply', async () => {
    const created = await portal.call('POST', '/api/v1/marketplace/products', {
      who: CONTRIB_FINANCE,
      body: { ...PRODUCT, sla: { freshness_minutes: 60 }, lineage: { upstream: ['a'] } },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^dp-finance-cash-flow-forecast-[0-9a-f]{8}$/);
    expect(created.headers.get('location')).toBe(`/api/v1/marketplace/products/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      quality_score: 0,
      completeness: 0,
      availability: 0,
      freshness_hours: 24,
      version: '1.0.0',
      status: 'active',
      classification: 'internal',
      sla: { freshness_minutes: 60, availability_percent: 99.5, valid_row_ratio: 0.95, supported_until: null },
      lineage: { upstream: ['a'], downstream: [], transformations: [] },
      schema_info: null,
      quality_dimensions: null,
    });
    expect((await portal.call('GET', `/api/v1/marketplace/products/${created.body.id}/quality`, { who: ADMIN })).body).toEqual([]);
    expect((await portal.call('POST', '/api/v1/marketplace/products', { who: READER_FINANCE, body: PRODUCT })).status).toBe(403);
    expect((await portal.call('POST', '/api/v1/marketplace/products', { who: CONTRIB_HR, body: PRODUCT })).body.detail).toBe(
      'You do not have access to this domain.',
    );
    expect((await portal.call('POST', '/api/v1/marketplace/products', { who: NO_DOMAIN, body: PRODUCT })).body.detail).toContain('domain claim');
    const bad = await portal.call('POST', '/api/v1/marketplace/products', {
      who: ADMIN,
      body: { ...PRODUCT, documentation_url: 'ftp://x', sample_queries: Array(51).fill('q'), domain: '-bad' },
    });
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['documentation_url', 'domain', 'sample_queries']);
  });

  it('PUT: shallow merge, immutable id and domain, read-only fields ignored, unknown keys refused, If-Match', async () => {
    const path = '/api/v1/marketplace/products/dp-003';
    const updated = await portal.call('PUT', path, {
      who: CONTRIB_FINANCE,
      headers: { 'if-match': '"1"' },
      body: { id: 'dp-003', domain: 'finance', version: '3.1.0', availability: 0.5, quality_score: 0.1, created_at: 'x' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ version: '3.1.0', availability: 0.5, quality_score: 0.981, name: 'Financial General Ledger' });
    const moved = await portal.call('PUT', path, { who: ADMIN, body: { domain: 'marketing' } });
    expect(moved.body).toMatchObject({ status: 422, detail: 'Cannot change product domain via update. Use a separate endpoint if needed.' });
    expect(moved.body.errors[0].path).toBe('domain');
    expect((await portal.call('PUT', path, { who: ADMIN, body: { id: 'dp-999' } })).body.errors[0].path).toBe('id');
    expect((await portal.call('PUT', path, { who: ADMIN, body: { colour: 'blue' } })).body.errors[0].path).toBe('colour');
    expect((await portal.call('PUT', path, { who: ADMIN, headers: { 'if-match': '"1"' }, body: { version: '9' } })).status).toBe(412);
    expect((await portal.call('PUT', path, { who: CONTRIB_HR, body: { version: '9' } })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to this domain.',
    });
    const [event] = (await portal.call('GET', '/api/v1/audit/events?action=product.update&resource_id=dp-003', { who: ADMIN })).body;
    expect(event.after).toEqual({ fields: ['version', 'availability'] });
  });

  it('assesses quality (documented formulas), upserts today in history, bumps the version', async () => {
    const assessed = await portal.call('POST', '/api/v1/marketplace/products/dp-002/quality', { who: ADMIN });
    expect(assessed.status).toBe(200);
    // 0.5 draws: completeness 0.925, freshness 0.92, accuracy 0.94, consistency 0.905, uniqueness 0.96 -> 0.929.
    expect(assessed.body.quality_score).toBe(0.929);
    expect(assessed.body.completeness).toBeCloseTo(0.925, 10);
    expect(assessed.body.quality_dimensions).toMatchObject({ overall_score: 0.929, measured_at: expect.any(String) });
    expect(assessed.headers.get('etag')).toBe('"2"');
    const history = (await portal.call('GET', '/api/v1/marketplace/products/dp-002/quality?days=365', { who: ADMIN })).body;
    expect(history).toHaveLength(30);
    expect(history[0]).toMatchObject({ quality_score: 0.929, freshness_hours: 0.1, row_count: 2550000 });
    await portal.call('POST', '/api/v1/marketplace/products/dp-002/quality', { who: ADMIN });
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-002/quality?days=365', { who: ADMIN })).body).toHaveLength(30);
    expect((await portal.call('POST', '/api/v1/marketplace/products/dp-002/quality', { who: READER_FINANCE })).status).toBe(403);
  });

  it('a quality assessment racing an update loses neither', async () => {
    const [assess, update] = await Promise.all([
      portal.call('POST', '/api/v1/marketplace/products/dp-005/quality', { who: ADMIN }),
      portal.call('PUT', '/api/v1/marketplace/products/dp-005', { who: ADMIN, body: { version: '2.0.0' } }),
    ]);
    expect([assess.status, update.status]).toEqual([200, 200]);
    const final = await portal.call('GET', '/api/v1/marketplace/products/dp-005', { who: ADMIN });
    expect(final.headers.get('etag')).toBe('"3"');
    expect(final.body).toMatchObject({ version: '2.0.0', quality_score: 0.929 });
  });

  it('DELETE: Admin only, 204, cascades history and requests, audited with what it removed', async () => {
    expect((await portal.call('DELETE', '/api/v1/marketplace/products/dp-001', { who: CONTRIB_HR })).body).toMatchObject({
      status: 403,
      detail: 'Admin role required for this operation.',
    });
    expect((await portal.call('DELETE', '/api/v1/marketplace/products/dp-001', { who: ADMIN, headers: { 'if-match': '"7"' } })).status).toBe(412);
    const deleted = await portal.call('DELETE', '/api/v1/marketplace/products/dp-001', { who: ADMIN, headers: { 'if-match': '"1"' } });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-001', { who: ADMIN })).body).toMatchObject({
      status: 404,
      detail: "Product 'dp-001' not found.",
    });
    expect((await portal.call('GET', '/api/v1/access/ar-001', { who: ADMIN })).status).toBe(404);
    const [event] = (await portal.call('GET', '/api/v1/audit/events?action=product.delete', { who: ADMIN })).body;
    expect(event.before).toEqual({ name: 'Employee Master Data', domain: 'human-resources', access_request_ids: ['ar-001'], quality_history_rows: 30 });
    expect((await portal.call('DELETE', '/api/v1/marketplace/products/dp-001', { who: ADMIN })).status).toBe(404);
  });

  it('filters audit events and verifies the hash chain', async () => {
    const all = await portal.call('GET', '/api/v1/audit/events?order=asc&limit=500', { who: ADMIN });
    const total = Number(all.headers.get('x-total-count'));
    expect(all.body.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(all.body[0].prev_hash).toMatch(/^[0-9a-f]{64}$/);
    for (let i = 1; i < all.body.length; i++) expect(all.body[i].prev_hash).toBe(all.body[i - 1].chain_hash);
    expect(
      (await portal.call('GET', '/api/v1/audit/events?actor=contrib-fin', { who: ADMIN })).body.every(
        (e: { actor: { sub: string } }) => e.actor.sub === 'contrib-fin',
      ),
    ).toBe(true);
    expect(
      (
        await portal.call('GET', `/api/v1/audit/events?since=${encodeURIComponent(all.body[1].timestamp)}&until=${encodeURIComponent(all.body[1].timestamp)}`, {
          who: ADMIN,
        })
      ).body,
    ).toEqual([]);
    expect((await portal.call('GET', '/api/v1/audit/events?action=nope', { who: ADMIN })).status).toBe(422);
    expect((await portal.call('GET', '/api/v1/audit/events', { who: CONTRIB_FINANCE })).body.detail).toBe('One of the following roles is required: Admin');
    const verified = await portal.call('GET', '/api/v1/audit/verify', { who: ADMIN });
    expect(verified.body).toEqual({ valid: true, events_checked: total, head_seq: total, head_hash: all.body[total - 1].chain_hash, first_invalid_seq: null });
  });

  if (backend.kind === 'postgres') {
    it('the app role cannot rewrite the audit trail, and neither can the owner (trigger)', async () => {
      const client = new Client({ connectionString: backend.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL ROLE portal_app');
        await client.query("SELECT set_config('app.tenant_id', 'd3000000-0000-4000-8000-000000000001', true)");
        await expect(client.query('UPDATE portal.audit_events SET reason = $1', ['x'])).rejects.toThrow(/permission denied/);
        await client.query('ROLLBACK');
        await expect(client.query('DELETE FROM portal.audit_events')).rejects.toThrow(/append-only/);
        await expect(client.query('UPDATE portal.audit_events SET reason = $1', ['x'])).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
    });
  } else {
    it('triggers refuse UPDATE and DELETE on the audit trail', async () => {
      const store = portal.service.app.get(Store);
      await expect(dataSourceOf(store).query('DELETE FROM portal.audit_events')).rejects.toThrow(/append-only/);
      await expect(dataSourceOf(store).query("UPDATE portal.audit_events SET reason = 'x'")).rejects.toThrow(/append-only/);
    });
  }
});
