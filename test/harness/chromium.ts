import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core: no browser download. The flags keep it off the
 * network this machine does not have, and let it run as root in a container.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
