/**
 * The demo data set on a fresh load, the marker-based loader, and two tenants
 * loaded with the same ids never seeing each other's rows through any route.
 */
import { describeBackends } from '../../../test/harness/backends';
import { ADMIN, CONTRIB_FINANCE, NO_DOMAIN, type PortalUnderTest, startPortal, TENANT_B, type Who } from './portal-harness';

const FINANCE_READER: Who = { roles: ['Reader'], domain: 'finance', sub: 'r-fin' };
const HR_READER: Who = { roles: ['Reader'], team: 'human-resources', sub: 'r-hr' };

describeBackends('portal demo data', (backend) => {
  let portal: PortalUnderTest;

  beforeAll(async () => {
    portal = await startPortal(backend);
  });
  afterAll(() => portal?.close());

  it('lists the sources in created_at order with X-Total-Count, pages stably', async () => {
    const all = await portal.call('GET', '/api/v1/sources', { who: ADMIN });
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe('4');
    expect(all.body.map((s: { id: string }) => s.id)).toEqual(['src-001', 'src-002', 'src-003', 'src-004']);
    expect(all.body[0]).toMatchObject({
      name: 'HR Employee Records',
      status: 'active',
      owner: { name: 'Jane Smith', email: 'jane.smith@contoso.com', team: 'People Analytics', cost_center: null },
      connection: { host: 'hr-sql.database.windows.net', database: 'HRData', port: null },
      ingestion: { mode: 'incremental', schedule_cron: '0 2 * * *' },
      target: { landing_zone: 'dlz-hr', container: 'bronze', path_pattern: 'hr/employees/{year}/{month}/{day}', format: 'delta', partition_by: null },
      tags: { env: 'prod', pii: 'true' },
      quality_rules: [{ rule_name: 'email_not_null', rule_type: 'not_null', column: 'email', parameters: {}, severity: 'error' }],
      created_at: '2025-06-15T00:00:00.000Z',
      updated_at: '2026-03-01T00:00:00.000Z',
      provisioned_at: '2025-06-16T00:00:00.000Z',
      pipeline_id: 'pl-hr-employees-batch',
      purview_scan_id: null,
    });
    const page = await portal.call('GET', '/api/v1/sources?limit=2&offset=1&sort=-name', { who: ADMIN });
    expect(page.body.map((s: { name: string }) => s.name)).toEqual(['HR Employee Records', 'Finance GL Export']);
    expect(page.headers.get('x-total-count')).toBe('4');
    const past = await portal.call('GET', '/api/v1/sources?offset=10', { who: ADMIN });
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-total-count')).toBe('4');
  });

  it('filters sources by search (literal %, _ and \\), status and type', async () => {
    expect((await portal.call('GET', '/api/v1/sources?search=cosmos', { who: ADMIN })).body.map((s: { id: string }) => s.id)).toEqual(['src-004']);
    expect((await portal.call('GET', '/api/v1/sources?search=SAP%20VIA', { who: ADMIN })).body.map((s: { id: string }) => s.id)).toEqual(['src-003']);
    expect((await portal.call('GET', '/api/v1/sources?search=%25', { who: ADMIN })).body).toEqual([]);
    expect((await portal.call('GET', '/api/v1/sources?search=_', { who: ADMIN })).body).toEqual([]);
    expect((await portal.call('GET', '/api/v1/sources?status=active&source_type=event_hub', { who: ADMIN })).body.map((s: { id: string }) => s.id)).toEqual([
      'src-002',
    ]);
  });

  it('orders products by quality, pipelines by creation, runs newest first, requests newest first', async () => {
    expect((await portal.call('GET', '/api/v1/marketplace/products', { who: ADMIN })).body.map((p: { id: string }) => p.id)).toEqual([
      'dp-003',
      'dp-001',
      'dp-005',
      'dp-002',
      'dp-004',
    ]);
    expect((await portal.call('GET', '/api/v1/marketplace/products?min_quality=0.92&sort=name', { who: ADMIN })).body.map((p: { id: string }) => p.id)).toEqual(
      ['dp-001', 'dp-003', 'dp-005'],
    );
    const pipelines = await portal.call('GET', '/api/v1/pipelines', { who: ADMIN });
    expect(pipelines.body.map((p: { id: string; domain: string }) => `${p.id}:${p.domain}`)).toEqual([
      'pl-001:human-resources',
      'pl-002:manufacturing',
      'pl-003:finance',
      'pl-004:marketing',
    ]);
    const runs = await portal.call('GET', '/api/v1/pipelines/pl-001/runs', { who: ADMIN });
    expect(runs.headers.get('x-total-count')).toBe('5');
    expect(runs.body.map((r: { id: string }) => r.id)).toEqual(['run-5eed0000', 'run-5eed0001', 'run-5eed0002', 'run-5eed0003', 'run-5eed0004']);
    expect(runs.body[2]).toMatchObject({
      status: 'failed',
      duration_seconds: 420,
      rows_read: 76868,
      rows_written: 191964,
      error_message: 'Connection timeout after 600s',
    });
    const run0 = runs.body[0];
    expect(Date.parse(run0.ended_at) - Date.parse(run0.started_at)).toBe(1380 * 1000);
    const access = await portal.call('GET', '/api/v1/access', { who: ADMIN });
    expect(access.body.map((a: { id: string; status: string }) => `${a.id}:${a.status}`)).toEqual([
      'ar-003:pending',
      'ar-002:pending',
      'ar-004:denied',
      'ar-001:approved',
    ]);
  });

  it('computes the platform stats for an admin and per domain', async () => {
    expect((await portal.call('GET', '/api/v1/stats', { who: ADMIN })).body).toEqual({
      registered_sources: 4,
      active_pipelines: 3,
      data_products: 5,
      pending_access_requests: 2,
      total_data_volume_gb: 200,
      last_24h_pipeline_runs: 1,
      avg_quality_score: 0.928,
    });
    expect((await portal.call('GET', '/api/v1/stats', { who: FINANCE_READER })).body).toEqual({
      registered_sources: 1,
      active_pipelines: 1,
      data_products: 1,
      pending_access_requests: 1,
      total_data_volume_gb: 0,
      last_24h_pipeline_runs: 0,
      avg_quality_score: 0.981,
    });
    expect((await portal.call('GET', '/api/v1/stats', { who: HR_READER })).body).toEqual({
      registered_sources: 1,
      active_pipelines: 0,
      data_products: 1,
      pending_access_requests: 0,
      total_data_volume_gb: 100,
      last_24h_pipeline_runs: 1,
      avg_quality_score: 0.945,
    });
    const none = await portal.call('GET', '/api/v1/stats', { who: { roles: ['Reader'], sub: 'no-domain' } });
    expect(Object.values(none.body).every((v) => v === 0)).toBe(true);
  });

  it('gives domain overviews, marketplace domains and marketplace stats', async () => {
    const domains = await portal.call('GET', '/api/v1/domains', { who: ADMIN });
    expect(
      domains.body.map(
        (d: Record<string, unknown>) => `${d.name} ${d.source_count}/${d.pipeline_count}/${d.data_product_count} ${d.avg_quality_score} ${d.status}`,
      ),
    ).toEqual([
      'finance 1/1/1 0.981 healthy',
      'human-resources 1/1/1 0.945 healthy',
      'manufacturing 1/1/1 0.912 healthy',
      'marketing 1/1/1 0.873 warning',
      'supply-chain 0/0/1 0.928 healthy',
    ]);
    expect((await portal.call('GET', '/api/v1/domains', { who: FINANCE_READER })).body.map((d: { name: string }) => d.name)).toEqual(['finance']);
    expect((await portal.call('GET', '/api/v1/domains', { who: { roles: ['Reader'], domain: 'nowhere' } })).body).toEqual([]);
    expect((await portal.call('GET', '/api/v1/stats/domains/marketing', { who: ADMIN })).body).toMatchObject({ name: 'marketing', status: 'warning' });
    const other = await portal.call('GET', '/api/v1/stats/domains/marketing', { who: FINANCE_READER });
    expect(other).toMatchObject({ status: 403, body: { detail: 'You do not have access to this domain.' } });
    expect((await portal.call('GET', '/api/v1/stats/domains/nowhere', { who: ADMIN })).body).toMatchObject({
      status: 404,
      detail: "Domain 'nowhere' not found.",
    });
    expect((await portal.call('GET', '/api/v1/marketplace/stats', { who: ADMIN })).body).toEqual({
      total_products: 5,
      total_domains: 5,
      avg_quality_score: 0.928,
      products_by_domain: { finance: 1, 'human-resources': 1, manufacturing: 1, marketing: 1, 'supply-chain': 1 },
    });
    expect((await portal.call('GET', '/api/v1/marketplace/domains', { who: FINANCE_READER })).body).toEqual([{ name: 'finance', product_count: 1 }]);
  });

  it('serves 30 days of quality history per product, newest first', async () => {
    const history = await portal.call('GET', '/api/v1/marketplace/products/dp-001/quality', { who: ADMIN });
    expect(history.body).toHaveLength(30);
    expect(history.body[0]).toEqual({
      date: new Date().toISOString().slice(0, 10),
      quality_score: 0.947,
      completeness: 0.941,
      freshness_hours: 6.0251,
      row_count: 1972427,
    });
    expect(history.body[29]).toMatchObject({ quality_score: 0.9636, row_count: 992638 });
    expect(
      (await portal.call('GET', '/api/v1/marketplace/products/dp-003/quality?days=2', { who: ADMIN })).body.map(
        (q: { freshness_hours: number }) => q.freshness_hours,
      ),
    ).toEqual([167.2403, 169.5855]);
  });

  it('scopes non-admins to their domain and refuses writes in other domains', async () => {
    expect((await portal.call('GET', '/api/v1/sources', { who: FINANCE_READER })).body.map((s: { id: string }) => s.id)).toEqual(['src-003']);
    expect((await portal.call('GET', '/api/v1/sources?domain=marketing', { who: FINANCE_READER })).body).toEqual([]);
    const none = await portal.call('GET', '/api/v1/sources', { who: NO_DOMAIN });
    expect(none.body).toEqual([]);
    expect(none.headers.get('x-total-count')).toBe('0');
    expect((await portal.call('GET', '/api/v1/sources/src-001', { who: FINANCE_READER })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to this source.',
    });
    expect((await portal.call('GET', '/api/v1/pipelines/pl-001', { who: FINANCE_READER })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to this pipeline.',
    });
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-001', { who: FINANCE_READER })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to this product.',
    });
    expect((await portal.call('GET', '/api/v1/pipelines?source_id=src-003', { who: CONTRIB_FINANCE })).body.map((p: { id: string }) => p.id)).toEqual([
      'pl-003',
    ]);
  });
});

describeBackends('portal tenant isolation with the same demo ids', (backend) => {
  let portal: PortalUnderTest;
  const B: Who = { ...ADMIN, tenant: TENANT_B };
  const C: Who = { ...ADMIN, tenant: 'd3000000-0000-4000-8000-00000000000c' };

  beforeAll(async () => {
    portal = await startPortal(backend);
  });
  afterAll(() => portal?.close());

  it('a write in tenant A is invisible to tenant B through every read route', async () => {
    const renamed = await portal.call('PATCH', '/api/v1/sources/src-001', { who: ADMIN, body: { name: 'Renamed in A' } });
    expect(renamed.status).toBe(200);
    await portal.call('DELETE', '/api/v1/marketplace/products/dp-005', { who: ADMIN });
    const created = await portal.call('POST', '/api/v1/sources', {
      who: ADMIN,
      body: { name: 'Only A', source_type: 'kafka', domain: 'finance', connection: {}, owner: { name: 'a', email: 'a@contoso.com', team: 't' } },
    });
    expect(created.status).toBe(201);

    expect((await portal.call('GET', '/api/v1/sources/src-001', { who: B })).body.name).toBe('HR Employee Records');
    expect((await portal.call('GET', `/api/v1/sources/${created.body.id}`, { who: B })).status).toBe(404);
    expect((await portal.call('GET', '/api/v1/sources', { who: B })).headers.get('x-total-count')).toBe('4');
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-005', { who: B })).status).toBe(200);
    expect((await portal.call('GET', '/api/v1/stats', { who: B })).body.data_products).toBe(5);
    expect((await portal.call('GET', '/api/v1/stats', { who: ADMIN })).body).toMatchObject({ data_products: 4, registered_sources: 5 });
    expect((await portal.call('GET', '/api/v1/audit/events', { who: B })).body).toEqual([]);
    expect((await portal.call('GET', '/api/v1/audit/events', { who: ADMIN })).headers.get('x-total-count')).toBe('3');
  });

  it('a tenant without demo data sees nothing and can touch nothing of the others', async () => {
    for (const path of [
      '/api/v1/sources',
      '/api/v1/pipelines',
      '/api/v1/access',
      '/api/v1/marketplace/products',
      '/api/v1/marketplace/access-requests',
      '/api/v1/domains',
      '/api/v1/marketplace/domains',
      '/api/v1/audit/events',
    ]) {
      const answer = await portal.call('GET', path, { who: C });
      expect([path, answer.status, answer.body]).toEqual([path, 200, []]);
    }
    for (const path of [
      '/api/v1/sources/src-001',
      '/api/v1/pipelines/pl-001',
      '/api/v1/pipelines/pl-001/runs',
      '/api/v1/access/ar-001',
      '/api/v1/marketplace/products/dp-001',
      '/api/v1/marketplace/products/dp-001/quality',
      '/api/v1/marketplace/access-requests/ar-001',
      '/api/v1/stats/domains/finance',
    ]) {
      expect([path, (await portal.call('GET', path, { who: C })).status]).toEqual([path, 404]);
    }
    const writes: Array<[string, string, unknown?]> = [
      ['PATCH', '/api/v1/sources/src-002', { name: 'x' }],
      ['POST', '/api/v1/sources/src-002/decommission'],
      ['POST', '/api/v1/sources/src-002/scan'],
      ['POST', '/api/v1/sources/src-004/provision'],
      ['POST', '/api/v1/pipelines/pl-002/trigger'],
      ['POST', '/api/v1/access/ar-002/deny'],
      ['POST', '/api/v1/access/ar-001/revoke'],
      ['PUT', '/api/v1/marketplace/access-requests/ar-003/approve'],
      ['POST', '/api/v1/access', { data_product_id: 'dp-002', justification: 'x' }],
      ['PUT', '/api/v1/marketplace/products/dp-002', { name: 'x' }],
      ['POST', '/api/v1/marketplace/products/dp-002/quality'],
      ['DELETE', '/api/v1/marketplace/products/dp-002'],
    ];
    for (const [method, path, body] of writes) expect([method, path, (await portal.call(method, path, { who: C, body })).status]).toEqual([method, path, 404]);
    expect((await portal.call('GET', '/api/v1/stats', { who: ADMIN })).body.pending_access_requests).toBe(2);
    expect((await portal.call('GET', '/api/v1/stats', { who: B })).body).toMatchObject({ registered_sources: 4, pending_access_requests: 2 });
    expect((await portal.call('GET', '/api/v1/stats', { who: C })).body.registered_sources).toBe(0);
  });

  it('a restart loads nothing twice and never re-adds what a user deleted', async () => {
    await portal.close();
    portal = await startPortal(backend);
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-005', { who: ADMIN })).status).toBe(404);
    expect((await portal.call('GET', '/api/v1/marketplace/products/dp-001/quality?days=365', { who: ADMIN })).body).toHaveLength(30);
    expect((await portal.call('GET', '/api/v1/sources/src-001', { who: ADMIN })).body.name).toBe('Renamed in A');
    expect((await portal.call('GET', '/api/v1/sources', { who: B })).headers.get('x-total-count')).toBe('4');
  });
});
