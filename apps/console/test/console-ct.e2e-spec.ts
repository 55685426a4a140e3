import { eventually } from '../../../test/harness/child-process';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeBackends } from '../../../test/harness/backends';
import type { ServiceUnderTest } from '../../../test/harness/http-service';
import { type CtUnderTest, startCtLog, SUBMITTER, TENANT_A, waitServing } from '../../ct-log/test/ct-harness';
import { createRoot, issue } from '../../ct-log/test/test-pki';
import { launchChromium, screenshotDirectory, seriousViolations, signInDev, startConsole } from './browser';

jest.setTimeout(180_000);

const text = (locator: Locator, expected: string) => eventually(async () => expect(await locator.innerText()).toContain(expected));

describeBackends('console: the CT log in a real browser', (backend) => {
  let ctLog: CtUnderTest;
  let console_: ServiceUnderTest<never>;
  let browser: Browser;
  let origin: string;
  let admin: Page;
  let rootPem: string;
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
    // The certificate audit API logs into an events log; three certificates of one user, one of another.
    expect((await ctLog.call('POST', '/api/v1/admin/logs', { body: { name: 'audit', kind: 'events', key: 'generate' } })).status).toBe(201);
    await waitServing(ctLog, 'audit');
    for (const [cn, user] of [
      ['api.example.com', 'dev-1'],
      ['vpn.example.com', 'dev-1'],
      ['git.example.com', 'dev-1'],
      ['hr.example.com', 'dev-2'],
    ]) {
      const leaf = await issue(root, { cn, dns: [cn] });
      const registered = await ctLog.call('POST', '/api/v1/certificates', {
        who: SUBMITTER,
        body: { certificate_pem: leaf.pem, certificate_type: 'server', issuing_user_id: user },
      });
      expect(registered.status).toBe(201);
    }
    rootPem = root.pem;
    ({ server: console_, origin } = await startConsole({ CT_LOG_URL: ctLog.base }));
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
    await text(row, 'maximum merge delay');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'shard-console' }).click();
    await text(admin.getByLabel('Signed tree head'), 'Tree size');
    await text(admin.getByRole('table', { name: 'Accepted roots' }), 'Console Test Root');
    await text(admin.getByLabel('Configuration'), 'submission');
    await text(admin.getByLabel('Checkpoint'), 'shard-console');
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

  it('searches the certificate audit, revokes one with a reason, and revokes all of a user after stating the count', async () => {
    await admin.getByRole('link', { name: 'Certificate audit' }).click();
    await text(admin.getByLabel('Certificate figures'), 'Certificates');
    await admin.getByLabel('DNS name (exact)').fill('vpn.example.com');
    await admin.getByRole('button', { name: 'Search' }).click();
    await text(admin.getByRole('status').first(), '1 certificates match');
    await admin.getByRole('button', { name: 'Revoke vpn.example.com' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke vpn.example.com?' });
    await dialog.getByLabel('Reason').selectOption('superseded');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await text(admin.getByRole('table', { name: 'Certificates' }), 'superseded');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: /vpn\.example\.com/ }).click();
    const events = admin.getByRole('table', { name: 'Events of this certificate' });
    await text(events, 'issued');
    await text(events, 'revoked (superseded');
    await text(events, 'audit #');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Back to the certificate audit' }).click();
    const bulk = admin.getByRole('region', { name: "Revoke all of a user's certificates" });
    await bulk.getByLabel('User').fill('dev-1');
    await eventually(async () => expect(await bulk.getByRole('button', { name: "Revoke the user's certificates" }).isDisabled()).toBe(false));
    await bulk.getByRole('button', { name: "Revoke the user's certificates" }).click();
    const confirm = admin.getByRole('dialog', { name: 'Revoke 2 certificates of dev-1?' });
    await text(confirm, '2 live certificates of dev-1');
    await confirm.getByRole('button', { name: 'Revoke 2 certificates' }).click();
    await text(bulk.getByRole('status'), 'Revoked 2 certificates of dev-1');
    const crl = admin.getByRole('region', { name: 'CRL numbers' });
    await crl.getByLabel('Issuer').fill('CN=Console Test Root');
    await crl.getByRole('button', { name: 'Allocate the next CRL number' }).click();
    await text(crl.getByRole('status'), 'CRL number 1 for CN=Console Test Root');
    await expectAccessible(admin);
    await shoot(admin, 'ct-certificates');
  });

  it('creates a log from uploaded root PEM files and makes it read-only after stating the consequences', async () => {
    await admin.getByRole('link', { name: 'Logs' }).click();
    const form = admin.getByRole('form', { name: 'Create a log' });
    await form.getByLabel('Log name').fill('shard-2027');
    await form.getByLabel('Accepted roots (PEM files)').setInputFiles({ name: 'root.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(rootPem) });
    await text(form, '1 certificate chosen');
    await form.getByRole('button', { name: 'Create log' }).click();
    await text(admin.getByRole('heading', { level: 1 }), 'Log shard-2027');
    await text(admin.getByRole('table', { name: 'Accepted roots' }), 'Console Test Root');
    await admin.getByRole('button', { name: 'Make read-only' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Make shard-2027 read-only?' });
    await text(dialog, 'cannot be undone');
    await expectAccessible(admin);
    await dialog.getByRole('button', { name: 'Make read-only' }).click();
    await text(admin.getByLabel('Signed tree head'), 'read_only');
  });
});
