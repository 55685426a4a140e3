import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeBackends } from '../../../test/harness/backends';
import { repositoryRoot } from '../../../test/harness/built';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
import { type CtUnderTest, startCtLog, SUBMITTER, TENANT_A, waitServing } from '../../ct-log/test/ct-harness';
import { createRoot, issue } from '../../ct-log/test/test-pki';
import { ConsoleService } from '../src/console.service-definition';
import { eventually, launchChromium, screenshotDirectory, seriousViolations, signInDev } from './browser';

jest.setTimeout(180_000);

const text = (locator: Locator, expected: string) => eventually(async () => expect(await locator.innerText()).toContain(expected));

describeBackends('console: the CT log in a real browser', (backend) => {
  let ctLog: CtUnderTest;
  let console_: ServiceUnderTest<never>;
  let browser: Browser;
  let origin: string;
  let admin: Page;
  const shots = screenshotDirectory();
  const shoot = (page: Page, name: string) => (backend.kind === 'sqlite' ? page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) : undefined);
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    ctLog = await startCtLog(backend);
    const root = await createRoot('Console Test Root');
    expect(
      (
        await ctLog.call('POST', '/api/v1/admin/logs', {
          body: { name: 'shard-console', kind: 'rfc6962', key: 'generate', description: 'for the console', roots: [root.b64] },
        })
      ).status,
    ).toBe(201);
    await waitServing(ctLog, 'shard-console');
    // Two certificates submitted through the API, as a CA would; the console then finds them.
    for (const cn of ['shop.example.com', 'mail.example.com']) {
      const leaf = await issue(root, { cn, dns: [cn, `www.${cn}`] });
      expect((await ctLog.call('POST', '/logs/shard-console/ct/v1/add-chain', { who: SUBMITTER, body: { chain: [leaf.b64, root.b64] } })).status).toBe(200);
    }
    await eventually(async () => expect((await ctLog.call('GET', '/logs/shard-console/ct/v1/get-sth', { who: null })).body.tree_size).toBe(2), 30_000);
    const unused = () => ({ tenant: TENANT_A, roles: [], sub: 'unused: the console mints its own tokens' });
    console_ = await startHttpService<never>(ConsoleService, { CT_LOG_URL: ctLog.base, CONSOLE_ASSETS_DIR: join(repositoryRoot, 'dist/console-web') }, unused);
    origin = console_.base.replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
    admin = await signInDev(browser, origin, { tenant: TENANT_A, roles: ['Admin'], subject: 'cora' });
  });

  afterAll(async () => {
    await browser?.close();
    await console_?.close();
    await ctLog?.close();
  });

  it('lists the logs with their state, size and head age, and shows a log with its head and decoded roots', async () => {
    await admin.getByRole('link', { name: 'Logs' }).click();
    const row = admin.getByRole('table', { name: 'CT logs' }).getByRole('row', { name: /shard-console/ });
    await text(row, 'active');
    await text(row, 'old');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'shard-console' }).click();
    await text(admin.getByLabel('Signed tree head'), 'Tree size');
    await text(admin.getByRole('table', { name: 'Accepted roots' }), 'Console Test Root');
    await expectAccessible(admin);
  });

  it('decodes each entry in the browser and verifies its inclusion proof against the head', async () => {
    const entries = admin.getByRole('table', { name: 'Entries' });
    await text(entries, 'CN=shop.example.com');
    await text(entries, 'www.mail.example.com');
    await admin.getByRole('button', { name: 'Verify entry 0' }).click();
    await text(admin.getByRole('status').first(), 'Verified against tree size 2');
    await expectAccessible(admin);
    await shoot(admin, 'ct-log');
  });

  it('shows a failure, never "verified", when the proof it is given is tampered with', async () => {
    await admin.route('**/ct/v1/get-entry-and-proof**', async (route) => {
      const answer = await (await route.fetch()).json();
      const sibling = Buffer.from(answer.audit_path[0], 'base64');
      sibling[0] ^= 0xff;
      await route.fulfill({ json: { ...answer, audit_path: [sibling.toString('base64'), ...answer.audit_path.slice(1)] } });
    });
    try {
      await admin.getByRole('button', { name: 'Verify entry 1' }).click();
      const outcome = admin.getByRole('row', { name: /mail\.example\.com/ }).getByRole('status');
      await text(outcome, 'Verification failed');
      expect(await outcome.innerText()).not.toContain('Verified');
    } finally {
      await admin.unrouteAll();
    }
  });
});
