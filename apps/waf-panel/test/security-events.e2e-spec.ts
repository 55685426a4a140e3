/**
 * Security events through the real panel on both backends: nodes ship batches, the panel masks
 * and stores them once per transaction, searches and summarises them per tenant, and proposes the
 * narrowest exclusion for a false positive, which is applied through the normal policy write.
 */
import { describeBackends } from '../../../test/harness/backends';
import { ADMIN, ADMIN_B, EDITOR, NODE, startWafPanel, TENANT_B, VIEWER, type WafUnderTest, type Who } from './waf-harness';

const NODE_B: Who = { roles: ['WafNode'], sub: 'node-b', tenant: TENANT_B };

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** An event as the agent ships it: one ModSecurity transaction that matched rules. */
function event(transactionId: string, overrides: Record<string, unknown> = {}, matches: Record<string, unknown>[] = []) {
  return {
    transactionId,
    occurredAt: ago(5),
    host: 'shop.test',
    clientIp: '198.51.100.7',
    method: 'POST',
    uri: '/blog/comments?page=2',
    status: 403,
    engine: 'Enabled',
    producer: 'ModSecurity v3.0.9 (Linux); OWASP_CRS/3.3.4',
    headers: { Host: 'shop.test', 'User-Agent': 'Mozilla/5.0' },
    matches: [
      ...matches,
      {
        ruleId: 949110,
        message: 'Inbound Anomaly Score Exceeded (Total Score: 5)',
        variable: 'TX:ANOMALY_SCORE',
        data: '',
        severity: 2,
        tags: ['anomaly-evaluation'],
      },
    ],
    ...overrides,
  };
}

const SQLI_IN_COMMENT = {
  ruleId: 942100,
  message: 'SQL Injection Attack Detected via libinjection',
  variable: 'ARGS:comment',
  data: "Matched Data: s&sos found within ARGS:comment: it's 1' or '1'='1",
  severity: 2,
  tags: ['attack-sqli'],
};

describeBackends(
  'WAF security events',
  (backend) => {
    let waf: WafUnderTest;
    let shopId = '';
    let policyId = '';
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      waf = await startWafPanel(backend);
      const policy = await waf.call('POST', '/api/v1/policies', { body: { name: 'shop', mode: 'blocking' } });
      policyId = policy.body.id;
      for (const domain of ['shop.test', '*.api.test']) {
        const vhost = await waf.call('POST', '/api/v1/vhosts', { body: { domain, backends: [{ url: 'http://app:8080' }], policyId } });
        expect(vhost.status).toBe(201);
        if (domain === 'shop.test') shopId = vhost.body.id;
      }
      expect((await waf.call('POST', '/api/v1/deployments', { body: {} })).status).toBe(201);
    });
    afterAll(() => waf?.close());

    const ship = (events: unknown[], who: Who = NODE) => waf.call('POST', '/api/v1/node/events', { who, body: { events } });
    const list = async (query = '', who: Who = VIEWER) => (await waf.call('GET', `/api/v1/security-events${query}`, { who })).body.items as any[];

    it('stores a batch once per transaction, attributed to the vhost serving its host', async () => {
      const batch = [
        event('t-1', {}, [SQLI_IN_COMMENT]),
        event('t-2', { occurredAt: ago(4), uri: '/blog/comments', clientIp: '2001:db8::7' }, [SQLI_IN_COMMENT]),
        event(
          't-3',
          {
            occurredAt: ago(3),
            host: 'v1.api.test:8443',
            method: 'GET',
            uri: '/login?user=alice&password=hunter2%27--&next=%2F',
            headers: { Host: 'v1.api.test', Cookie: 'session=abc123; theme=dark', Authorization: 'Bearer eyJhbGciOi.x.y', 'X-Api-Key': 'k-123' },
          },
          [
            { ...SQLI_IN_COMMENT, variable: 'ARGS:password', data: "Matched Data: s&sos found within ARGS:password: hunter2'--" },
            {
              ruleId: 942200,
              message: 'SQL comment in cookie',
              variable: 'REQUEST_COOKIES:session',
              data: 'Matched Data: abc123 found within REQUEST_COOKIES:session',
              severity: 2,
              tags: [],
            },
          ],
        ),
        event('t-4', { occurredAt: ago(2), host: 'unknown.test', status: 200, engine: 'DetectionOnly' }, [SQLI_IN_COMMENT]),
      ];
      const shipped = await ship(batch);
      expect([shipped.status, shipped.body]).toEqual([200, { stored: 4, duplicates: 0 }]);
      expect((await ship(batch)).body).toEqual({ stored: 0, duplicates: 4 });
      // Counted as stored, once: the re-sent batch adds nothing.
      const metrics = (await waf.call('GET', '/metrics', { who: null })).body as string;
      expect(metrics).toMatch(/^waf_security_events_total\{action="blocked"\} 3$/m);
      expect(metrics).toMatch(/^waf_security_events_total\{action="detected"\} 1$/m);

      const events = await list();
      expect(events.map((item) => item.transactionId)).toEqual(['t-4', 't-3', 't-2', 't-1']);
      for (const item of events) ids[item.transactionId] = item.id;
      expect(events.map((item) => [item.host, item.vhostId, item.action])).toEqual([
        ['unknown.test', null, 'detected'],
        ['v1.api.test', expect.any(String), 'blocked'],
        ['shop.test', shopId, 'blocked'],
        ['shop.test', shopId, 'blocked'],
      ]);
      expect(events[2]).toMatchObject({ nodeId: 'node-1', path: '/blog/comments', query: '', clientIp: '2001:db8::7', method: 'POST', status: 403 });
      expect(events[2].matches[0]).toEqual({ ...SQLI_IN_COMMENT, variable: undefined, collection: 'ARGS', key: 'comment' });
    });

    it('masks cookies, credentials and secret-named arguments before storing them', async () => {
      const stored = (await waf.call('GET', `/api/v1/security-events/${ids['t-3']}`, { who: VIEWER })).body;
      expect(stored.query).toBe('user=alice&password=***&next=%2F');
      expect(stored.headers).toEqual({ Host: 'v1.api.test', Cookie: 'session=***; theme=***', Authorization: '***', 'X-Api-Key': '***' });
      expect(stored.matches.map((match: any) => [match.collection, match.key, match.data])).toEqual([
        ['ARGS', 'password', '***'],
        ['REQUEST_COOKIES', 'session', '***'],
        ['TX', 'ANOMALY_SCORE', ''],
      ]);
      expect(JSON.stringify(await list())).not.toMatch(/hunter2|abc123|eyJhbGciOi|k-123/);
    });

    it('searches by vhost, rule, path, client, action and time, and names every bad filter', async () => {
      const ofQuery = async (query: string) => (await list(query)).map((item) => item.transactionId);
      expect(await ofQuery(`?vhostId=${shopId}`)).toEqual(['t-2', 't-1']);
      expect(await ofQuery('?ruleId=942200')).toEqual(['t-3']);
      expect(await ofQuery('?path=/blog')).toEqual(['t-4', 't-2', 't-1']);
      expect(await ofQuery('?path=/blo')).toEqual([]);
      expect(await ofQuery('?clientIp=2001:db8::7')).toEqual(['t-2']);
      expect(await ofQuery('?action=detected')).toEqual(['t-4']);
      expect(await ofQuery(`?from=${encodeURIComponent(ago(3.5))}&to=${encodeURIComponent(ago(2.5))}`)).toEqual(['t-3']);
      const paged = await waf.call('GET', '/api/v1/security-events?limit=3', { who: VIEWER });
      expect(paged.body.items).toHaveLength(3);
      expect((await list(`?limit=3&cursor=${paged.body.nextCursor}`)).map((item) => item.transactionId)).toEqual(['t-1']);
      const bad = await waf.call('GET', '/api/v1/security-events?ruleId=abc&clientIp=nope&action=maybe&from=yesterday', { who: VIEWER });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((error: any) => error.path).sort()).toEqual(['action', 'clientIp', 'from', 'ruleId']);
    });

    it('summarises for triage: top rules without the scoring rules, the variables each matched, top paths, events per hour', async () => {
      const summary = (await waf.call('GET', '/api/v1/security-events/summary', { who: VIEWER })).body;
      expect(summary.total).toBe(4);
      expect(summary.topRules).toEqual([
        { ruleId: 942100, message: SQLI_IN_COMMENT.message, events: 4 },
        { ruleId: 942200, message: 'SQL comment in cookie', events: 1 },
      ]);
      expect(summary.ruleVariables).toEqual([
        { ruleId: 942100, variable: 'ARGS:comment', events: 3 },
        { ruleId: 942100, variable: 'ARGS:password', events: 1 },
        { ruleId: 942200, variable: 'REQUEST_COOKIES:session', events: 1 },
      ]);
      expect(summary.topPaths[0]).toEqual({ host: 'shop.test', path: '/blog/comments', events: 2 });
      const hours = summary.timeline as Array<{ hour: string; blocked: number; detected: number }>;
      expect(hours.reduce((sum, hour) => sum + hour.blocked + hour.detected, 0)).toBe(4);
      expect(hours.every((hour) => /T\d{2}:00:00\.000Z$/.test(hour.hour))).toBe(true);
    });

    it('keeps tenants apart and nodes to their own routes', async () => {
      expect(await list('', ADMIN_B)).toEqual([]);
      expect((await waf.call('GET', `/api/v1/security-events/${ids['t-1']}`, { who: ADMIN_B })).status).toBe(404);
      expect((await ship([event('t-1', {}, [SQLI_IN_COMMENT])], NODE_B)).body).toEqual({ stored: 1, duplicates: 0 });
      expect((await list('', ADMIN_B)).map((item) => item.vhostId)).toEqual([null]);
      expect(await list()).toHaveLength(4);
      expect((await waf.call('POST', '/api/v1/node/events', { who: ADMIN, body: { events: [event('t-9')] } })).status).toBe(403);
      expect((await waf.call('GET', '/api/v1/security-events', { who: NODE })).status).toBe(403);
      expect((await waf.call('POST', '/api/v1/security-events/proposal', { who: VIEWER, body: { eventIds: [ids['t-1']] } })).status).toBe(403);
    });

    it('refuses a batch with any bad event, naming every bad field, and stores none of it', async () => {
      const refused = await ship([
        event('t-10', {}, [SQLI_IN_COMMENT]),
        event('bad id!', { clientIp: 'somewhere', status: 99, engine: 'Off', occurredAt: 'now' }, [{ ...SQLI_IN_COMMENT, ruleId: 'x' }]),
      ]);
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((error: any) => error.path).sort()).toEqual([
        'events[1].clientIp',
        'events[1].engine',
        'events[1].matches[0].ruleId',
        'events[1].occurredAt',
        'events[1].status',
        'events[1].transactionId',
      ]);
      expect((await ship([])).status).toBe(422);
      expect(await list()).toHaveLength(4);
    });

    it('serves no event past retention', async () => {
      expect((await ship([event('t-old', { occurredAt: ago(31 * 24 * 60) }, [SQLI_IN_COMMENT])])).body).toEqual({ stored: 1, duplicates: 0 });
      expect((await list()).map((item) => item.transactionId)).not.toContain('t-old');
    });

    it('proposes the narrowest exclusion for a false positive, and it is applied through the normal policy write', async () => {
      const proposed = await waf.call('POST', '/api/v1/security-events/proposal', { who: EDITOR, body: { eventIds: [ids['t-1'], ids['t-2']] } });
      expect(proposed.status).toBe(200);
      expect(proposed.body).toMatchObject({ vhostId: shopId, domain: 'shop.test', policyId, policyName: 'shop', policyEtag: `"${policyId}-1"` });
      expect(proposed.body.exclusions).toEqual([
        {
          body: {
            ruleId: 942100,
            variable: { collection: 'ARGS', key: 'comment' },
            vhostId: shopId,
            path: '/blog/comments',
            comment: 'From 2 security event(s): t-1, t-2',
          },
          explanation: expect.stringContaining(
            'Rule 942100 (SQL Injection Attack Detected via libinjection) stops inspecting ARGS:comment in requests to /blog/comments',
          ),
          events: 2,
          exists: false,
          protected: false,
        },
      ]);
      expect(proposed.body.skipped).toEqual([{ ruleId: 949110, variable: 'TX:ANOMALY_SCORE', reason: expect.stringContaining('anomaly score') }]);
      expect(proposed.body.preview.before).not.toContain('ctl:ruleRemoveTargetById=942100;ARGS:comment');
      expect(proposed.body.preview.after).toContain('ctl:ruleRemoveTargetById=942100;ARGS:comment');

      const applied = await waf.call('POST', `/api/v1/policies/${policyId}/exclusions`, {
        who: EDITOR,
        body: proposed.body.exclusions[0].body,
        headers: { 'if-match': proposed.body.policyEtag },
      });
      expect(applied.status).toBe(201);
      expect((await waf.call('GET', `/api/v1/policies/${policyId}/revisions`, { who: VIEWER })).body.items).toHaveLength(2);
      expect((await waf.call('GET', `/api/v1/audit-events?action=exclusion.create`, { who: VIEWER })).body.items).toHaveLength(1);
      const again = await waf.call('POST', '/api/v1/security-events/proposal', { who: EDITOR, body: { eventIds: [ids['t-1']] } });
      expect(again.body.exclusions.map((exclusion: any) => exclusion.exists)).toEqual([true]);
      expect(again.body.preview.after).toBe(again.body.preview.before);
      // The proposal was made at policy version 1: applying it again is stale.
      const stale = await waf.call('POST', `/api/v1/policies/${policyId}/exclusions`, {
        who: EDITOR,
        body: { ...proposed.body.exclusions[0].body, path: '/blog' },
        headers: { 'if-match': proposed.body.policyEtag },
      });
      expect(stale.status).toBe(412);
    });

    it('refuses proposals across vhosts, for unknown hosts or events, and lets only an Admin force', async () => {
      const propose = (eventIds: string[], who: Who = EDITOR, force?: boolean) =>
        waf.call('POST', '/api/v1/security-events/proposal', { who, body: { eventIds, ...(force === undefined ? {} : { force }) } });
      expect((await propose([ids['t-1'], ids['t-3']])).status).toBe(422);
      expect((await propose([ids['t-4']])).body).toMatchObject({ status: 409, type: 'urn:waf-panel:problem:event-without-vhost' });
      expect((await propose(['00000000-0000-4000-8000-000000000000'])).body.errors).toEqual([
        { in: 'body', path: 'eventIds', message: 'unknown events: 00000000-0000-4000-8000-000000000000' },
      ]);
      expect((await propose([ids['t-1']], EDITOR, true)).status).toBe(403);
      expect((await propose([ids['t-1']], ADMIN, true)).status).toBe(200);
    });

    it('records what a node reports of applying a deployment', async () => {
      const pulled = await waf.call('GET', '/api/v1/node/deployment', { who: NODE });
      const report = {
        checksum: pulled.body.checksum,
        status: 'failed',
        error: 'nginx: [emerg] unknown directive',
        engineVersion: 'nginx/1.22.1',
        crsVersion: '3.3.4',
      };
      expect((await waf.call('POST', '/api/v1/node/reports', { who: NODE, body: report })).status).toBe(204);
      expect((await waf.call('GET', '/api/v1/nodes', { who: VIEWER })).body.items[0]).toMatchObject({
        nodeId: 'node-1',
        applyStatus: 'failed',
        applyChecksum: pulled.body.checksum,
        applyError: 'nginx: [emerg] unknown directive',
        engineVersion: 'nginx/1.22.1',
        crsVersion: '3.3.4',
      });
      expect((await waf.call('POST', '/api/v1/node/reports', { who: NODE, body: { ...report, status: 'applied', error: null } })).status).toBe(204);
      expect((await waf.call('GET', '/api/v1/nodes', { who: VIEWER })).body.items[0]).toMatchObject({ applyStatus: 'applied', applyError: null });
      expect((await waf.call('POST', '/api/v1/node/reports', { who: NODE_B, body: report })).body.type).toBe('urn:waf-panel:problem:node-not-pulled');
      const bad = await waf.call('POST', '/api/v1/node/reports', { who: NODE, body: { checksum: 'x', status: 'maybe', crsVersion: 'latest' } });
      expect(bad.body.errors.map((error: any) => error.path).sort()).toEqual(['checksum', 'crsVersion', 'engineVersion', 'status']);
    });
  },
  { pgbouncer: true },
);
