import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeBackends } from '../../../test/harness/backends';
import { eventually } from '../../../test/harness/child-process';
import type { ServiceUnderTest } from '../../../test/harness/http-service';
import { NODE, startWafPanel, TENANT_A, type WafUnderTest } from '../../waf-panel/test/waf-harness';
import { launchChromium, screenshotDirectory, seriousViolations, signInDev, startConsole } from './browser';

jest.setTimeout(180_000);

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const text = (locator: Locator, expected: string) => eventually(async () => expect(await locator.innerText()).toContain(expected));

/** An event as a node ships it from its engine's audit log: a blog comment that reads like SQL. */
const falsePositive = (transactionId: string, minutesAgo: number, path = '/blog/comments') => ({
  transactionId,
  occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  host: 'shop.test',
  clientIp: '198.51.100.7',
  method: 'POST',
  uri: path,
  status: 403,
  engine: 'Enabled',
  producer: 'ModSecurity v3.0.9 (Linux); OWASP_CRS/3.3.4',
  headers: { Host: 'shop.test', 'User-Agent': 'Mozilla/5.0', Cookie: 'session=s3cr3t' },
  matches: [
    {
      ruleId: 942190,
      message: 'Detects MSSQL code execution and information gathering attempts',
      variable: 'ARGS:comment',
      data: 'Matched Data: UNION SELECT found within ARGS:comment: My favourite query: SELECT name FROM users UNION SELECT password FROM admins',
      severity: 2,
      tags: ['attack-sqli'],
    },
    { ruleId: 949110, message: 'Inbound Anomaly Score Exceeded (Total Score: 5)', variable: 'TX:ANOMALY_SCORE', data: '', severity: 2, tags: [] },
  ],
});

describeBackends('console: security events and the tuning loop in a real browser', (backend) => {
  let waf: WafUnderTest;
  let console_: ServiceUnderTest<never>;
  let browser: Browser;
  let origin: string;
  let policyId = '';
  const shots = screenshotDirectory();
  const shoot = (page: Page, name: string) => (backend.kind === 'sqlite' ? page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) : undefined);

  beforeAll(async () => {
    waf = await startWafPanel(backend);
    ({ server: console_, origin } = await startConsole({ WAF_PANEL_URL: waf.base }));
    browser = await launchChromium();
    policyId = (await waf.call('POST', '/api/v1/policies', { body: { name: 'Shop policy', mode: 'blocking' } })).body.id;
    await waf.call('POST', '/api/v1/vhosts', { body: { domain: 'shop.test', backends: [{ url: 'http://app:8080' }], policyId } });
    // The events arrive as a node ships them: through the node API, with the node's token.
    const shipped = await waf.call('POST', '/api/v1/node/events', {
      who: NODE,
      body: { events: [falsePositive('t-1', 30), falsePositive('t-2', 20), falsePositive('t-3', 10, '/contact')] },
    });
    expect(shipped.body).toEqual({ stored: 3, duplicates: 0 });
  });

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await waf?.close();
  });

  const open = async (roles: string[], subject: string) => {
    const page = await signInDev(browser, origin, { tenant: TENANT_A, roles, subject });
    await page.getByRole('navigation', { name: 'WAF panel' }).getByRole('link', { name: 'Security events' }).click();
    await visible(page.getByRole('heading', { name: 'Security events', level: 1 }));
    return page;
  };

  it('shows the triage figures and the events, masked, and filters them', async () => {
    const page = await open(['Viewer'], 'victor');
    const rules = page.getByRole('table', { name: 'Top rules' });
    await text(rules.getByRole('row', { name: /942190/ }), 'ARGS:comment (3)');
    expect(await rules.innerText()).not.toContain('949110');
    await text(page.getByRole('table', { name: 'Top paths' }).getByRole('row', { name: /blog\/comments/ }), '2');
    const events = page.getByRole('table', { name: 'Security events' });
    await eventually(async () => expect(await events.getByRole('row').count()).toBe(4));
    await page.getByLabel('Path').fill('/blog');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(async () => expect(await events.getByRole('row').count()).toBe(3));
    await text(events, '942190 on ARGS:comment');
    // A Viewer sees the events, and why the exclusion buttons are off.
    await text(page.locator('.notice'), 'cannot change the WAF panel');
    expect(await page.getByRole('button', { name: 'Create an exclusion from event t-1' }).isDisabled()).toBe(true);
    await page.getByLabel('Rule id').fill('abc');
    await page.getByRole('button', { name: 'Filter' }).click();
    const ruleId = page.getByLabel('Rule id');
    await eventually(async () => expect(await ruleId.getAttribute('aria-invalid')).toBe('true'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('proposes the narrowest exclusion from selected events, shows its bundle diff, and applies it through the policy write', async () => {
    const page = await open(['Editor'], 'erin');
    const events = page.getByRole('table', { name: 'Security events' });
    await visible(events);
    await page.getByLabel('Select event t-1').check();
    await page.getByLabel('Select event t-2').check();
    await page.getByRole('button', { name: 'Propose an exclusion for 2 selected events' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exclusion from 2 events' });
    const proposed = dialog.getByRole('list', { name: 'Proposed exclusions' });
    await text(proposed, '942190 on ARGS:comment under /blog/comments');
    await text(proposed, 'stops inspecting ARGS:comment in requests to /blog/comments and below on shop.test');
    await text(dialog.getByRole('list', { name: 'Matches without an exclusion' }), 'Rule 949110 on TX:ANOMALY_SCORE');
    await text(dialog.getByRole('table', { name: /Differences between Now and With the exclusions/ }), 'ctl:ruleRemoveTargetById=942190;ARGS:comment');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'security-events-proposal');
    await dialog.getByRole('button', { name: 'Apply 1 exclusion' }).click();
    await text(dialog.getByRole('status'), 'Added 1 exclusion to policy Shop policy (now version 2)');
    const exclusions = (await waf.call('GET', `/api/v1/policies/${policyId}/exclusions`)).body.items;
    expect(exclusions.map((exclusion: any) => [exclusion.ruleId, exclusion.variable, exclusion.path, exclusion.createdBy])).toEqual([
      [942190, { collection: 'ARGS', key: 'comment' }, '/blog/comments', 'erin'],
    ]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The same event again: the exclusion is already in the policy, so nothing is left to apply.
    await page.getByRole('button', { name: 'Create an exclusion from event t-1' }).click();
    const again = page.getByRole('dialog', { name: 'Exclusion from this event' });
    await text(again.getByRole('list', { name: 'Proposed exclusions' }), '(already in the policy)');
    expect(await again.getByRole('button', { name: 'Apply 0 exclusions' }).isDisabled()).toBe(true);
    await again.getByRole('button', { name: 'Cancel' }).click();
    await shoot(page, 'security-events');
    await page.context().close();
  });

  it('says so when the policy changed after the proposal was made', async () => {
    const page = await open(['Editor'], 'erin');
    await page.getByRole('button', { name: 'Create an exclusion from event t-3' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exclusion from this event' });
    await text(dialog.getByRole('list', { name: 'Proposed exclusions' }), 'under /contact');
    // Someone else edits the policy meanwhile.
    const policy = await waf.call('GET', `/api/v1/policies/${policyId}`);
    expect(
      (await waf.call('PATCH', `/api/v1/policies/${policyId}`, { body: { description: 'tuned' }, headers: { 'if-match': policy.headers.get('etag')! } }))
        .status,
    ).toBe(200);
    await dialog.getByRole('button', { name: 'Apply 1 exclusion' }).click();
    await text(dialog.getByRole('alert'), 'The policy changed since this proposal was made');
    expect((await waf.call('GET', `/api/v1/policies/${policyId}/exclusions`)).body.items).toHaveLength(1);
    await page.context().close();
  });
});
