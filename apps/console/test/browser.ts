import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

export { launchChromium } from '../../../test/harness/chromium';
import type { Page } from 'playwright-core';

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

/**
 * Retries an assertion until it holds (or the time is up, then its last failure is thrown): the
 * page changes after events this test does not see, as Playwright's own expect() waits for them.
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
