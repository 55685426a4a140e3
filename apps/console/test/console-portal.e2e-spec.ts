import { eventually } from '../../../test/harness/child-process';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeBackends } from '../../../test/harness/backends';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
import { PortalService } from '../../portal/src/portal.service-definition';
import { launchChromium, screenshotDirectory, seriousViolations, signInDev, startConsole } from './browser';

jest.setTimeout(180_000);

const TENANT = 'd3000000-0000-4000-8000-000000000001';
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const text = (locator: Locator, expected: string) => eventually(async () => expect(await locator.innerText()).toContain(expected));

describeBackends('console: the portal in a real browser', (backend) => {
  let portal: ServiceUnderTest<never>;
  let console_: ServiceUnderTest<never>;
  let browser: Browser;
  let origin: string;
  const pages: Page[] = [];
  const shots = screenshotDirectory();
  const shoot = (page: Page, name: string) => (backend.kind === 'sqlite' ? page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) : undefined);
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const signIn = async (roles: string[], subject: string, domain?: string) => {
    const page = await signInDev(browser, origin, { tenant: TENANT, roles, subject, domain });
    pages.push(page);
    return page;
  };
  const unused = () => ({ tenant: TENANT, roles: [], sub: 'unused: the console mints its own tokens' });

  beforeAll(async () => {
    // The demo data set: four sources, pipelines with runs, five data products, pending requests.
    portal = await startHttpService<never>(PortalService, { DATABASE_URL: backend.url, DEMO_DATA: 'true', DEMO_TENANT_IDS: TENANT }, unused);
    ({ server: console_, origin } = await startConsole({ PORTAL_URL: portal.base }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await portal?.close();
  });

  let admin: Page;

  it("shows the tenant's figures and domains on the dashboard", async () => {
    admin = await signIn(['Admin'], 'ada');
    await admin.getByRole('link', { name: 'Dashboard' }).click();
    const figures = admin.getByRole('definition').first();
    await visible(figures);
    await text(admin.getByLabel('Platform figures'), 'Registered sources');
    await text(admin.getByRole('table', { name: 'Domains' }), 'finance');
    await expectAccessible(admin);
    await shoot(admin, 'portal-dashboard');
  });

  it('filters, sorts and pages sources, registers one with a field error shown beside it, edits and provisions it', async () => {
    await admin.getByRole('link', { name: 'Sources' }).click();
    await text(admin.getByRole('status'), 'of 4');
    await admin.getByLabel('Status').selectOption('active');
    await eventually(async () => expect(await admin.getByRole('status').innerText()).not.toContain('of 4'));
    await admin.getByLabel('Status').selectOption('');
    await admin.getByLabel('Sort').selectOption('name');
    await expectAccessible(admin);
    await shoot(admin, 'portal-sources');
    const form = admin.getByRole('form', { name: 'Register a source' });
    await form.getByLabel('Source name').fill('Telemetry lake');
    await form.getByLabel('Domain', { exact: true }).fill('manufacturing');
    await form.getByLabel('Host').fill('lake.example.com');
    await form.getByLabel('Owner name').fill('Ann Ops');
    await form.getByLabel('Owner e-mail').fill('not an address');
    await form.getByLabel('Owner team').fill('Plant data');
    await form.getByRole('button', { name: 'Register source' }).click();
    const email = form.getByLabel('Owner e-mail');
    await eventually(async () => expect(await email.getAttribute('aria-invalid')).toBe('true'));
    await email.fill('ann.ops@example.com');
    await form.getByRole('button', { name: 'Register source' }).click();
    await visible(admin.getByRole('heading', { name: 'Source Telemetry lake' }));
    await admin.getByLabel('Description').fill('Sensor readings, every minute');
    await admin.getByRole('button', { name: 'Save source' }).click();
    await text(admin.getByRole('status'), 'Saved.');
    await admin.getByRole('button', { name: 'Provision', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Provision?' });
    await text(dialog, 'creates the ingestion pipeline');
    await dialog.getByRole('button', { name: 'Provision' }).click();
    await eventually(async () => expect(await admin.getByRole('definition').first().innerText()).not.toBe('draft'));
    await expectAccessible(admin);
    await shoot(admin, 'portal-source');
  });

  it('shows what changed when another user saved the source first, and re-applies on request', async () => {
    const other = await signIn(['Contributor'], 'olga', 'manufacturing');
    await other.goto(admin.url());
    await other.getByLabel('Description').fill('Sensor readings, every second');
    await other.getByRole('button', { name: 'Save source' }).click();
    await text(other.getByRole('status'), 'Saved.');
    // Ada's page still holds the state before Olga's save; the portal's 412 names only the new ETag.
    await admin.getByLabel('Name').fill('Telemetry lake (plant 2)');
    await admin.getByRole('button', { name: 'Save source' }).click();
    await visible(admin.getByRole('heading', { name: 'Someone else changed this source' }));
    await text(admin.getByRole('table', { name: 'Differences between When you loaded it and Now' }), 'every second');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Re-apply my changes over theirs' }).click();
    await text(admin.getByRole('status'), 'Saved.');
    await visible(admin.getByRole('heading', { name: 'Source Telemetry lake (plant 2)' }));
  });

  it('triggers a pipeline and shows its runs with durations and statuses', async () => {
    await admin.getByRole('link', { name: 'Pipelines' }).click();
    const trigger = admin.getByRole('button', { name: /^Trigger / }).first();
    await trigger.click();
    await text(admin.getByRole('status'), 'Run started.');
    await visible(admin.getByRole('table', { name: /^Runs of / }));
    await expectAccessible(admin);
    await shoot(admin, 'portal-pipelines');
  });

  it('runs an access request through three people: the requester, a reviewer of its domain, and an admin who revokes it', async () => {
    const requester = await signIn(['Reader'], 'rita', 'finance');
    await requester.getByRole('link', { name: 'Access requests' }).click();
    await requester.getByLabel('Data product').selectOption({ label: 'Financial General Ledger (finance, restricted)' });
    await text(requester.getByRole('note'), 'at most 30 days');
    await text(requester.getByRole('note'), 'manager’s approval');
    await requester.getByLabel('Days').fill('30');
    await requester.getByLabel('Justification').fill('Quarter close reconciliation');
    await requester.getByRole('button', { name: 'Request access' }).click();
    const mine = requester.getByRole('table', { name: 'My requests' });
    await text(mine, 'pending');
    await expectAccessible(requester);
    await shoot(requester, 'portal-access');

    const outsider = await signIn(['Contributor'], 'otto', 'manufacturing');
    await outsider.getByRole('link', { name: 'Access requests' }).click();
    // A reviewer of another domain is not shown the request at all.
    await visible(outsider.getByRole('heading', { name: 'To review' }));
    expect(await outsider.getByText('rita@example.com').count()).toBe(0);

    const reviewer = await signIn(['Contributor'], 'rex', 'finance');
    await reviewer.getByRole('link', { name: 'Access requests' }).click();
    await reviewer.getByRole('button', { name: 'Approve rita@example.com on Financial General Ledger' }).click();
    await reviewer.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await text(reviewer.getByRole('table', { name: 'Requests to review' }).getByRole('row', { name: /rita@example\.com/ }), 'approved');

    // The requester cannot review their own request: the action is there, disabled, with the reason.
    await requester.reload();
    const own = requester.getByRole('table', { name: 'My requests' }).getByRole('row', { name: /rita@example\.com/ });
    await text(own, 'approved');
    expect(await own.getByRole('button', { name: /^Revoke/ }).isDisabled()).toBe(true);
    await text(own, 'separation of duties');

    await admin.getByRole('link', { name: 'Access requests' }).click();
    await admin.getByRole('button', { name: 'Revoke rita@example.com on Financial General Ledger' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await text(admin.getByRole('table', { name: 'Requests to review' }).getByRole('row', { name: /rita@example\.com/ }), 'revoked');
    await expectAccessible(admin);
  });

  it('shows a data product with its quality history, records an assessment, and takes an access request through the marketplace', async () => {
    await admin.getByRole('link', { name: 'Marketplace' }).click();
    await text(admin.getByLabel('Marketplace figures'), 'Data products');
    await admin.getByLabel('Domain').selectOption({ label: 'finance (1)' });
    await admin.getByRole('link', { name: 'Financial General Ledger' }).click();
    await visible(admin.getByRole('heading', { name: 'Data product Financial General Ledger' }));
    await visible(admin.getByRole('table', { name: 'Quality history' }));
    await admin.getByRole('button', { name: 'Record a quality assessment' }).click();
    await text(admin.getByRole('status'), 'Assessment recorded.');
    await admin.getByLabel('Justification').fill('Year-end audit support');
    await admin.getByRole('button', { name: 'Request read access' }).click();
    await text(admin.getByRole('table', { name: 'Access requests for Financial General Ledger' }), 'ada@example.com');
    await expectAccessible(admin);
    await shoot(admin, 'portal-product');
    // Deleting a product (Admin only) states what goes with it before it happens.
    await admin.getByRole('link', { name: 'Back to the marketplace' }).click();
    await admin.getByLabel('Domain').selectOption({ label: 'supply-chain (1)' });
    const links = admin.getByRole('table', { name: 'Data products' }).getByRole('link');
    await eventually(async () => expect(await links.count()).toBe(1));
    const name = await links.first().innerText();
    await links.first().click();
    await visible(admin.getByRole('heading', { name: `Data product ${name}` }));
    await admin.getByRole('button', { name: 'Delete this data product' }).click();
    const dialog = admin.getByRole('dialog', { name: `Delete ${name}?` });
    await text(dialog, 'every access request for it');
    await expectAccessible(admin);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await visible(admin.getByRole('heading', { name: 'Marketplace' }));
    await eventually(async () => expect(await admin.getByRole('link', { name }).count()).toBe(0));
  });

  it("verifies the audit trail's chain and searches it", async () => {
    await admin.getByRole('link', { name: 'Audit trail' }).click();
    await text(admin.getByRole('status'), 'Chain verified');
    await admin.getByLabel('Action').fill('access_request.approve');
    await admin.getByRole('button', { name: 'Search' }).click();
    await text(admin.getByRole('table', { name: 'Audit events' }), 'rex@example.com');
    await expectAccessible(admin);
    await shoot(admin, 'portal-audit');
  });

  it('lets a Reader change nothing, saying why', async () => {
    const reader = await signIn(['Reader'], 'rory', 'finance');
    await reader.getByRole('link', { name: 'Sources' }).click();
    expect(await reader.getByRole('button', { name: 'Register source' }).isDisabled()).toBe(true);
    await text(reader.getByRole('form', { name: 'Register a source' }), 'cannot change the portal');
    await reader.getByRole('link', { name: 'Pipelines' }).click();
    expect(
      await reader
        .getByRole('button', { name: /^Trigger / })
        .first()
        .isDisabled(),
    ).toBe(true);
    await expectAccessible(reader);
  });
});
