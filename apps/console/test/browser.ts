import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

export { launchChromium } from '../../../test/harness/chromium';
import type { Browser, Page } from 'playwright-core';
import { repositoryRoot } from '../../../test/harness/built';
import { type ServiceUnderTest, startHttpService } from '../../../test/harness/http-service';
import { ConsoleService } from '../src/console.service-definition';

/** Serious and critical accessibility violations on the page as it is now (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
}

/** Where screenshots go: docs/console when CONSOLE_SCREENSHOTS names it, else a temporary folder. */
export function screenshotDirectory(): string {
  const directory = process.env.CONSOLE_SCREENSHOTS ?? join(tmpdir(), 'console-screenshots');
  mkdirSync(directory, { recursive: true });
  return directory;
}

/** Who signs in on the dev screen: every checkbox role is set to match `roles`. */
export interface DevUser {
  readonly tenant: string;
  readonly roles: readonly string[];
  readonly subject: string;
  readonly domain?: string;
}

const ROLES = ['Admin', 'Editor', 'Viewer', 'Contributor', 'Reader', 'CtSubmitter', 'CtReader'];

/** A new browser context (its own cookies) signed in through the dev screen, from the keyboard; returns on the first screen. */
export async function signInDev(browser: Browser, origin: string, user: DevUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole('heading', { name: 'Sign in (development)' }).waitFor();
  await page.getByLabel('Tenant').fill(user.tenant);
  for (const role of ROLES) {
    const box = page.getByRole('checkbox', { name: new RegExp(`^${role}\\b`) });
    if ((await box.isChecked()) !== user.roles.includes(role)) {
      await box.focus();
      await page.keyboard.press('Space');
    }
  }
  await page.getByLabel('Subject').fill(user.subject);
  await page.getByLabel('Data domain (portal)').fill(user.domain ?? '');
  await page.getByLabel('E-mail').fill(`${user.subject}@example.com`);
  await page.getByLabel('E-mail').press('Enter');
  await page.getByRole('region', { name: 'Signed in' }).waitFor();
  return page;
}

/**
 * The real console server, forwarding to the services `upstreams` names (PORTAL_URL, WAF_PANEL_URL,
 * CT_LOG_URL) and serving the built app. Its origin is on `localhost`: a secure context, where the
 * session cookie (Secure) is kept over plain HTTP.
 */
export async function startConsole(upstreams: Record<string, string>): Promise<{ server: ServiceUnderTest<never>; origin: string }> {
  const server = await startHttpService<never>(ConsoleService, { ...upstreams, CONSOLE_ASSETS_DIR: join(repositoryRoot, 'dist/console-web') }, () => ({
    tenant: '00000000-0000-4000-8000-000000000000',
    roles: [],
    sub: 'unused: the console mints its own tokens',
  }));
  return { server, origin: server.base.replace('127.0.0.1', 'localhost') };
}
