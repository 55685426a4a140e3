import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runAsTenant, runTenantUnit, sql, Store } from '@lib/persistence';
import { describeBackends } from '../../../test/harness/backends';
import { buildCatalogue } from '../src/rules/crs-catalogue';
import { crsMajorOf, detectCrsVersion } from '@lib/waf';
import { ADMIN_B, EDITOR, NODE, POLICY, startWafPanel, TENANT_A, TENANT_B, VHOST, VIEWER, type WafUnderTest } from './waf-harness';
// The owner's raw connection, past the Store's error translation: the trigger's own refusal is the point.
import { dataSourceOf } from '../../../libs/persistence/src/store';

/** The installed rule set the harness points WAF_CRS_INCLUDE at. */
const CRS = detectCrsVersion('/usr/share/modsecurity-crs/rules/*.conf')!;
const OTHER_CRS = crsMajorOf(CRS) === 3 ? '4.28.0' : '3.3.4';

describeBackends('waf-panel HTTP API', (backend) => {
  let waf: WafUnderTest;
  beforeAll(async () => {
    waf = await startWafPanel(backend);
  });
  afterAll(() => waf?.close());

  const call = (...args: Parameters<WafUnderTest['call']>) => waf.call(...args);
  const audits = async (query: string) => (await call('GET', `/api/v1/audit-events?${query}`)).body.items as any[];

  let policyId = '';
  let vhostId = '';

  it('reports the CRS version it renders for, and refuses settings that version cannot honour', async () => {
    const engine = await call('GET', '/api/v1/engine', { who: VIEWER });
    expect(engine.status).toBe(200);
    expect(engine.body).toMatchObject({
      crsVersion: CRS,
      crsMajor: crsMajorOf(CRS),
      crsVersionSource: 'detected',
      crsInclude: '/usr/share/modsecurity-crs/rules/*.conf',
    });
    expect((await call('GET', '/health/ready', { who: null })).body.info.crs).toMatchObject({ status: 'up', version: CRS, source: 'detected' });
    const early = await call('POST', '/api/v1/policies', { body: { name: 'Early', earlyBlocking: true, skipResponseAnalysis: true } });
    if (crsMajorOf(CRS) === 3) {
      expect(early.status).toBe(422);
      expect(early.body.errors).toEqual([
        { in: 'body', path: 'earlyBlocking', message: expect.stringContaining(`CRS ${CRS}`) },
        { in: 'body', path: 'skipResponseAnalysis', message: expect.stringContaining(`CRS ${CRS}`) },
      ]);
      expect((await call('GET', '/api/v1/policies?q=Early')).body.items).toEqual([]);
    } else {
      expect(early.status).toBe(201);
      await call('DELETE', `/api/v1/policies/${early.body.id}`, { headers: { 'if-match': early.headers.get('etag')! } });
    }
  });

  it('creates a policy with the documented defaults and revision 1', async () => {
    const created = await call('POST', '/api/v1/policies', { who: EDITOR, body: POLICY });
    expect(created.status).toBe(201);
    policyId = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/v1/policies/${policyId}`);
    expect(created.headers.get('etag')).toBe(`"${policyId}-1"`);
    expect(created.body).toMatchObject({
      name: 'Shop policy',
      mode: 'blocking',
      blockingParanoiaLevel: 1,
      detectionParanoiaLevel: null,
      inboundAnomalyThreshold: 5,
      outboundAnomalyThreshold: 4,
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
      requestBodyLimitBytes: 13107200,
      version: 1,
      createdBy: 'editor-1',
    });
    const revisions = await call('GET', `/api/v1/policies/${policyId}/revisions`);
    expect(revisions.body.items).toEqual([expect.objectContaining({ revision: 1, action: 'create' })]);
    expect((await call('POST', '/api/v1/policies', { body: { name: 'SHOP POLICY' } })).body.type).toBe('urn:waf-panel:problem:name-taken');
  });

  it('creates a vhost with a normalised domain and backends (Admin only)', async () => {
    expect((await call('POST', '/api/v1/vhosts', { who: EDITOR, body: VHOST })).status).toBe(403);
    const created = await call('POST', '/api/v1/vhosts', { body: { ...VHOST, policyId } });
    expect(created.status).toBe(201);
    vhostId = created.body.id;
    expect(created.body).toMatchObject({
      domain: 'shop.example.com',
      enabled: true,
      policyId,
      backends: [{ url: 'http://app:8080', weight: 1 }],
      tls: { mode: 'off', certificateRef: null, minVersion: '1.2', redirectHttp: false },
    });
    expect((await call('POST', '/api/v1/vhosts', { body: VHOST })).body.type).toBe('urn:waf-panel:problem:domain-taken');
  });

  it('names every bad field with 422 and writes nothing', async () => {
    const bad = await call('POST', '/api/v1/vhosts', {
      body: {
        domain: 'http://x_y.com:80/',
        backends: [{ url: 'ftp://a', weight: 2.5 }],
        tls: { mode: 'terminate', privateKey: 'SECRET-KEY' },
        id: 'x',
        policyId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual([
      'backends[0].url',
      'backends[0].weight',
      'domain',
      'id',
      'tls.certificateRef',
      'tls.privateKey',
    ]);
    expect(JSON.stringify(bad.body)).not.toContain('SECRET-KEY');
    const policyBad = await call('POST', '/api/v1/policies', {
      body: {
        name: '  ',
        blockingParanoiaLevel: '2',
        detectionParanoiaLevel: 1,
        inboundAnomalyThreshold: 0,
        ipAllow: ['10.0.0.1/8', '01.2.3.4', '::ffff:1.2.3.4', 'fe80::1%eth0', 'host.example'],
        ipDeny: ['0.0.0.0/0'],
        allowedMethods: ['get'],
      },
    });
    expect(policyBad.status).toBe(422);
    expect(policyBad.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining([
        'name',
        'blockingParanoiaLevel',
        'inboundAnomalyThreshold',
        'ipAllow[0]',
        'ipAllow[1]',
        'ipAllow[2]',
        'ipAllow[3]',
        'ipAllow[4]',
        'ipDeny[0]',
        'allowedMethods[0]',
      ]),
    );
    expect(policyBad.body.errors.find((e: any) => e.path === 'ipAllow[0]').message).toContain('10.0.0.0/8');
    const both = await call('POST', '/api/v1/policies', {
      body: { name: 'pl', blockingParanoiaLevel: 3, detectionParanoiaLevel: 2, ipAllow: ['192.0.2.1/32'], ipDeny: ['192.0.2.1'] },
    });
    expect(both.body.errors.map((e: any) => e.path).sort()).toEqual(['blockingParanoiaLevel', 'detectionParanoiaLevel', 'ipDeny[0]']);
    expect((await call('GET', '/api/v1/policies?q=pl')).body.items).toEqual([]);
    expect((await call('POST', '/api/v1/policies', { raw: '{"name":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect(
      (await call('POST', '/api/v1/policies', { raw: JSON.stringify({ name: 'x'.repeat(1100 * 1024) }), headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(413);
    const bigImport = JSON.stringify({ format: 'waf-panel/policies', formatVersion: 1, policies: [], padding: 'x'.repeat(2 * 1024 * 1024) });
    expect((await call('POST', '/api/v1/policies/import', { raw: bigImport, headers: { 'content-type': 'application/json' } })).status).toBe(422);
    expect(
      (
        await call('POST', '/api/v1/policies/import', {
          raw: JSON.stringify({ padding: 'x'.repeat(6 * 1024 * 1024) }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(413);
  });

  it('canonicalises IP lists and keeps settings PATCH merge semantics', async () => {
    const policy = await call('GET', `/api/v1/policies/${policyId}`);
    const patched = await call('PATCH', `/api/v1/policies/${policyId}`, {
      headers: { 'if-match': policy.headers.get('etag')! },
      body: {
        ipAllow: ['2001:DB8:0:0:0:0:0:1/128', '192.0.2.10/32', '192.0.2.10'],
        ipDeny: ['10.0.0.0/8', '2001:db8:bad::/48'],
        detectionParanoiaLevel: 2,
        allowedMethods: ['PUT', 'GET', 'GET'],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      ipAllow: ['192.0.2.10', '2001:db8::1'],
      ipDeny: ['10.0.0.0/8', '2001:db8:bad::/48'],
      detectionParanoiaLevel: 2,
      allowedMethods: ['GET', 'PUT'],
      version: 2,
      name: 'Shop policy',
    });
    const reset = await call('PATCH', `/api/v1/policies/${policyId}`, {
      headers: { 'if-match': `"${policyId}-2"` },
      body: { detectionParanoiaLevel: null, overrides: [] },
    });
    expect(reset.status).toBe(422);
    expect(reset.body.errors.map((e: any) => e.path)).toEqual(['overrides']);
  });

  it('requires If-Match (428), rejects stale ETags (412 with the current state), and audits both', async () => {
    expect((await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'x' } })).status).toBe(428);
    expect((await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'x' }, headers: { 'if-match': '*' } })).status).toBe(428);
    const weak = await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'x' }, headers: { 'if-match': `W/"${policyId}-2"` } });
    expect(weak.status).toBe(412);
    const stale = await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'x' }, headers: { 'if-match': `"${policyId}-1"` } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      type: 'urn:waf-panel:problem:precondition-failed',
      currentVersion: 2,
      etag: `"${policyId}-2"`,
      current: { id: policyId, version: 2 },
    });
    expect(stale.headers.get('etag')).toBe(`"${policyId}-2"`);
    expect((await call('GET', `/api/v1/policies/${policyId}/revisions`)).body.items).toHaveLength(2);
    const refused = await audits(`entityId=${policyId}&outcome=precondition_failed`);
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatchObject({ action: 'policy.update', before: null, after: null, httpMethod: 'PATCH' });
    const both = await Promise.all(
      ['a', 'b'].map((description) => call('PATCH', `/api/v1/policies/${policyId}`, { body: { description }, headers: { 'if-match': `"${policyId}-2"` } })),
    );
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 412]);
    expect((await call('GET', `/api/v1/policies/${policyId}`)).body.version).toBe(3);
  });

  let exclusionId = '';
  it('adds children that bump the policy, refuse duplicates and protected targets', async () => {
    const before = (await call('GET', `/api/v1/policies/${policyId}`)).body.version;
    const stalePolicy = await call('POST', `/api/v1/policies/${policyId}/exclusions`, {
      body: { ruleId: 942100, path: '/login' },
      headers: { 'if-match': `"${policyId}-1"` },
    });
    expect(stalePolicy.status).toBe(412);
    const exclusion = await call('POST', `/api/v1/policies/${policyId}/exclusions`, {
      who: EDITOR,
      body: { ruleId: 942100, variable: { collection: 'ARGS', key: 'password' }, path: '/login', comment: 'login form' },
    });
    expect(exclusion.status).toBe(201);
    exclusionId = exclusion.body.id;
    expect(exclusion.body).toMatchObject({ rendering: 'runtime', forced: false, policyVersion: before + 1, version: 1 });
    expect(
      (
        await call('POST', `/api/v1/policies/${policyId}/exclusions`, {
          body: { ruleId: 942100, variable: { collection: 'ARGS', key: 'password' }, path: '/login' },
        })
      ).body.type,
    ).toBe('urn:waf-panel:problem:duplicate-exclusion');
    expect((await call('POST', `/api/v1/policies/${policyId}/exclusions`, { body: { ruleId: 942100 } })).body.errors[0].message).toContain('use an override');
    const scoped = await call('POST', `/api/v1/policies/${policyId}/exclusions`, { body: { tag: 'attack-sqli', vhostId } });
    expect(scoped.body.rendering).toBe('remove');
    expect((await call('POST', `/api/v1/policies/${policyId}/overrides`, { body: { ruleId: 920350 } })).status).toBe(201);
    expect((await call('POST', `/api/v1/policies/${policyId}/overrides`, { body: { ruleId: 920350 } })).body.type).toBe(
      'urn:waf-panel:problem:duplicate-override',
    );
    const guarded = await call('POST', `/api/v1/policies/${policyId}/overrides`, { who: EDITOR, body: { ruleId: 949110 } });
    expect(guarded.status).toBe(422);
    expect(guarded.body.type).toBe('urn:waf-panel:problem:protected-rule');
    expect((await call('POST', `/api/v1/policies/${policyId}/overrides`, { who: EDITOR, body: { tag: 'OWASP_CRS', force: true } })).status).toBe(403);
    expect((await call('POST', `/api/v1/policies/${policyId}/overrides`, { body: { ruleId: 900100, force: true } })).status).toBe(422);
    const forced = await call('POST', `/api/v1/policies/${policyId}/overrides`, { body: { tag: 'reporting', force: true } });
    expect(forced.body.forced).toBe(true);
    expect((await audits(`entityId=${forced.body.id}`))[0]).toMatchObject({
      action: 'override.create',
      forced: true,
      parent: { type: 'policy', id: policyId },
    });
    const rule = await call('POST', `/api/v1/policies/${policyId}/custom-rules`, {
      body: {
        ruleId: 10050,
        phase: 2,
        variables: [{ collection: 'ARGS', key: 'id' }],
        operator: 'rx',
        negate: true,
        argument: '^\\d+$',
        action: 'deny',
        severity: 'WARNING',
        message: 'id must be numeric',
      },
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ status: 403, enabled: true, transformations: [] });
    const reserved = await call('POST', `/api/v1/policies/${policyId}/custom-rules`, {
      body: {
        ruleId: 95000,
        phase: 1,
        variables: [{ collection: 'REQUEST_BODY' }],
        operator: 'rx',
        argument: '(a)\\1',
        action: 'log',
        status: 403,
        severity: 'LOUD',
        message: "it's",
      },
    });
    expect(reserved.body.errors.map((e: any) => e.path).sort()).toEqual(['argument', 'message', 'ruleId', 'severity', 'status', 'variables[0].collection']);
    expect(reserved.body.errors.find((e: any) => e.path === 'ruleId').message).toContain('reserved for rules generated by the panel');
    expect((await call('POST', `/api/v1/policies/${policyId}/custom-rules`, { body: { ...rule.body, id: undefined, version: undefined } })).status).toBe(422);
  });

  it('updates a child with its own If-Match and makes the old policy ETag stale', async () => {
    const policy = await call('GET', `/api/v1/policies/${policyId}`);
    const child = await call('GET', `/api/v1/policies/${policyId}/exclusions/${exclusionId}`);
    expect((await call('PATCH', `/api/v1/policies/${policyId}/exclusions/${exclusionId}`, { body: { path: '/signin' } })).status).toBe(428);
    const updated = await call('PATCH', `/api/v1/policies/${policyId}/exclusions/${exclusionId}`, {
      body: { path: '/signin' },
      headers: { 'if-match': child.headers.get('etag')! },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.policyVersion).toBe(policy.body.version + 1);
    expect(
      (await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'y' }, headers: { 'if-match': policy.headers.get('etag')! } })).status,
    ).toBe(412);
    expect((await call('GET', `/api/v1/policies/${policyId}/overrides/${exclusionId}`)).status).toBe(404);
  });

  it('renders the vhost bundle as text and JSON with a checksum ETag', async () => {
    const text = await call('GET', `/api/v1/vhosts/${vhostId}/render`, { who: VIEWER });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(text.body).toContain('SecRule REQUEST_FILENAME "@rx ^/signin(?:/[^;]*)?$"');
    expect(text.body).toContain('"!@rx ^\\d+$"');
    const asJson = await call('GET', `/api/v1/vhosts/${vhostId}/render?format=json`);
    expect(text.headers.get('etag')).toBe(`"${asJson.body.sha256}"`);
    expect(asJson.body).toMatchObject({ vhostId, domain: 'shop.example.com', policyId, deployedSha256: null, pending: true });
  });

  it('lists revisions, diffs them and rolls back as a new revision', async () => {
    const policy = await call('GET', `/api/v1/policies/${policyId}`);
    const latest = policy.body.version;
    const revision = await call('GET', `/api/v1/policies/${policyId}/revisions/2`);
    expect(revision.body.snapshot.settings.ipAllow).toEqual(['192.0.2.10', '2001:db8::1']);
    expect((await call('GET', `/api/v1/policies/${policyId}/revisions/999`)).status).toBe(404);
    const diff = await call('GET', `/api/v1/policies/${policyId}/diff?from=1&to=2`);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([{ op: 'replace', path: '/settings/ipDeny', before: [], after: ['10.0.0.0/8', '2001:db8:bad::/48'] }]),
    );
    const reverse = await call('GET', `/api/v1/policies/${policyId}/diff?from=2&to=1`);
    expect(reverse.body.changes.find((c: any) => c.path === '/settings/ipDeny')).toMatchObject({ before: ['10.0.0.0/8', '2001:db8:bad::/48'], after: [] });
    const adds = await call('GET', `/api/v1/policies/${policyId}/diff?from=3`);
    expect(adds.body.to).toBe(latest);
    expect(adds.body.changes.some((c: any) => c.op === 'add' && c.path === `/exclusions/${exclusionId}`)).toBe(true);
    expect((await call('GET', `/api/v1/policies/${policyId}/diff?from=x`)).status).toBe(422);
    expect((await call('POST', `/api/v1/policies/${policyId}/rollback`, { body: { toRevision: 3 } })).status).toBe(428);
    expect(
      (
        await call('POST', `/api/v1/policies/${policyId}/rollback`, {
          who: EDITOR,
          body: { toRevision: latest },
          headers: { 'if-match': policy.headers.get('etag')! },
        })
      ).status,
    ).toBe(403);
    const rolled = await call('POST', `/api/v1/policies/${policyId}/rollback`, {
      body: { toRevision: 3 },
      headers: { 'if-match': policy.headers.get('etag')! },
    });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ version: latest + 1, overrides: [], exclusions: [], customRules: [] });
    expect((await call('GET', `/api/v1/policies/${policyId}/revisions`)).body.items[0]).toMatchObject({
      revision: latest + 1,
      action: 'rollback',
      rolledBackFrom: 3,
    });
    const again = await call('POST', `/api/v1/policies/${policyId}/rollback`, {
      body: { toRevision: 3 },
      headers: { 'if-match': rolled.headers.get('etag')! },
    });
    expect(again.body.type).toBe('urn:waf-panel:problem:no-change');
    const forward = await call('POST', `/api/v1/policies/${policyId}/rollback`, {
      body: { toRevision: latest },
      headers: { 'if-match': rolled.headers.get('etag')! },
    });
    expect(forward.status).toBe(200);
    expect(forward.body.exclusions.map((e: any) => e.id)).toContain(exclusionId);
    expect(forward.body.exclusions.find((e: any) => e.id === exclusionId).version).toBe(latest + 2);
    expect((await audits(`action=policy.rollback&entityId=${policyId}`))[0].before).toHaveProperty('settings');
  });

  it('searches the audit log by action prefix, actor, entity and whole tokens', async () => {
    const exclusions = await audits('action=exclusion.*');
    expect(exclusions.length).toBeGreaterThan(0);
    expect(exclusions.every((entry) => entry.action.startsWith('exclusion.'))).toBe(true);
    expect((await audits('actor=EDITOR@example.com')).every((entry) => entry.actor.sub === 'editor-1')).toBe(true);
    const byDomain = await audits('q=shop.example.com');
    expect(byDomain.some((entry) => entry.action === 'vhost.create')).toBe(true);
    expect((await audits('q=942100')).some((entry) => entry.entity.id === exclusionId)).toBe(true);
    const page = await call('GET', '/api/v1/audit-events?limit=2');
    expect(page.body.items).toHaveLength(2);
    const next = await call('GET', `/api/v1/audit-events?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
    expect(new Date(next.body.items[0].occurredAt).getTime()).toBeLessThanOrEqual(new Date(page.body.items[1].occurredAt).getTime());
    const created = await call('POST', '/api/v1/policies', { body: { name: 'Audit probe' }, headers: { 'x-correlation-id': 'probe-123' } });
    expect((await audits(`entityId=${created.body.id}`))[0]).toMatchObject({
      correlationId: 'probe-123',
      httpMethod: 'POST',
      httpPath: '/api/v1/policies',
      actor: { sub: 'admin-1', email: 'admin@example.com', type: 'user' },
    });
    expect((await call('GET', '/api/v1/audit-events?outcome=bad&from=yesterday')).body.errors.map((e: any) => e.path).sort()).toEqual(['from', 'outcome']);
    expect((await call('DELETE', `/api/v1/audit-events/${created.body.id}`)).status).toBe(405);
  });

  it('exports and imports policies: idempotent, strict conflicts, replace', async () => {
    const exported = await call('GET', `/api/v1/policies/${policyId}/export`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body).toMatchObject({ format: 'waf-panel/policies', formatVersion: 1, crsVersion: CRS });
    const document = exported.body;
    expect(JSON.stringify(document)).not.toContain(policyId);
    expect(document.policies[0].exclusions.find((e: any) => e.tag === 'attack-sqli').vhostDomain).toBe('shop.example.com');
    const replay = await call('POST', '/api/v1/policies/import', {
      who: EDITOR,
      body: { ...document, policies: document.policies.map((p: any) => ({ ...p, overrides: p.overrides.filter((o: any) => !o.forced) })) },
    });
    expect(replay.body.results).toBeUndefined();
    expect(replay.status).toBe(409);
    const same = await call('POST', '/api/v1/policies/import', { body: document });
    expect(same.body.results).toEqual([{ name: 'Shop policy', policyId, result: 'unchanged' }]);
    const renamed = { ...document, policies: [{ ...document.policies[0], name: 'Copied policy' }] };
    const created = await call('POST', '/api/v1/policies/import', { body: renamed });
    expect(created.body.results[0].result).toBe('created');
    const copy = await call('GET', `/api/v1/policies/${created.body.results[0].policyId}`);
    expect(copy.body.exclusions).toHaveLength(document.policies[0].exclusions.length);
    expect((await call('GET', `/api/v1/policies/${copy.body.id}/revisions`)).body.items).toEqual([expect.objectContaining({ revision: 1, action: 'import' })]);
    const changed = { ...renamed, policies: [{ ...renamed.policies[0], description: 'changed' }] };
    const strict = await call('POST', '/api/v1/policies/import', { body: changed });
    expect(strict.body).toMatchObject({ type: 'urn:waf-panel:problem:import-conflict', names: ['Copied policy'] });
    const replaced = await call('POST', '/api/v1/policies/import?mode=replace', { body: changed });
    expect(replaced.body.results[0]).toMatchObject({ result: 'replaced', policyId: copy.body.id });
    const invalid = await call('POST', '/api/v1/policies/import', {
      body: {
        ...changed,
        formatVersion: 2,
        policies: [{ ...changed.policies[0], exclusions: [{ ruleId: 942100, path: 'nope', vhostDomain: 'unknown.example.com' }] }],
      },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: any) => e.path).sort()).toEqual(['formatVersion', 'policies[0].exclusions[0].vhostDomain']);
    expect((await audits('action=policy.import')).length).toBeGreaterThanOrEqual(4);
  });

  let checksum = '';
  it('deploys, serves nodes with ETag/304, and reports pending changes', async () => {
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE })).status).toBe(404);
    expect((await call('GET', '/api/v1/deployments/current')).status).toBe(404);
    expect((await call('GET', '/api/v1/deployments/pending')).body).toMatchObject({
      pending: true,
      deployedChecksum: null,
      changes: [{ vhostId, change: 'added' }],
    });
    expect((await call('POST', '/api/v1/deployments', { who: EDITOR, body: {} })).status).toBe(403);
    expect((await call('POST', '/api/v1/deployments', { body: { expectedChecksum: 'f'.repeat(64) } })).body.type).toBe('urn:waf-panel:problem:render-changed');
    const deployed = await call('POST', '/api/v1/deployments', { body: { comment: 'first' } });
    expect(deployed.status).toBe(201);
    checksum = deployed.body.checksum;
    expect(deployed.body).toMatchObject({ sequence: 1, status: 'succeeded', fileCount: 2, crsVersion: CRS, renderFormat: 1 });
    expect((await call('POST', '/api/v1/deployments', { body: {} })).status).toBe(200);
    const pull = await call('GET', '/api/v1/node/deployment', { who: NODE });
    expect(pull.status).toBe(200);
    expect(pull.headers.get('etag')).toBe(`"${checksum}"`);
    expect(pull.body.files.map((f: any) => f.path)).toEqual(['vhosts/shop.example.com/modsecurity.conf', 'vhosts/shop.example.com/vhost.json']);
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'if-none-match': `"${checksum}"` } })).status).toBe(304);
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'if-none-match': '*' } })).status).toBe(304);
    // If-None-Match compares weakly (RFC 9110 §13.1.2): a weak form of the current tag is a hit.
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'if-none-match': `W/"${checksum}"` } })).status).toBe(304);
    // A node on another CRS version is refused, not served bundles it would load and not enforce.
    const refused = await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'x-waf-crs-version': OTHER_CRS } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'urn:waf-panel:problem:crs-version-mismatch', deploymentCrsVersion: CRS, nodeCrsVersion: OTHER_CRS });
    expect((await call('GET', '/api/v1/nodes')).body.items).toEqual([expect.objectContaining({ nodeId: 'node-1', lastPullResult: 409, current: false })]);
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'x-waf-crs-version': CRS, 'if-none-match': `"${checksum}"` } })).status).toBe(
      304,
    );
    expect((await call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'x-waf-crs-version': 'latest' } })).status).toBe(400);
    expect((await call('GET', '/api/v1/node/deployment')).status).toBe(403);
    expect((await call('GET', '/api/v1/vhosts', { who: NODE })).status).toBe(403);
    expect((await call('GET', '/api/v1/nodes')).body.items).toEqual([
      expect.objectContaining({ nodeId: 'node-1', lastPullResult: 304, lastServedChecksum: checksum, current: true }),
    ]);
    expect((await call('GET', '/api/v1/deployments/pending')).body).toMatchObject({ pending: false, changes: [] });
    const policy = await call('GET', `/api/v1/policies/${policyId}`);
    await call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'only words' }, headers: { 'if-match': policy.headers.get('etag')! } });
    expect((await call('GET', '/api/v1/deployments/pending')).body.pending).toBe(false);
    const withContent = await call('GET', `/api/v1/deployments/${deployed.body.id}?include=content`);
    expect(withContent.body.files[0].content).toContain('SecRuleEngine On');
    expect((await call('GET', '/api/v1/deployments')).body.items.map((d: any) => d.sequence)).toEqual([1]);
    expect((await call('PUT', `/api/v1/deployments/${deployed.body.id}`, { body: {} })).headers.get('allow')).toContain('GET');
  });

  it('stores a failed deployment when the engine check fails, keeping the current one', async () => {
    const failing = await startWafPanel(backend, { WAF_ENGINE_CHECK_CMD: '/bin/false' });
    try {
      const policy = await failing.call('GET', `/api/v1/policies/${policyId}`);
      await failing.call('PATCH', `/api/v1/policies/${policyId}`, { body: { mode: 'detection_only' }, headers: { 'if-match': policy.headers.get('etag')! } });
      const failed = await failing.call('POST', '/api/v1/deployments', { body: {} });
      expect(failed.status).toBe(422);
      expect(failed.body).toMatchObject({ type: 'urn:waf-panel:problem:deployment-validation-failed', deploymentId: expect.any(String) });
      expect((await failing.call('GET', '/api/v1/deployments/current')).body.checksum).toBe(checksum);
      expect(await audits('action=deployment.create&outcome=failed')).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });

  it('holds one deployment lease per tenant: 409 with Retry-After while another is running, free again after expiry', async () => {
    const store = waf.service.app.get(Store);
    const setLease = (expires: string) =>
      runAsTenant(TENANT_A, 'test', () =>
        runTenantUnit(store, (scope) =>
          scope.execute(
            sql`UPDATE waf.deployment_state SET lease_holder = ${'99000000-0000-4000-8000-000000000099'}, lease_expires_at = ${expires} WHERE tenant_id = ${TENANT_A}`,
          ),
        ),
      );
    expect((await setLease(new Date(Date.now() + 60_000).toISOString())).affected).toBe(1);
    const busy = await call('POST', '/api/v1/deployments', { body: {} });
    expect(busy.status).toBe(409);
    expect(busy.body.type).toBe('urn:waf-panel:problem:deployment-in-progress');
    expect(busy.headers.get('retry-after')).toBe('5');
    await setLease(new Date(Date.now() - 1000).toISOString());
    // The mode change of the failed attempt above is still undeployed: a new deployment publishes.
    expect((await call('POST', '/api/v1/deployments', { body: {} })).status).toBe(201);
  });

  it('blocks vhosts without a policy: render 409, pending "blocked", deployment 422', async () => {
    const bare = await call('POST', '/api/v1/vhosts', { body: { domain: 'bare.example.com', backends: [{ url: 'https://10.0.0.5:8443' }] } });
    expect((await call('GET', `/api/v1/vhosts/${bare.body.id}/render`)).body.type).toBe('urn:waf-panel:problem:vhost-without-policy');
    expect((await call('GET', '/api/v1/deployments/pending')).body.changes).toContainEqual({
      vhostId: bare.body.id,
      domain: 'bare.example.com',
      change: 'blocked',
    });
    const refused = await call('POST', '/api/v1/deployments', { body: {} });
    expect(refused.body).toMatchObject({ type: 'urn:waf-panel:problem:vhost-without-policy', vhosts: [{ vhostId: bare.body.id, domain: 'bare.example.com' }] });
    expect(
      (await call('PATCH', `/api/v1/vhosts/${bare.body.id}`, { body: { enabled: false }, headers: { 'if-match': bare.headers.get('etag')! } })).body.enabled,
    ).toBe(false);
    expect((await call('GET', '/api/v1/vhosts?enabled=false')).body.items.map((v: any) => v.domain)).toEqual(['bare.example.com']);
    expect((await call('GET', '/api/v1/vhosts?enabled=maybe')).status).toBe(422);
  });

  it('refuses deleting what is referenced, and deletes with If-Match', async () => {
    const vhost = await call('GET', `/api/v1/vhosts/${vhostId}`);
    const referenced = await call('DELETE', `/api/v1/vhosts/${vhostId}`, { headers: { 'if-match': vhost.headers.get('etag')! } });
    expect(referenced.body).toMatchObject({ type: 'urn:waf-panel:problem:vhost-referenced', policyIds: expect.arrayContaining([policyId]) });
    const policy = await call('GET', `/api/v1/policies/${policyId}`);
    expect((await call('DELETE', `/api/v1/policies/${policyId}`, { headers: { 'if-match': policy.headers.get('etag')! } })).body).toMatchObject({
      type: 'urn:waf-panel:problem:policy-in-use',
      vhostIds: [vhostId],
    });
    const probe = (await call('GET', '/api/v1/policies?q=audit probe')).body.items[0];
    expect((await call('DELETE', `/api/v1/policies/${probe.id}`, { headers: { 'if-match': `"${probe.id}-${probe.version}"` } })).status).toBe(204);
    expect((await call('GET', `/api/v1/policies/${probe.id}/revisions`)).status).toBe(404);
  });

  it('isolates tenants on every route: another tenant sees 404 or nothing', async () => {
    const policy = `/api/v1/policies/${policyId}`;
    for (const [method, path] of [
      ['GET', `/api/v1/vhosts/${vhostId}`],
      ['PATCH', `/api/v1/vhosts/${vhostId}`],
      ['DELETE', `/api/v1/vhosts/${vhostId}`],
      ['GET', `/api/v1/vhosts/${vhostId}/render`],
      ['GET', policy],
      ['PATCH', policy],
      ['DELETE', policy],
      ['GET', `${policy}/export`],
      ['GET', `${policy}/revisions`],
      ['GET', `${policy}/revisions/1`],
      ['GET', `${policy}/diff?from=1`],
      ['POST', `${policy}/rollback`],
      ['GET', `${policy}/exclusions`],
      ['POST', `${policy}/overrides`],
      ['GET', `${policy}/exclusions/${exclusionId}`],
      ['PATCH', `${policy}/exclusions/${exclusionId}`],
      ['DELETE', `${policy}/exclusions/${exclusionId}`],
    ]) {
      // Bodies valid for the route, so the answer is about the id alone (422 would win over 404).
      const body = method === 'PATCH' ? {} : path.endsWith('rollback') ? { toRevision: 1 } : method === 'POST' ? { ruleId: 920350 } : undefined;
      const answer = await call(method, path, { who: ADMIN_B, body, headers: { 'if-match': `"${policyId}-1"` } });
      expect([method, path, answer.status]).toEqual([method, path, 404]);
    }
    for (const path of ['/api/v1/vhosts', '/api/v1/policies', '/api/v1/audit-events', '/api/v1/deployments', '/api/v1/nodes']) {
      expect((await call('GET', path, { who: ADMIN_B })).body.items).toEqual([]);
    }
    expect((await call('GET', '/api/v1/deployments/current', { who: ADMIN_B })).status).toBe(404);
    expect((await call('GET', '/api/v1/node/deployment', { who: { ...NODE, tenant: TENANT_B } })).status).toBe(404);
    expect((await call('POST', '/api/v1/vhosts', { who: ADMIN_B, body: { ...VHOST, policyId } })).body.errors).toEqual([
      expect.objectContaining({ path: 'policyId' }),
    ]);
    expect((await call('POST', '/api/v1/vhosts', { who: ADMIN_B, body: VHOST })).status).toBe(201);
  });

  it('answers 401 without a token and audits nothing for it', async () => {
    const answer = await call('POST', '/api/v1/policies', { who: null, body: POLICY });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('GET', '/health/live', { who: null })).status).toBe(200);
    const metrics = await call('GET', '/metrics', { who: null });
    expect(metrics.body).toContain('waf_deployments_total');
    expect(metrics.body).toContain('waf_node_pulls_total');
  });

  it('refuses targets outside the CRS catalogue when WAF_CRS_CATALOGUE is set', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'crs-catalogue-'));
    writeFileSync(join(directory, 'catalogue.json'), JSON.stringify(buildCatalogue(join(__dirname, '../../../test/fixtures/crs'))));
    const strict = await startWafPanel(backend, { WAF_CRS_CATALOGUE: join(directory, 'catalogue.json') });
    try {
      const path = `/api/v1/policies/${policyId}/overrides`;
      expect((await strict.call('POST', path, { body: { ruleId: 999999 } })).body.type).toBe('urn:waf-panel:problem:unknown-rule');
      expect((await strict.call('POST', path, { body: { tag: 'attack-nothing' } })).body.type).toBe('urn:waf-panel:problem:unknown-tag');
      expect((await strict.call('POST', path, { body: { ruleId: 932100 } })).status).toBe(201);
      const catalogue = (await strict.call('GET', '/api/v1/engine/catalogue', { who: VIEWER })).body;
      expect(catalogue.configured).toBe(true);
      expect(catalogue.ids).toContain(932100);
      expect(catalogue.ids).toEqual([...catalogue.ids].sort((a: number, b: number) => a - b));
      expect(catalogue.tags.length).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/engine/catalogue', { who: VIEWER })).body).toEqual({ configured: false, ids: [], tags: [] });
    } finally {
      await strict.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  const HISTORY = ['policy_revisions', 'audit_events', 'deployments', 'deployment_files'];
  if (backend.kind === 'postgres') {
    it('the app role cannot rewrite history, and neither can the owner (triggers)', async () => {
      const client = new Client({ connectionString: backend.url });
      await client.connect();
      try {
        for (const table of HISTORY) {
          await client.query('BEGIN');
          await client.query('SET LOCAL ROLE waf_app');
          await client.query(`SELECT set_config('app.tenant_id', '${TENANT_A}', true)`);
          await expect(client.query(`UPDATE waf.${table} SET tenant_id = tenant_id`)).rejects.toThrow(/permission denied/);
          await client.query('ROLLBACK');
          await expect(client.query(`DELETE FROM waf.${table}`)).rejects.toThrow(/append-only/);
          await expect(client.query(`UPDATE waf.${table} SET tenant_id = tenant_id`)).rejects.toThrow(/append-only/);
        }
        await client.query('BEGIN');
        await client.query('SET LOCAL ROLE waf_app');
        await client.query(`SELECT set_config('app.tenant_id', '${TENANT_B}', true)`);
        expect((await client.query('SELECT count(*)::int AS n FROM waf.policies')).rows[0].n).toBe(0);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    });
  } else {
    it('triggers refuse UPDATE and DELETE on history', async () => {
      const store = waf.service.app.get(Store);
      for (const table of HISTORY) {
        await expect(dataSourceOf(store).query(`DELETE FROM waf.${table}`)).rejects.toThrow(/append-only/);
        await expect(dataSourceOf(store).query(`UPDATE waf.${table} SET tenant_id = tenant_id`)).rejects.toThrow(/append-only/);
      }
    });
  }

  it('documents every route in OpenAPI', async () => {
    const doc = (await call('GET', '/api/docs-json', { who: null })).body;
    for (const path of [
      '/api/v1/vhosts/{id}/render',
      '/api/v1/policies/import',
      '/api/v1/policies/{id}/rollback',
      '/api/v1/policies/{policyId}/exclusions/{id}',
      '/api/v1/node/deployment',
      '/api/v1/audit-events',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });
});
