import { eventually } from '../../../test/harness/child-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createService, type CreatedService, type ServiceDefinition } from '@lib/platform';
import { CtLogService } from '../../ct-log/src/ct-log.service-definition';
import { PortalService } from '../../portal/src/portal.service-definition';
import { WafPanelService } from '../../waf-panel/src/waf-panel.service-definition';
import { repositoryRoot } from '../../../test/harness/built';
import { freePort } from '../../../test/harness/free-port';
import { ConsoleService } from '../src/console.service-definition';
import { launchChromium, seriousViolations } from './browser';
import { startOpenIdProvider, type TestProvider } from './openid-provider';

jest.setTimeout(180_000);

const AUDIENCE = 'api://control-plane-suite';
const TENANT = 'd3000000-0000-4000-8000-000000000001';

/**
 * The OIDC sign-in end to end: a real OpenID provider, the console as its confidential client
 * (Authorization Code with PKCE), and the three services verifying the provider's tokens
 * (AUTH_MODE=oidc, keys from its discovery document). SQLite: the database is beside the point.
 */
describe('console: signing in through an OpenID provider', () => {
  const directory = mkdtempSync(join(tmpdir(), 'console-oidc-'));
  const services: CreatedService[] = [];
  let provider: TestProvider;
  let browser: Browser;
  let origin: string;

  async function start(definition: ServiceDefinition, env: Record<string, string>, port = 0): Promise<string> {
    const service = await createService(definition, {
      env: { NODE_ENV: 'test', LOG_LEVEL: 'warn', AUTH_MODE: 'oidc', AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: AUDIENCE, ...env },
    });
    services.push(service);
    await service.app.listen({ port, host: '127.0.0.1' });
    return (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  beforeAll(async () => {
    const consolePort = await freePort();
    origin = `http://localhost:${consolePort}`;
    provider = await startOpenIdProvider({
      port: await freePort(),
      audience: AUDIENCE,
      client: { id: 'console', secret: 'console-secret-from-the-provider', origin },
      claims: (subject) => ({ tid: TENANT, roles: ['Admin'], email: `${subject}@example.com` }),
    });
    const database = (name: string) => ({ DATABASE_URL: `sqlite:${directory}/${name}/` });
    const portal = await start(PortalService, { ...database('portal'), DEMO_DATA: 'true' });
    const waf = await start(WafPanelService, { ...database('waf'), WAF_CRS_INCLUDE: '/usr/share/modsecurity-crs/rules/*.conf' });
    const ct = await start(CtLogService, { ...database('ct'), CTLOG_PUBLIC_BASE_URL: 'http://localhost', CTLOG_KEY_DIR: directory });
    await start(
      ConsoleService,
      {
        PORTAL_URL: portal,
        WAF_PANEL_URL: waf,
        CT_LOG_URL: ct,
        CONSOLE_PUBLIC_URL: origin,
        CONSOLE_OIDC_CLIENT_ID: 'console',
        CONSOLE_OIDC_CLIENT_SECRET: 'console-secret-from-the-provider',
        CONSOLE_ASSETS_DIR: join(repositoryRoot, 'dist/console-web'),
      },
      consolePort,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const service of services.reverse()) await service.app.close();
    await provider?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** From the console's sign-in screen through the provider's login and back. */
  async function signIn(page: Page, login: string): Promise<void> {
    await page.goto(`${origin}/app/waf/audit`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
    // The provider's own screen (not ours): its fields have placeholders, not labels.
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  }

  /** A call through the console from the page itself, as the app makes it (cookie and CSRF token). */
  const call = (page: Page, method: string, path: string) =>
    page.evaluate(
      async ([method, path]) => {
        const session = (await (await fetch('/session')).json()) as { csrfToken: string };
        const response = await fetch(path, {
          method,
          headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
          body: method === 'POST' ? '{"name":"from oidc"}' : undefined,
        });
        return response.status;
      },
      [method, path],
    );

  it('signs in with the authorization code flow and PKCE, calls each service, and signs out at the provider too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'dana');
    const who = page.getByRole('region', { name: 'Signed in' });
    await eventually(async () => expect(await who.innerText()).toContain('dana@example.com'));
    expect(await who.innerText()).toContain(TENANT);
    // The browser holds no token: only the sealed, HttpOnly session cookie.
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'console_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    const stored = await page.evaluate(() => {
      const window = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage; document: { cookie: string } };
      return JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }) + window.document.cookie;
    });
    expect(stored).not.toMatch(/eyJ/);
    expect(await call(page, 'GET', '/portal/api/v1/stats')).toBe(200);
    expect(await call(page, 'POST', '/waf/api/v1/policies')).toBe(201);
    expect(await call(page, 'GET', '/ct/api/v1/admin/logs')).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await call(page, 'GET', '/portal/api/v1/stats')).toBe(401);
    await context.close();
  });

  it('sends the user back to the sign-in screen when the session has expired', async () => {
    provider.accessTokenTtl = 2;
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, 'erin');
      // The token's own expiry ends the session: the console answers 401 from then on.
      await eventually(async () => expect(await call(page, 'GET', '/waf/api/v1/policies')).toBe(401), 30_000);
      await page.getByRole('link', { name: 'Policies' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      provider.accessTokenTtl = 3600;
      await context.close();
    }
  });

  it('names the reason when a sign-in cannot finish (a callback without its sign-in)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/session/oidc/callback?code=forged&state=forged`);
    const alert = page.getByRole('alert');
    await eventually(async () => expect(await alert.innerText()).toContain('The sign-in expired or began in another browser'));
    await context.close();
  });
});
