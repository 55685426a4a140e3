/** Sources: validation, domain rules, PATCH rules, ETags, provisioning, scan, decommission, audit. */
import { describeBackends } from '../../../test/harness/backends';
import type { ProvisioningAdapters } from '../src/sources/provisioning.adapters';
import { mockProvisioningAdapters } from '../src/sources/provisioning.adapters';
import { ADMIN, CONTRIB_FINANCE, CONTRIB_HR, NO_DOMAIN, type PortalUnderTest, READER_FINANCE, startPortal } from './portal-harness';

const NEW_SOURCE = {
  name: 'Ledger Feed',
  source_type: 'postgresql',
  domain: 'finance',
  connection: { host: 'db.contoso.com', port: 5432, key_vault_secret_name: 'ledger-password' },
  owner: { name: 'Fin Owner', email: 'fin.owner@contoso.com', team: 'Finance' },
  quality_rules: [{ rule_name: 'id_unique', rule_type: 'unique', column: 'id' }],
  tags: { env: 'dev' },
};

/** Adapters whose next call can be told to fail. */
class SwitchableAdapters implements ProvisioningAdapters {
  failing: keyof ProvisioningAdapters | undefined;
  private async maybeFail<T>(name: keyof ProvisioningAdapters, work: () => Promise<T>): Promise<T> {
    if (this.failing === name) throw new Error(`${name} exploded: ARM said no`);
    return work();
  }
  deploy = (s: Parameters<ProvisioningAdapters['deploy']>[0]) => this.maybeFail('deploy', () => mockProvisioningAdapters.deploy(s));
  createPipeline = (s: Parameters<ProvisioningAdapters['deploy']>[0]) => this.maybeFail('createPipeline', () => mockProvisioningAdapters.createPipeline(s));
  triggerScan = (s: Parameters<ProvisioningAdapters['deploy']>[0]) => this.maybeFail('triggerScan', () => mockProvisioningAdapters.triggerScan(s));
}

describeBackends('portal sources', (backend) => {
  let portal: PortalUnderTest;
  const adapters = new SwitchableAdapters();
  const audit = async (query: string) => (await portal.call('GET', `/api/v1/audit/events?${query}`, { who: ADMIN })).body;

  beforeAll(async () => {
    portal = await startPortal(backend, {}, { adapters });
  });
  afterAll(() => portal?.close());
  afterEach(() => (adapters.failing = undefined));

  it('registers a source: 201, Location, ETag 1, normalised record, audited without connection values', async () => {
    const created = await portal.call('POST', '/api/v1/sources', { who: CONTRIB_FINANCE, body: NEW_SOURCE });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/v1/sources/${created.body.id}`);
    expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.body).toMatchObject({
      status: 'draft',
      classification: 'internal',
      description: '',
      schema: null,
      data_product: null,
      quality_rules: [{ rule_name: 'id_unique', rule_type: 'unique', column: 'id', parameters: {}, severity: 'warning' }],
      ingestion: { mode: 'full', schedule_cron: null, batch_size: null, parallelism: null, max_retry_count: null, timeout_minutes: null },
      owner: { cost_center: null },
    });
    expect(created.body.created_at).toBe(created.body.updated_at);
    const [event] = await audit(`action=source.register&resource_id=${created.body.id}`);
    expect(event).toMatchObject({
      outcome: 'success',
      actor: { sub: 'contrib-fin', email: 'fin.contrib@contoso.com', roles: ['Contributor'], domain: 'finance' },
      resource: { type: 'source', domain: 'finance' },
    });
    expect(JSON.stringify(event)).not.toContain('ledger-password');
    expect(JSON.stringify(event)).not.toContain('db.contoso.com');
  });

  it('answers 422 naming every bad field with wire paths, and writes nothing', async () => {
    const before = (await portal.call('GET', '/api/v1/sources', { who: ADMIN })).headers.get('x-total-count');
    const bad = await portal.call('POST', '/api/v1/sources', {
      who: ADMIN,
      body: {
        ...NEW_SOURCE,
        name: '',
        domain: 'Finance',
        surprise: true,
        connection: { port: 70000 },
        owner: { name: 'x', email: 'not-an-email', team: 't' },
        quality_rules: [{ rule_name: '9bad', rule_type: 'nope' }],
        tags: { k: 'v'.repeat(300) },
        target: { path_pattern: '../escape' },
        data_product: { name: 'p', description: 'd', domain: 'finance', sla_completeness: 2 },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body).toMatchObject({
      type: 'urn:problem:portal:validation',
      title: 'Validation failed',
      detail: 'Request validation failed.',
      instance: '/api/v1/sources',
    });
    expect(bad.body.correlation_id).toBe(bad.body.correlationId);
    const paths = new Set(bad.body.errors.map((e: { path: string }) => e.path));
    for (const path of [
      'name',
      'domain',
      'surprise',
      'connection.port',
      'owner.email',
      'quality_rules[0].rule_name',
      'quality_rules[0].rule_type',
      'tags',
      'target.path_pattern',
      'data_product.sla_completeness',
    ])
      expect(paths).toContain(path);
    expect(bad.body.errors.every((e: { in: string }) => e.in === 'body')).toBe(true);
    expect((await portal.call('GET', '/api/v1/sources', { who: ADMIN })).headers.get('x-total-count')).toBe(before);
    const query = await portal.call('GET', '/api/v1/sources?limit=0&sort=size&whatever=1', { who: ADMIN });
    expect(query.status).toBe(422);
    expect(query.body.errors.map((e: { in: string; path: string }) => `${e.in}:${e.path}`).sort()).toEqual(['query:limit', 'query:sort']);
  });

  it('applies roles and own-domain creation on registration', async () => {
    expect((await portal.call('POST', '/api/v1/sources', { who: READER_FINANCE, body: NEW_SOURCE })).body).toMatchObject({
      status: 403,
      detail: 'One of the following roles is required: Contributor, Admin',
    });
    expect((await portal.call('POST', '/api/v1/sources', { who: NO_DOMAIN, body: NEW_SOURCE })).body.detail).toContain('domain claim');
    expect((await portal.call('POST', '/api/v1/sources', { who: CONTRIB_HR, body: NEW_SOURCE })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to sources outside your domain.',
    });
    // Role before validation: a Reader with a bad body still gets 403.
    expect((await portal.call('POST', '/api/v1/sources', { who: READER_FINANCE, body: { bad: 1 } })).status).toBe(403);
  });

  it('PATCH: merges, bumps the version, audits changed names, honours If-Match and If-None-Match', async () => {
    const { body: source } = await portal.call('POST', '/api/v1/sources', { who: CONTRIB_FINANCE, body: NEW_SOURCE });
    const path = `/api/v1/sources/${source.id}`;
    const patched = await portal.call('PATCH', path, {
      who: CONTRIB_FINANCE,
      headers: { 'if-match': '"1"' },
      body: { description: 'now described', schema: { columns: [{ name: 'id', data_type: 'int' }] }, status: 'active', id: source.id, created_at: 'echoed' },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({
      description: 'now described',
      status: 'draft',
      schema: { columns: [{ name: 'id', data_type: 'int', nullable: true, is_pii: false, description: null, classification: null }], primary_key: null },
    });
    const [event] = await audit(`action=source.update&resource_id=${source.id}`);
    expect(event.after).toEqual({ fields: ['description', 'schema'] });
    const stale = await portal.call('PATCH', path, { who: CONTRIB_FINANCE, headers: { 'if-match': '"1"' }, body: { name: 'lost update' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(stale.body.detail).toBe('The resource has changed; reload it and retry.');
    expect((await portal.call('GET', path, { who: CONTRIB_FINANCE, headers: { 'if-none-match': '"2"' } })).status).toBe(304);
    expect((await portal.call('GET', path, { who: CONTRIB_FINANCE, headers: { 'if-none-match': '"1"' } })).status).toBe(200);
    const empty = await portal.call('PATCH', path, { who: CONTRIB_FINANCE, body: {} });
    expect(empty.headers.get('etag')).toBe('"2"');
    expect((await portal.call('PATCH', path, { who: CONTRIB_FINANCE, body: { id: 'another' } })).body.errors[0]).toMatchObject({ in: 'body', path: 'id' });
    expect((await portal.call('PATCH', path, { who: CONTRIB_FINANCE, body: { name: null } })).body.errors[0].path).toBe('name');
    expect((await portal.call('PATCH', path, { who: CONTRIB_FINANCE, body: { domain: 'human-resources' } })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to sources outside your domain.',
    });
    expect((await portal.call('PATCH', path, { who: CONTRIB_HR, body: { name: 'x' } })).status).toBe(403);
    expect((await portal.call('PATCH', '/api/v1/sources/missing', { who: ADMIN, body: { name: 'x' } })).body).toMatchObject({
      status: 404,
      detail: "Source 'missing' not found.",
    });
    const moved = await portal.call('PATCH', path, { who: ADMIN, body: { domain: 'human-resources', schema: null } });
    expect(moved.body).toMatchObject({ domain: 'human-resources', schema: null });
  });

  it('provisions a draft source through the adapters; refuses others with 400 and audits the denial', async () => {
    const { body: source } = await portal.call('POST', '/api/v1/sources', { who: CONTRIB_FINANCE, body: NEW_SOURCE });
    const path = `/api/v1/sources/${source.id}`;
    const provisioned = await portal.call('POST', `${path}/provision`, { who: CONTRIB_FINANCE, headers: { 'if-match': '"1"' } });
    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toMatchObject({
      status: 'provisioning',
      message: 'Provisioning initiated successfully.',
      success: true,
      pipeline_id: 'pl-finance-Ledger Feed-postgresql',
      details: { landing_zone: 'dlz-default', container: 'bronze', format: 'delta' },
    });
    expect(provisioned.body.deployment_id).toMatch(/^deploy-[0-9a-f]{12}$/);
    expect(provisioned.body.scan_id).toMatch(/^scan-[0-9a-f]{12}$/);
    const stored = (await portal.call('GET', path, { who: ADMIN })).body;
    expect(stored).toMatchObject({
      status: 'provisioning',
      pipeline_id: 'pl-finance-Ledger Feed-postgresql',
      purview_scan_id: provisioned.body.scan_id,
      provisioned_at: null,
    });
    const again = await portal.call('POST', `${path}/provision`, { who: CONTRIB_FINANCE });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ type: 'urn:problem:portal:invalid-state', detail: 'Validation failed.' });
    expect(again.body.errors.length).toBeGreaterThan(0);
    const denials = await audit(`action=source.provision&resource_id=${source.id}&order=asc`);
    expect(denials.map((e: { outcome: string; reason: string | null }) => `${e.outcome}:${e.reason}`)).toEqual([
      'success:null',
      'denied:provisioning_rejected: Validation failed.',
    ]);
  });

  it('a failing provisioning adapter answers 502, persists status error and audits it', async () => {
    const { body: source } = await portal.call('POST', '/api/v1/sources', { who: CONTRIB_FINANCE, body: NEW_SOURCE });
    adapters.failing = 'createPipeline';
    const failed = await portal.call('POST', `/api/v1/sources/${source.id}/provision`, { who: CONTRIB_FINANCE });
    expect(failed).toMatchObject({
      status: 502,
      body: { type: 'urn:problem:portal:upstream-failure', detail: 'Provisioning failed due to an infrastructure error.' },
    });
    expect((await portal.call('GET', `/api/v1/sources/${source.id}`, { who: ADMIN })).body.status).toBe('error');
    const [event] = await audit(`action=source.provision&resource_id=${source.id}`);
    expect(event).toMatchObject({ outcome: 'error', reason: 'infrastructure_error: createPipeline exploded: ARM said no' });
    adapters.failing = undefined;
    expect((await portal.call('POST', `/api/v1/sources/${source.id}/provision`, { who: CONTRIB_FINANCE })).status).toBe(200);
  });

  it('scans (and a failing scan changes nothing), decommissions once, then refuses scan and trigger', async () => {
    const scanned = await portal.call('POST', '/api/v1/sources/src-003/scan', { who: CONTRIB_FINANCE, headers: { 'if-match': '"1"' } });
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({ status: 'scanning', scan_id: expect.stringMatching(/^scan-[0-9a-f]{12}$/) });
    expect(scanned.headers.get('etag')).toBe('"2"');
    adapters.failing = 'triggerScan';
    const failed = await portal.call('POST', '/api/v1/sources/src-003/scan', { who: CONTRIB_FINANCE });
    expect(failed.body).toMatchObject({ status: 502, detail: 'Purview scan failed due to an infrastructure error. Check server logs.' });
    expect((await portal.call('GET', '/api/v1/sources/src-003', { who: ADMIN })).headers.get('etag')).toBe('"2"');
    expect((await audit('action=source.scan&resource_id=src-003')).map((e: { outcome: string }) => e.outcome)).toEqual(['error', 'success']);
    adapters.failing = undefined;

    const gone = await portal.call('POST', '/api/v1/sources/src-003/decommission', { who: CONTRIB_FINANCE, headers: { 'if-match': '"2"' } });
    expect(gone.status).toBe(200);
    expect(gone.body.status).toBe('decommissioned');
    expect(gone.headers.get('etag')).toBe('"3"');
    const twice = await portal.call('POST', '/api/v1/sources/src-003/decommission', { who: CONTRIB_FINANCE });
    expect(twice.body.updated_at).toBe(gone.body.updated_at);
    expect(twice.headers.get('etag')).toBe('"3"');
    expect(await audit('action=source.decommission&resource_id=src-003')).toHaveLength(1);
    expect((await portal.call('POST', '/api/v1/sources/src-003/scan', { who: CONTRIB_FINANCE })).body).toMatchObject({
      status: 400,
      detail: "Source 'src-003' is decommissioned.",
    });
    expect((await portal.call('POST', '/api/v1/pipelines/pl-003/trigger', { who: CONTRIB_FINANCE })).body).toMatchObject({
      status: 400,
      detail: "Source 'src-003' is decommissioned.",
    });
    expect((await portal.call('POST', '/api/v1/sources/src-003/decommission', { who: CONTRIB_HR })).status).toBe(403);
  });

  it('triggers a pipeline: a running run, the pipeline marked running, an audit event', async () => {
    const run = await portal.call('POST', '/api/v1/pipelines/pl-001/trigger', { who: CONTRIB_HR });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ pipeline_id: 'pl-001', status: 'running', ended_at: null, rows_read: null, duration_seconds: null });
    expect(run.body.id).toMatch(/^run-[0-9a-f]{8}$/);
    const pipeline = (await portal.call('GET', '/api/v1/pipelines/pl-001', { who: CONTRIB_HR })).body;
    expect(pipeline).toMatchObject({ status: 'running', last_run_at: run.body.started_at });
    expect((await portal.call('GET', '/api/v1/pipelines/pl-001/runs?limit=1', { who: ADMIN })).body[0].id).toBe(run.body.id);
    const [event] = await audit('action=pipeline.trigger&resource_id=pl-001');
    expect(event.after).toEqual({ run_id: run.body.id });
    expect((await portal.call('POST', '/api/v1/pipelines/pl-001/trigger', { who: CONTRIB_FINANCE })).body).toMatchObject({
      status: 403,
      detail: 'You do not have access to trigger this pipeline.',
    });
    expect((await portal.call('POST', '/api/v1/pipelines/nope/trigger', { who: ADMIN })).body).toMatchObject({
      status: 404,
      detail: "Pipeline 'nope' not found.",
    });
    expect((await portal.call('POST', '/api/v1/pipelines/pl-001/trigger', { who: READER_FINANCE })).status).toBe(403);
    expect((await portal.call('GET', '/api/v1/pipelines?skip=1&offset=2', { who: ADMIN })).status).toBe(422);
    expect((await portal.call('GET', '/api/v1/pipelines?skip=1&offset=1', { who: ADMIN })).body.map((p: { id: string }) => p.id)).toEqual([
      'pl-002',
      'pl-003',
      'pl-004',
    ]);
  });

  it('two concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const { body: source } = await portal.call('POST', '/api/v1/sources', { who: ADMIN, body: NEW_SOURCE });
    const results = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        portal.call('PATCH', `/api/v1/sources/${source.id}`, { who: ADMIN, headers: { 'if-match': '"1"' }, body: { name } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect((await portal.call('GET', `/api/v1/sources/${source.id}`, { who: ADMIN })).headers.get('etag')).toBe('"2"');
  });
});
