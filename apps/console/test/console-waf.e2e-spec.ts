import { eventually } from '../../../test/harness/child-process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { describeBackends } from '../../../test/harness/backends';
import { repositoryRoot } from '../../../test/harness/built';
import type { ServiceUnderTest } from '../../../test/harness/http-service';
import { NODE, startWafPanel, TENANT_A, type WafUnderTest } from '../../waf-panel/test/waf-harness';
import { launchChromium, screenshotDirectory, seriousViolations, signInDev, startConsole } from './browser';

jest.setTimeout(180_000);

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const text = (locator: Locator, expected: string) => eventually(async () => expect(await locator.innerText()).toContain(expected));

describeBackends('console: the WAF panel in a real browser', (backend) => {
  let waf: WafUnderTest;
  let console_: ServiceUnderTest<never>;
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  const shots = screenshotDirectory();
  const shoot = (page: Page, name: string) => (backend.kind === 'sqlite' ? page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) : undefined);

  beforeAll(async () => {
    // Deployments are checked by the real engine: nginx with libmodsecurity loads every bundle.
    waf = await startWafPanel(backend, { WAF_ENGINE_CHECK_CMD: join(repositoryRoot, 'scripts/waf-engine-check-nginx.sh') });
    ({ server: console_, origin } = await startConsole({ WAF_PANEL_URL: waf.base }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await waf?.close();
  });

  /** A new browser (its own cookies) signed in with the dev screen, by keyboard. */
  /** A new browser (its own cookies) signed in with the dev screen, by keyboard. */
  async function signIn(roles: string[], subject: string): Promise<Page> {
    const page = await signInDev(browser, origin, { tenant: TENANT_A, roles, subject });
    contexts.push(page.context());
    await visible(page.getByRole('heading', { name: 'Policies' }));
    return page;
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
  }

  let admin: Page;
  let policyUrl: string;

  it('signs in with the dev screen and shows who is signed in, for which tenant, with which roles', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const anonymous = await context.newPage();
    await anonymous.goto(`${origin}/app/waf/policies`);
    await visible(anonymous.getByRole('heading', { name: 'Sign in (development)' }));
    await expectAccessible(anonymous);
    await shoot(anonymous, 'sign-in');
    admin = await signIn(['Admin'], 'alice');
    const who = admin.getByRole('region', { name: 'Signed in' });
    await text(who, 'alice@example.com');
    await text(who, TENANT_A);
    await text(who, 'Roles: Admin');
  });

  it('creates a policy and names a bad IP list entry beside that entry', async () => {
    await admin.getByLabel('Policy name').fill('Shop policy');
    await admin.getByRole('button', { name: 'Create policy' }).click();
    await visible(admin.getByRole('heading', { name: 'Policy Shop policy' }));
    policyUrl = admin.url();
    await admin.getByRole('button', { name: 'Add IP deny list entry' }).click();
    await admin.getByRole('button', { name: 'Add IP deny list entry' }).click();
    await admin.getByLabel('IP deny list entry 1').fill('192.0.2.10');
    await admin.getByLabel('IP deny list entry 2').fill('not-an-address');
    await admin.getByRole('button', { name: 'Save policy' }).click();
    const bad = admin.getByLabel('IP deny list entry 2');
    await eventually(async () => expect(await bad.getAttribute('aria-invalid')).toBe('true'));
    const errorId = await bad.getAttribute('aria-describedby');
    await text(admin.locator(`[id="${errorId}"]`), 'must be an IPv4 or IPv6 address');
    expect(await admin.getByLabel('IP deny list entry 1').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(admin);
    await shoot(admin, 'policy-editor-error');
    await bad.fill('198.51.100.0/24');
    await admin.getByRole('button', { name: 'Save policy' }).click();
    await eventually(async () => expect((await admin.getByRole('status').innerText()).trim()).toBe('Saved.'));
    expect((await waf.call('GET', admin.url().replace(/^.*\/policies\//, '/api/v1/policies/'))).body.ipDeny).toEqual(['192.0.2.10', '198.51.100.0/24']);
  });

  it('adds an override and an exclusion', async () => {
    const override = admin.getByRole('form', { name: 'Add an override' });
    await override.getByLabel('Rule id to switch off').fill('920350');
    await override.getByLabel('Why (comment)').fill('health checks come by IP');
    await override.getByRole('button', { name: 'Add override' }).click();
    await text(admin.getByRole('table', { name: 'Overrides of Shop policy' }).getByRole('row', { name: /rule 920350/ }), 'health checks come by IP');
    const exclusion = admin.getByRole('form', { name: 'Add an exclusion' });
    await exclusion.getByLabel('Rule id to exclude').fill('942100');
    await exclusion.getByLabel('Variable', { exact: true }).selectOption('ARGS');
    await exclusion.getByLabel('Variable key').fill('comment');
    await exclusion.getByLabel('Only under path').fill('/blog');
    await exclusion.getByLabel('Why (comment)').fill('comments quote SQL');
    await exclusion.getByRole('button', { name: 'Add exclusion' }).click();
    const row = admin.getByRole('table', { name: 'Exclusions of Shop policy' }).getByRole('row', { name: /rule 942100/ });
    await text(row, 'ARGS:comment');
    await text(row, '/blog');
    await expectAccessible(admin);
    await shoot(admin, 'policy-editor');
  });

  it('adds a custom rule, naming a bad argument beside its field', async () => {
    const form = admin.getByRole('form', { name: 'Add a custom rule' });
    await form.getByLabel('Custom rule id').fill('10001');
    await form.getByLabel('Inspect').selectOption('ARGS');
    await form.getByLabel('Key').fill('q');
    await form.getByLabel('Operator').selectOption('rx');
    await form.getByLabel('Argument').fill('(?<=x)y');
    await form.getByLabel('Message').fill('lookbehind probe');
    await form.getByRole('button', { name: 'Add custom rule' }).click();
    const argument = form.getByLabel('Argument');
    await eventually(async () => expect(await argument.getAttribute('aria-invalid')).toBe('true'));
    await text(admin.locator(`[id="${await argument.getAttribute('aria-describedby')}"]`), 'must be a valid RE2 regular expression');
    await argument.fill('union\\s+select');
    await form.getByRole('button', { name: 'Add custom rule' }).click();
    await text(admin.getByRole('table', { name: 'Custom rules of Shop policy' }).getByRole('row', { name: /10001/ }), 'ARGS:q @rx union\\s+select');
    await expectAccessible(admin);
  });

  it('shows what changed when another user saved first, and re-applies on request (412, never 428)', async () => {
    const editor = await signIn(['Editor'], 'bob');
    await editor.goto(policyUrl);
    await editor.getByLabel('Inbound anomaly threshold').fill('10');
    await editor.getByRole('button', { name: 'Save policy' }).click();
    await eventually(async () => expect((await editor.getByRole('status').innerText()).trim()).toBe('Saved.'));
    // Alice's page still holds the version before Bob's save.
    await admin.getByLabel('Description').fill('Storefront, tuned for the blog');
    await admin.getByRole('button', { name: 'Save policy' }).click();
    await visible(admin.getByRole('heading', { name: 'Someone else changed this policy' }));
    const diff = admin.getByRole('table', { name: 'Differences between When you loaded it and Now' });
    await eventually(async () => expect(await diff.getByRole('row', { name: 'changed' }).count()).toBe(1));
    await text(diff.getByRole('row', { name: 'changed' }), '"inboundAnomalyThreshold": 10');
    await expectAccessible(admin);
    await shoot(admin, 'policy-conflict');
    await admin.getByRole('button', { name: 'Re-apply my changes over theirs' }).click();
    await eventually(async () => expect((await admin.getByRole('status').innerText()).trim()).toBe('Saved.'));
    const stored = (await waf.call('GET', policyUrl.replace(/^.*\/policies\//, '/api/v1/policies/'))).body;
    expect(stored.description).toBe('Storefront, tuned for the blog');
  });

  it('diffs two revisions side by side and rolls back to the first', async () => {
    await admin.getByRole('link', { name: 'Revisions' }).click();
    await visible(admin.getByRole('heading', { name: 'Revisions of Shop policy' }));
    await admin.getByLabel('Older revision').selectOption('1');
    const diff = admin.getByRole('table', { name: /^Differences between Revision 1 and Revision \d+$/ });
    await visible(diff.getByRole('row', { name: 'changed' }).first());
    await expectAccessible(admin);
    await shoot(admin, 'revisions');
    await admin.getByRole('button', { name: 'Roll back to revision 1' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Roll back to revision 1?' });
    await text(dialog, 'recorded as a new revision');
    await expectAccessible(admin);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await text(admin.getByRole('status'), 'Rolled back');
    const stored = (await waf.call('GET', policyUrl.replace(/^.*\/policies\//, '/api/v1/policies/'))).body;
    expect(stored).toMatchObject({ ipDeny: [], overrides: [], exclusions: [], customRules: [], description: '' });
  });

  it('adds a virtual host, shows its bundle, deploys it and shows the node that pulled it', async () => {
    await admin.getByRole('link', { name: 'Virtual hosts' }).click();
    await admin.getByLabel('Domain').fill('shop.example.com');
    await admin.getByLabel('Backend URL').fill('http://app:8080');
    await admin.getByLabel('Policy').selectOption({ label: 'Shop policy' });
    await admin.getByRole('button', { name: 'Add virtual host' }).click();
    await admin.getByRole('link', { name: 'Bundle of shop.example.com' }).click();
    const code = admin.getByLabel('ModSecurity configuration of shop.example.com');
    await text(code, 'SecRuleEngine');
    await expectAccessible(admin);
    await shoot(admin, 'bundle');
    await admin.getByRole('link', { name: 'Deployments' }).click();
    await text(admin.getByRole('list', { name: 'Pending changes' }), 'shop.example.com: added');
    await admin.getByRole('button', { name: 'Publish a deployment' }).click();
    await eventually(async () => expect((await admin.getByRole('status').innerText()).trim()).toBe('Published deployment 1.'));
    expect((await waf.call('GET', '/api/v1/node/deployment', { who: NODE })).status).toBe(200);
    await admin.reload();
    await text(admin.getByRole('table', { name: 'Nodes' }).getByRole('row', { name: /node-1/ }), 'the current deployment');
    await expectAccessible(admin);
    await shoot(admin, 'deployments');
  });

  it('edits a virtual host: a bad backend named beside it, TLS, and the change shown as pending', async () => {
    await admin.getByRole('link', { name: 'Virtual hosts' }).click();
    await text(admin.getByRole('table', { name: 'Virtual hosts' }).getByRole('row', { name: /shop\.example\.com/ }), 'deployed');
    await admin.getByRole('link', { name: 'shop.example.com', exact: true }).click();
    await visible(admin.getByRole('heading', { name: 'Virtual host shop.example.com' }));
    await admin.getByRole('button', { name: 'Add a backend' }).click();
    await admin.getByLabel('Backend 2 URL').fill('ftp://files:21');
    await admin.getByLabel('TLS', { exact: true }).selectOption('terminate');
    await admin.getByLabel('Certificate (Kubernetes secret name)').fill('shop-tls');
    await admin.getByRole('button', { name: 'Save virtual host' }).click();
    const bad = admin.getByLabel('Backend 2 URL');
    await eventually(async () => expect(await bad.getAttribute('aria-invalid')).toBe('true'));
    await text(admin.locator(`[id="${(await bad.getAttribute('aria-describedby'))!.split(' ')[0]}"]`), 'must be http(s)://host[:port]');
    await expectAccessible(admin);
    await shoot(admin, 'vhost-editor');
    await bad.fill('http://app-2:8080');
    await admin.getByRole('button', { name: 'Save virtual host' }).click();
    await text(admin.getByRole('status'), 'Saved.');
    await admin.getByRole('link', { name: 'Back to the virtual hosts' }).click();
    await text(admin.getByRole('table', { name: 'Virtual hosts' }).getByRole('row', { name: /shop\.example\.com/ }), 'pending (modified)');
    await expectAccessible(admin);
    await shoot(admin, 'vhosts');
    await admin.getByRole('link', { name: 'Bundle of shop.example.com' }).click();
    await text(admin.getByText(/^Engine check/), 'Engine check of deployment 1: passed.');
  });

  it('searches the audit log', async () => {
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByLabel('Action').fill('policy.rollback');
    await admin.getByRole('button', { name: 'Search' }).click();
    const entries = admin.getByRole('table', { name: 'Audit entries' });
    await eventually(async () => expect(await entries.getByRole('row').count()).toBe(2));
    await text(entries, 'policy.rollback');
    await expectAccessible(admin);
    await shoot(admin, 'audit-log');
  });

  it('lets a Viewer read and change nothing, saying why', async () => {
    const viewer = await signIn(['Viewer'], 'carol');
    expect(await viewer.getByRole('button', { name: 'Create policy' }).isDisabled()).toBe(true);
    await visible(viewer.getByText('Your roles (Viewer) cannot change the WAF panel: Admin or Editor can.').first());
    await viewer.getByRole('link', { name: 'Shop policy' }).click();
    expect(await viewer.getByRole('button', { name: 'Save policy' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Add exclusion' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Add override' }).isDisabled()).toBe(true);
    await viewer.getByRole('link', { name: 'Deployments' }).click();
    expect(await viewer.getByRole('button', { name: 'Publish a deployment' }).isDisabled()).toBe(true);
    await expectAccessible(viewer);
  });

  it('signs out: the browser drops its session cookie and the next screen is the sign-in', async () => {
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await visible(admin.getByRole('heading', { name: 'Sign in (development)' }));
    expect((await admin.context().cookies()).filter((cookie) => cookie.name === 'console_session' && cookie.value !== '')).toEqual([]);
    await admin.goto(`${origin}/app/waf/policies`);
    await visible(admin.getByRole('heading', { name: 'Sign in (development)' }));
  });
});
