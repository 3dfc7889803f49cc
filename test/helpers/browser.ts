// Headless Chromium (Debian's chromium package, driven by playwright-core),
// with the network cut off: only requests to this machine get through.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { root } from './files.js';
import { CHROMIUM_ENV, chromiumPath } from './tools.js';

/** Where tests put screenshots (ignored by git). */
export const artifactsDir = (name: string): string => {
  const dir = join(root, 'artifacts', name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

export async function launchChromium(): Promise<Browser> {
  // The browser project's global setup (provision.ts) installs it when it is missing.
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`no chromium on PATH: apt-get install -y --no-install-recommends chromium, or set ${CHROMIUM_ENV}`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OfflinePage {
  page: Page;
  /** Every request that tried to leave this machine (and was aborted). */
  blocked: string[];
  /** Uncaught errors of the page's scripts, and console errors. */
  errors: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function offlinePage(browser: Browser): Promise<OfflinePage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const blocked: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, blocked, errors };
}
