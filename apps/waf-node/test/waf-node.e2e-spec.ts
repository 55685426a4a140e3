/**
 * The false-positive loop end to end, with real parts only: the WAF panel, the node agent, and
 * nginx with libmodsecurity and the installed OWASP CRS proxying to a backend. A benign comment
 * that reads like SQL is blocked; its event reaches the panel; the proposed exclusion is applied
 * and deployed; the agent pulls and reloads; the comment passes while the same text in another
 * argument or on another path is still blocked. Then: a deployment nginx refuses is reported
 * failed while the last good one keeps serving, and events logged during a panel outage are
 * shipped once it is back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, type CreatedService } from '@lib/platform';
import { eventually } from '../../../test/harness/child-process';
import { freePort } from '../../../test/harness/free-port';
import { nginxTempPaths, sendThrough } from '../../waf-panel/test/live-engine';
import { EDITOR, NODE, startWafPanel, VIEWER, type WafUnderTest } from '../../waf-panel/test/waf-harness';
import { WafNodeService } from '../src/waf-node.service-definition';

const MODULE = '/usr/lib/nginx/modules/ngx_http_modsecurity_module.so';
/** What a database blogger writes in a comment: CRS 3.3.4 at PL1 reads it as SQL injection (942190, 942270). */
const COMMENT = 'My favourite query: SELECT name FROM users WHERE id = 1 UNION SELECT password FROM admins';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const LOOP_MS = '200';

describe('WAF node agent with nginx, libmodsecurity and the CRS', () => {
  const work = mkdtempSync(join(tmpdir(), 'waf-node-'));
  const stateDir = join(work, 'state');
  const auditLog = join(work, 'log', 'audit.json');
  const sqlite = join(work, 'db');
  let panel: WafUnderTest;
  let panelPort = 0;
  let agent: CreatedService;
  let nginx: ChildProcess;
  let nginxExited: Promise<unknown>;
  let backend: Server;
  let port = 0;
  let policyId = '';
  let vhostId = '';
  let workersAtStart = new Set<number>();

  /** One request to the vhost through nginx: its status. */
  const send = (path: string, body?: string, host = 'shop.test') =>
    sendThrough(port, host, path, body === undefined ? {} : { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  /** nginx's worker processes: a reload is complete when none of the workers before it is left. */
  const workers = () =>
    new Set(
      readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === nginx.pid;
          } catch {
            return false; // exited meanwhile
          }
        })
        .map(Number),
    );
  const reloaded = (before: Set<number>) =>
    eventually(() => {
      const now = workers();
      expect([now.size, [...now].filter((pid) => before.has(pid))]).toEqual([1, []]);
    });
  const nodeStatus = async () => (await panel.call('GET', '/api/v1/nodes', { who: VIEWER })).body.items[0];
  const deploy = async () => {
    const deployed = await panel.call('POST', '/api/v1/deployments', { body: {} });
    expect([deployed.status, deployed.body.errors]).toEqual([201, []]);
    return deployed.body.checksum as string;
  };
  const startPanel = async () => {
    panel = await startWafPanel({ kind: 'sqlite', url: `sqlite:${sqlite}/` }, {}, panelPort);
    panelPort = Number(new URL(panel.base).port);
  };

  beforeAll(async () => {
    if (!existsSync(MODULE))
      throw new Error('nginx with libmodsecurity is not installed; run: apt-get install -y nginx-light libnginx-mod-http-modsecurity modsecurity-crs');
    backend = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('backend ok'));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    await startPanel();
    const policy = await panel.call('POST', '/api/v1/policies', { body: { name: 'shop', mode: 'blocking' } });
    policyId = policy.body.id;
    const vhost = await panel.call('POST', '/api/v1/vhosts', {
      body: { domain: 'shop.test', backends: [{ url: `http://127.0.0.1:${(backend.address() as { port: number }).port}` }], policyId },
    });
    vhostId = vhost.body.id;
    await deploy();

    // nginx as an operator sets it up: the node's servers included from the agent's state directory.
    port = await freePort();
    writeFileSync(
      join(work, 'nginx.conf'),
      [
        `load_module ${MODULE};`,
        'daemon off;',
        `pid ${work}/nginx.pid;`,
        `error_log ${work}/error.log info;`,
        'worker_processes 1;',
        'events {}',
        'http {',
        '  access_log off;',
        ...nginxTempPaths(work),
        `  server { listen 127.0.0.1:${port} default_server; return 421; }`,
        `  include ${stateDir}/current/servers/*.conf;`,
        '}',
      ].join('\n'),
    );
    nginx = spawn('nginx', ['-c', join(work, 'nginx.conf'), '-p', `${work}/`], { stdio: 'ignore' });
    nginxExited = new Promise((resolve) => nginx.on('exit', resolve));
    await eventually(async () => expect(await send('/', undefined, 'nothing.test')).toBe(421));
    // Nothing is deployed on the node yet: the vhost is not served.
    expect(await send('/')).toBe(421);
    await eventually(() => expect(workers().size).toBe(1));
    workersAtStart = workers();

    const tokenFile = join(work, 'node.token');
    writeFileSync(tokenFile, await panel.token(NODE));
    agent = await createService(WafNodeService, {
      env: {
        LOG_LEVEL: 'warn',
        WAF_PANEL_URL: panel.base,
        WAF_NODE_TOKEN_FILE: tokenFile,
        WAF_NODE_STATE_DIR: stateDir,
        WAF_NODE_NGINX_CONF: join(work, 'nginx.conf'),
        WAF_NODE_AUDIT_LOG: auditLog,
        WAF_NODE_HTTP_LISTEN: `127.0.0.1:${port}`,
        WAF_NODE_PULL_INTERVAL_MS: LOOP_MS,
        WAF_NODE_SHIP_INTERVAL_MS: LOOP_MS,
      },
    });
    await agent.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);

  afterAll(async () => {
    await agent?.app.close();
    nginx?.kill('SIGQUIT');
    await nginxExited;
    await panel?.close();
    await new Promise((resolve) => backend?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('pulls the deployment, checks it with nginx -t, reloads, and reports it applied with the engine and CRS versions', async () => {
    const before = workersAtStart;
    const current = (await panel.call('GET', '/api/v1/deployments/current', { who: VIEWER })).body;
    await eventually(async () =>
      expect(await nodeStatus()).toMatchObject({
        applyStatus: 'applied',
        applyChecksum: current.checksum,
        current: true,
        engineVersion: expect.stringMatching(/^nginx\//),
      }),
    );
    expect((await nodeStatus()).crsVersion).toBe(current.crsVersion);
    await reloaded(before);
    expect(await send('/')).toBe(200);
  });

  it('blocks a benign comment that reads like SQL, and ships its event to the panel', async () => {
    expect(await send('/blog/comments', form({ comment: COMMENT, title: 'Nice post' }))).toBe(403);
    let events: any[] = [];
    await eventually(async () => {
      events = (await panel.call('GET', `/api/v1/security-events?vhostId=${vhostId}&action=blocked&path=/blog/comments`, { who: VIEWER })).body.items;
      expect(events).toHaveLength(1);
    });
    expect(events[0]).toMatchObject({ nodeId: 'node-1', host: 'shop.test', method: 'POST', path: '/blog/comments', status: 403, clientIp: '127.0.0.1' });
    expect(events[0].matches.filter((match: any) => match.key === 'comment').map((match: any) => match.ruleId)).toEqual(
      expect.arrayContaining([expect.any(Number)]),
    );
  });

  it('applies the proposed exclusion: the comment passes, the same text elsewhere is still blocked', async () => {
    const [event] = (await panel.call('GET', `/api/v1/security-events?vhostId=${vhostId}&path=/blog/comments`, { who: VIEWER })).body.items;
    const proposal = (await panel.call('POST', '/api/v1/security-events/proposal', { who: EDITOR, body: { eventIds: [event.id] } })).body;
    expect(proposal.exclusions.length).toBeGreaterThan(0);
    expect(proposal.exclusions.map((exclusion: any) => [exclusion.body.variable, exclusion.body.path, exclusion.body.vhostId])).toEqual(
      proposal.exclusions.map(() => [{ collection: 'ARGS', key: 'comment' }, '/blog/comments', vhostId]),
    );
    const before = workers();
    let etag = proposal.policyEtag as string;
    for (const exclusion of proposal.exclusions) {
      const created = await panel.call('POST', `/api/v1/policies/${policyId}/exclusions`, { who: EDITOR, body: exclusion.body, headers: { 'if-match': etag } });
      expect(created.status).toBe(201);
      etag = `"${policyId}-${created.body.policyVersion}"`;
    }
    const checksum = await deploy();
    await eventually(async () => expect(await nodeStatus()).toMatchObject({ applyStatus: 'applied', applyChecksum: checksum }));
    await reloaded(before);
    expect(await send('/blog/comments', form({ comment: COMMENT, title: 'Nice post' }))).toBe(200);
    expect(await send('/blog/comments/42', form({ comment: COMMENT }))).toBe(200);
    expect(await send('/blog/comments', form({ comment: 'Nice post', title: COMMENT }))).toBe(403);
    expect(await send('/contact', form({ comment: COMMENT }))).toBe(403);
    expect(await send('/blog', form({ comment: COMMENT }))).toBe(403);
  });

  it('reports a deployment nginx refuses as failed, with its error, and keeps serving the last good one', async () => {
    const good = (await nodeStatus()).applyChecksum;
    // The certificate the vhost names is not on this node: the bundle is valid, the node cannot load it.
    const vhost = await panel.call('GET', `/api/v1/vhosts/${vhostId}`, { who: VIEWER });
    const patched = await panel.call('PATCH', `/api/v1/vhosts/${vhostId}`, {
      body: { tls: { mode: 'terminate', certificateRef: 'shop-tls', redirectHttp: false } },
      headers: { 'if-match': vhost.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const bad = await deploy();
    await eventually(async () => expect(await nodeStatus()).toMatchObject({ applyStatus: 'failed', applyChecksum: bad }));
    expect((await nodeStatus()).applyError).toMatch(/shop-tls\/tls\.crt/);
    expect(readFileSync(join(stateDir, 'current', 'deployment.json'), 'utf8')).toContain(good);
    expect(await send('/blog/comments', form({ comment: COMMENT }))).toBe(200);
    expect(await send('/contact', form({ comment: COMMENT }))).toBe(403);

    const fixed = await panel.call('PATCH', `/api/v1/vhosts/${vhostId}`, { body: { tls: null }, headers: { 'if-match': patched.headers.get('etag')! } });
    expect(fixed.status).toBe(200);
    const back = await deploy();
    await eventually(async () => expect(await nodeStatus()).toMatchObject({ applyStatus: 'applied', applyChecksum: back, applyError: null }));
  });

  it('keeps nginx serving through a panel outage and ships the buffered events when the panel is back', async () => {
    await panel.close();
    expect(await send('/outage', form({ comment: COMMENT }))).toBe(403);
    expect(await send('/blog/comments', form({ comment: COMMENT }))).toBe(200);
    const metrics = async () => (await fetch(`${await agent.app.getUrl()}/metrics`)).text();
    await eventually(async () => expect(await metrics()).toMatch(/^waf_agent_events_buffered [1-9]/m));
    await eventually(async () => expect(await metrics()).toMatch(/^waf_agent_panel_failures_total\{call="events"\} [1-9]/m));
    expect((await fetch(`${await agent.app.getUrl()}/health/live`)).status).toBe(200);

    await startPanel();
    await eventually(async () => {
      const events = (await panel.call('GET', `/api/v1/security-events?path=/outage`, { who: VIEWER })).body.items;
      expect(events.map((event: any) => event.status)).toEqual([403]);
    });
    await eventually(async () => expect(await metrics()).toMatch(/^waf_agent_events_buffered 0$/m));
  }, 60_000);
});
