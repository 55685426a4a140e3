/**
 * What an operator configures is what the engine enforces: policies set through the API are
 * deployed, pulled as a node pulls them (WafNode token, ETag), loaded into nginx with
 * libmodsecurity and the installed CRS, and real requests go through the rendered rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crsMajorOf, CRS_SETUP_VARIABLES, detectCrsVersion } from '@lib/waf';
import { CRS_RULES, type DeployedFile, LiveEngine, type LiveRequest } from './live-engine';
import { NODE, startWafPanel, type WafUnderTest } from './waf-harness';

const INCLUDE = `${CRS_RULES}/*.conf`;

interface Site {
  readonly domain: string;
  readonly policy: Record<string, unknown>;
  readonly overrides?: Record<string, unknown>[];
  readonly exclusions?: Record<string, unknown>[];
  readonly customRules?: Record<string, unknown>[];
}

/** One vhost per behaviour under test. Thresholds of 3 let a single WARNING rule (3 points) block. */
const SITES: Site[] = [
  ...[1, 2, 3, 4].map((level) => ({
    domain: `pl${level}.test`,
    policy: { mode: 'blocking', blockingParanoiaLevel: level, inboundAnomalyThreshold: 3 },
    // PL4's strictest byte range (920273) refuses every JSON body ({":); an operator tunes it away for the body only.
    exclusions: level === 4 ? [{ ruleId: 920273, variable: { collection: 'REQUEST_BODY' } }] : [],
  })),
  { domain: 'pl2-lenient.test', policy: { mode: 'blocking', blockingParanoiaLevel: 2, inboundAnomalyThreshold: 100 } },
  { domain: 'pl1-detects-pl2.test', policy: { mode: 'blocking', blockingParanoiaLevel: 1, detectionParanoiaLevel: 2, inboundAnomalyThreshold: 3 } },
  { domain: 'detect.test', policy: { mode: 'detection_only' } },
  { domain: 'default.test', policy: { mode: 'blocking' } },
  { domain: 'deny-local.test', policy: { mode: 'blocking', ipDeny: ['127.0.0.0/8', '::1'] } },
  { domain: 'allow-local.test', policy: { mode: 'blocking', ipAllow: ['127.0.0.1', '::1'], ipDeny: ['127.0.0.0/8'] } },
  { domain: 'deny-forwarded.test', policy: { mode: 'blocking', ipDeny: ['203.0.113.0/24'] } },
  {
    domain: 'excluded.test',
    policy: { mode: 'blocking' },
    exclusions: [
      { tag: 'attack-sqli', variable: { collection: 'ARGS', key: 'password' }, path: '/login' },
      { tag: 'attack-xss', variable: { collection: 'ARGS', key: 'bio' } },
      // A JSON body's fields are arguments named by their path.
      { tag: 'attack-sqli', variable: { collection: 'ARGS', key: 'json.comment' } },
    ],
    overrides: [{ ruleId: 913100 }],
  },
  {
    domain: 'custom.test',
    policy: { mode: 'blocking' },
    customRules: [
      {
        ruleId: 10050,
        phase: 2,
        variables: [{ collection: 'ARGS', key: 'id' }],
        operator: 'rx',
        negate: true,
        argument: '^\\d+$',
        action: 'deny',
        status: 451,
        severity: 'WARNING',
        message: 'id must be numeric',
      },
    ],
  },
];

const SQLI = "id=1'%20OR%20'1'%3D'1";
const XSS = 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E';
const TRAVERSAL = 'file=..%2F..%2F..%2Fetc%2Fpasswd';
const COMMAND = 'cmd=%3Bcat%20%2Fetc%2Fpasswd';
/** Special characters in one argument: 12 trip 942430 (PL2), 6 trip 942431 (PL3), 2 trip 942432 (PL4). */
const SPECIAL = { pl2: 'x=a(b(c(d(e(f(g(h(i(j(k(l(m', pl3: 'x=a(b(c(d(e(f(g', pl4: 'x=a(b(c' };

describe('live traffic through the rendered rules (nginx + libmodsecurity + the installed CRS)', () => {
  const crs = detectCrsVersion(INCLUDE)!;
  let waf: WafUnderTest;
  let engine: LiveEngine;
  let sqliteDirectory: string;
  let files: DeployedFile[];
  let counter = 0;
  /** A path whose last segment no other request of the suite uses, so the engine's log lines are this request's. */
  const unique = (path = '/') => `${path.replace(/\/$/, '')}/r${++counter}`;
  const send = (domain: string, query: string, options: Parameters<LiveEngine['send']>[2] = {}, path = '/') =>
    engine.send(domain, `${unique(path)}${query ? `?${query}` : ''}`, options);

  beforeAll(async () => {
    sqliteDirectory = mkdtempSync(join(tmpdir(), 'waf-live-db-'));
    waf = await startWafPanel({ kind: 'sqlite', url: `sqlite:${sqliteDirectory}/` }, { WAF_CRS_INCLUDE: INCLUDE });
    for (const site of SITES) {
      const policy = await waf.call('POST', '/api/v1/policies', { body: { name: site.domain, ...site.policy } });
      expect([site.domain, policy.status, policy.body.errors]).toEqual([site.domain, 201, undefined]);
      for (const [segment, children] of [
        ['overrides', site.overrides],
        ['exclusions', site.exclusions],
        ['custom-rules', site.customRules],
      ] as const) {
        for (const body of children ?? []) {
          const child = await waf.call('POST', `/api/v1/policies/${policy.body.id}/${segment}`, { body });
          expect([child.status, child.body.errors]).toEqual([201, undefined]);
        }
      }
      expect(
        (await waf.call('POST', '/api/v1/vhosts', { body: { domain: site.domain, backends: [{ url: 'http://app:8080/' }], policyId: policy.body.id } })).status,
      ).toBe(201);
    }
    // One policy on two vhosts, with an exclusion for one of them only.
    const shared = await waf.call('POST', '/api/v1/policies', { body: { name: 'shared', mode: 'blocking' } });
    const [first] = await Promise.all(
      ['shared-a.test', 'shared-b.test'].map(
        async (domain) =>
          (await waf.call('POST', '/api/v1/vhosts', { body: { domain, backends: [{ url: 'http://app:8080/' }], policyId: shared.body.id } })).body.id as string,
      ),
    );
    const scoped = await waf.call('POST', `/api/v1/policies/${shared.body.id}/exclusions`, {
      body: { tag: 'attack-sqli', variable: { collection: 'ARGS', key: 'id' }, vhostId: first },
    });
    expect([scoped.status, scoped.body.errors]).toEqual([201, undefined]);
    const deployed = await waf.call('POST', '/api/v1/deployments', { body: { comment: 'live traffic' } });
    expect(deployed.status).toBe(201);
    // As a node pulls: its token, its CRS version, then If-None-Match until something changes.
    const pulled = await waf.call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'x-waf-crs-version': crs } });
    expect(pulled.status).toBe(200);
    expect(pulled.body.crsVersion).toBe(crs);
    expect(
      (await waf.call('GET', '/api/v1/node/deployment', { who: NODE, headers: { 'x-waf-crs-version': crs, 'if-none-match': pulled.headers.get('etag')! } }))
        .status,
    ).toBe(304);
    files = pulled.body.files;
    engine = await LiveEngine.start(files);
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await waf?.close();
    rmSync(sqliteDirectory, { recursive: true, force: true });
  });

  it('passes ordinary GET, form and JSON requests at every paranoia level', async () => {
    const ordinary: Array<[string, LiveRequest]> = [
      ['q=hello&page=2', {}],
      ['', { body: 'name=alice&city=Oslo', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['', { body: '{"name":"alice","age":30}', headers: { 'content-type': 'application/json' } }],
    ];
    for (const site of SITES.filter((s) => !s.domain.startsWith('deny-'))) {
      for (const [query, options] of ordinary) {
        // On failure the rules that fired are printed beside the status.
        expect({ domain: site.domain, ...(await send(site.domain, query, options)) }).toEqual({ domain: site.domain, status: 200, rules: expect.any(Array) });
      }
    }
  });

  it('blocks SQL injection, XSS, path traversal, command injection and scanners at PL1 in blocking mode', async () => {
    const attacks: Array<[string, string, Record<string, string>, RegExp]> = [
      ['sqli', SQLI, {}, /^942/],
      ['xss', XSS, {}, /^941/],
      ['traversal', TRAVERSAL, {}, /^930/],
      ['command', COMMAND, {}, /^932/],
      ['scanner', 'q=1', { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' }, /^913/],
    ];
    for (const [name, query, headers, family] of attacks) {
      const blocked = await send('default.test', query, { headers });
      expect([name, blocked.status]).toEqual([name, 403]);
      expect([name, blocked.rules.some((id) => family.test(String(id))), blocked.rules.includes(949110)]).toEqual([name, true, true]);
      // Detection only: the same request passes, and the engine logs the same rules.
      const logged = await send('detect.test', query, { headers });
      expect([name, logged.status]).toEqual([name, 200]);
      expect([name, logged.rules.some((id) => family.test(String(id)))]).toEqual([name, true]);
    }
  });

  it('honours each paranoia level: a request blocked at that level passes every level below it', async () => {
    const outcome = async (query: string) => Promise.all([1, 2, 3, 4].map(async (level) => (await send(`pl${level}.test`, query)).status));
    expect(await outcome(SPECIAL.pl2)).toEqual([200, 403, 403, 403]);
    expect(await outcome(SPECIAL.pl3)).toEqual([200, 200, 403, 403]);
    expect(await outcome(SPECIAL.pl4)).toEqual([200, 200, 200, 403]);
    expect((await send('pl2.test', SPECIAL.pl2)).rules).toContain(942430);
  });

  it('applies the anomaly threshold and the detection level as configured', async () => {
    // The PL2 rule fires but stays under a threshold of 100.
    const lenient = await send('pl2-lenient.test', SPECIAL.pl2);
    expect(lenient).toMatchObject({ status: 200 });
    expect(lenient.rules).toContain(942430);
    // Blocking at PL1, detecting at PL2: the PL2 rule runs and is logged, but does not block.
    const detected = await send('pl1-detects-pl2.test', SPECIAL.pl2);
    expect(detected.status).toBe(200);
    expect(detected.rules).toContain(942430);
    expect((await send('pl1.test', SPECIAL.pl2)).rules).not.toContain(942430);
  });

  it('denies listed client addresses, lets an allow entry win, and never believes X-Forwarded-For', async () => {
    for (const from of ['127.0.0.1', '::1'] as const) {
      const denied = await send('deny-local.test', 'q=hello', { from });
      expect([from, denied.status, denied.rules]).toEqual([from, 403, [90110]]);
      // Allowed (and also inside a denied network): allow wins, and the engine is off for it, attacks included.
      expect([from, (await send('allow-local.test', SQLI, { from })).status]).toEqual([from, 200]);
    }
    expect((await send('deny-forwarded.test', 'q=hello', { headers: { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' } })).status).toBe(200);
  });

  it('suppresses exactly the excluded rules for exactly their scope', async () => {
    const password = "password=1'%20OR%20'1'%3D'1";
    expect((await send('excluded.test', password, {}, '/login')).status).toBe(200);
    expect((await send('excluded.test', password, {}, '/login/step2')).status).toBe(200);
    // Another path, another argument, or another attack in the same argument: still blocked.
    expect((await send('excluded.test', password, {}, '/account')).status).toBe(403);
    expect((await send('excluded.test', password, {}, '/loginx')).status).toBe(403);
    expect((await send('excluded.test', SQLI, {}, '/login')).status).toBe(403);
    expect((await send('excluded.test', `password=${XSS.slice(2)}`, {}, '/login')).status).toBe(403);
    // A path that only looks like the scope is not in it: what a backend would route elsewhere stays blocked.
    for (const path of [
      '/login/..;/admin',
      '/login/%2e%2e/admin',
      '/login/%2E%2E%2Fadmin',
      '/login/.%2e/admin',
      '/login;jsessionid=1',
      '/login%3b/admin',
      '/LOGIN',
      '/login\\..\\admin',
    ]) {
      const answer = await send('excluded.test', password, {}, path);
      // Blocked by the SQL injection rules themselves: the exclusion did not apply.
      expect([path, answer.status, answer.rules.some((id) => id >= 942000 && id < 943000)]).toEqual([path, 403, true]);
    }
    // Repeated slashes are the same path to the engine and the backend: in scope.
    expect((await send('excluded.test', password, {}, '//login')).status).toBe(200);
    // A target exclusion with no path: XSS in bio passes anywhere, XSS elsewhere does not.
    expect((await send('excluded.test', `bio=${XSS.slice(2)}`)).status).toBe(200);
    expect((await send('excluded.test', XSS)).status).toBe(403);
    // A JSON field: excluded by its argument name, its sibling is not.
    const json = (field: string) => ({ body: JSON.stringify({ [field]: "1' OR '1'='1" }), headers: { 'content-type': 'application/json' } });
    expect((await send('excluded.test', '', json('comment'))).status).toBe(200);
    expect((await send('excluded.test', '', json('note'))).status).toBe(403);
    // A vhost-scoped exclusion of a shared policy: only on that vhost.
    expect((await send('shared-a.test', SQLI)).status).toBe(200);
    expect((await send('shared-b.test', SQLI)).status).toBe(403);
    // A rule removed outright: the scanner rule is gone, and only it.
    const scanner = await send('excluded.test', 'q=1', { headers: { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' } });
    expect(scanner.status).toBe(200);
    expect(scanner.rules).not.toContain(913100);
    expect((await send('default.test', 'q=1', { headers: { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' } })).status).toBe(403);
  });

  it('fires custom rules with their action and status', async () => {
    const refused = await send('custom.test', 'id=abc');
    expect(refused).toEqual({ status: 451, rules: [10050] });
    expect(await send('custom.test', 'id=42')).toEqual({ status: 200, rules: [] });
  });

  it('can fail: a bundle rendered for the other CRS major loads, and enforces none of its paranoia level', async () => {
    const [mine, theirs] = crsMajorOf(crs) === 3 ? [CRS_SETUP_VARIABLES[3], CRS_SETUP_VARIABLES[4]] : [CRS_SETUP_VARIABLES[4], CRS_SETUP_VARIABLES[3]];
    const served = files.find((file) => file.path === 'vhosts/pl2.test/modsecurity.conf')!;
    const foreign = served.content
      .replace(`${mine.blockingParanoiaLevel}=`, `${theirs.blockingParanoiaLevel}=`)
      .replace(`${mine.detectionParanoiaLevel}=`, `${theirs.detectionParanoiaLevel}=`);
    expect(foreign).not.toBe(served.content);
    const stale = await LiveEngine.start(files.map((file) => (file === served ? { ...file, content: foreign } : file)));
    try {
      const answer = await stale.send('pl2.test', `/stale?${SPECIAL.pl2}`);
      expect(answer.status).toBe(200);
      expect(answer.rules).not.toContain(942430);
    } finally {
      await stale.stop();
    }
  });
});
