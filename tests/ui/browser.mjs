// Debian's Chromium under Playwright, with every console error and page error recorded.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const screenshots = resolve(import.meta.dirname, '../../artifacts/ui-screenshots');

export async function launch() {
  mkdirSync(screenshots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return browser;
}

/**
 * A page at desktop width that remembers console errors; `shot(name)` saves a screenshot artifact.
 * `clipboard: false` is a browser without the clipboard API, as on plain HTTP to an address other than localhost.
 */
export async function openPage(browser, baseUrl, { width = 1280, height = 800, clipboard = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  else await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  const page = await context.newPage();
  const errors = [];
  page.on('console', message => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
  page.on('pageerror', error => errors.push(`page error: ${error.message}`));
  const shot = name => page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });
  return { context, page, errors, shot };
}
