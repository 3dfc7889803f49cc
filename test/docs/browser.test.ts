// The docs in a real browser (headless Chromium), served by
// `trove-backups docs`, with the network cut off.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadDereferencedSpec } from '../../src/contract/spec.js';
import { type ServingCli, startServing } from '../cli/serving-cli.js';
import { artifactsDir, launchChromium, type OfflinePage, offlinePage } from '../helpers/browser.js';
import { readText } from '../helpers/files.js';

const spec = loadDereferencedSpec();
const operations = listOperations(spec);
const shots = artifactsDir('docs');

let server: ServingCli;
let browser: Browser;
let offline: OfflinePage;
let page: Page;

beforeAll(async () => {
  server = await startServing(['docs', '--port', '0']);
  browser = await launchChromium();
  offline = await offlinePage(browser);
  page = offline.page;
  page.setDefaultTimeout(15_000);
  await page.goto(server.urls.docs!, { waitUntil: 'load' });
  await menuItem(spec.info.title).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop('SIGTERM');
});

const menu = () => page.locator('[data-component-name="Menu/Menu"]');
const menuItem = (label: string) => menu().locator('[data-testid="menu-item-label"]').getByText(label, { exact: true });

/** Opens an operation from the side menu, expanding its tag first. */
async function openFromMenu(tag: string, summary: string): Promise<void> {
  if (!(await menuItem(summary).isVisible())) await menuItem(tag).click();
  await menuItem(summary).click();
}

describe('the docs, offline', () => {
  it('load with no request leaving the machine, and no error', async () => {
    await page.screenshot({ path: join(shots, 'introduction.png') });
    expect(offline.blocked).toEqual([]);
    expect(offline.errors).toEqual([]);
  });

  it('open with the introduction, and its sections in the menu', async () => {
    await page.getByRole('heading', { level: 1, name: spec.info.title }).waitFor();
    for (const section of ['Authentication', 'Pagination', 'Incremental backups and restore', 'Status lifecycle', 'Errors']) {
      expect(await menuItem(section).isVisible(), section).toBe(true);
    }
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text a reader sees
    const text = await page.locator('main, body').first().innerText();
    for (const fault of [
      'badRequest',
      'unauthorized',
      'forbidden',
      'itemNotFound',
      'notAcceptable',
      'overLimit',
      'unprocessableEntity',
      'instanceFault',
      'serverError',
      'notImplemented',
    ]) {
      expect(text, fault).toContain(fault);
    }
  });

  it('list every operation of the contract, and open each', async () => {
    for (const op of operations) {
      const summary = op.operation.summary!;
      await openFromMenu(op.operation.tags![0]!, summary);
      await page.waitForURL(new RegExp(`#/[^/]+/${op.operationId.toLowerCase()}$`));
      // Redoc renders the operation's page in an element named like the route.
      const route = new URL(page.url()).hash.slice(2);
      const shown = page.locator(`[id="${route}"]`);
      await shown.getByText(summary, { exact: true }).first().waitFor();
      await shown.getByText(op.path, { exact: true }).first().waitFor();
    }
    await openFromMenu('Backups', 'Create a backup');
    await page.screenshot({ path: join(shots, 'create-backup.png') });
    expect(offline.blocked).toEqual([]);
  });

  it('show the code samples of an operation: curl, the TypeScript client, the OpenStack CLI', async () => {
    await openFromMenu('Backups', 'Create a backup');
    const section = page.locator('[id="backups/createbackup"]');
    for (const [label, file] of [
      ['curl', 'curl.sh'],
      ['TypeScript client', 'client.ts'],
      ['OpenStack CLI', 'openstack.sh'],
    ] as const) {
      await section
        .getByTestId('dropdown')
        .filter({ hasText: /^(curl|TypeScript client|OpenStack CLI|Payload)$/ })
        .first()
        .click();
      await page.getByTestId('dropdown-menu').getByText(label, { exact: true }).click();
      const firstLine = readText(`spec/code-samples/createBackup/${file}`).split('\n')[0]!;
      await section.getByTestId('source-code').filter({ hasText: firstLine }).first().waitFor();
    }
    await page.screenshot({ path: join(shots, 'code-sample.png') });
  });

  it('show the deviations from the api-ref, linked from the introduction', async () => {
    await menuItem(spec.info.title).click();
    await page
      .getByText('where the upstream api-ref and the server disagree')
      .getByRole('link', { name: 'Deviations from the api-ref' })
      .click();
    await page.waitForURL(/#\/deviations-from-the-api-ref$/);
    await page.getByText('Where this contract departs from the upstream api-ref').first().waitFor();
    await page.getByRole('cell', { name: 'Pagination' }).waitFor();
    await page.screenshot({ path: join(shots, 'deviations.png') });
  });

  it('show what changed in which Trove release, linked from the introduction', async () => {
    await menuItem(spec.info.title).click();
    await page.getByText('lists them all').getByRole('link', { name: 'Changes by release' }).click();
    await page.waitForURL(/#\/changes-by-release$/);
    await page.getByRole('cell', { name: 'CreateBackupFields.storage_driver' }).waitFor();
    await page.getByRole('cell', { name: '02b71fcd' }).first().waitFor();
    await page.screenshot({ path: join(shots, 'changes-by-release.png') });
  });

  it('find an operation with the search, and open it', async () => {
    await page.getByTestId('search-trigger').click();
    await page.keyboard.type('strategy');
    const result = page
      .getByTestId('search-dialog')
      .locator('[data-component-name="Search/SearchItem"]')
      .filter({ hasText: 'Create or replace a backup strategy' });
    await result.first().waitFor();
    await page.screenshot({ path: join(shots, 'search.png') });
    await result.first().click();
    await page.waitForURL(/#\/[^/]+\/createbackupstrategy$/);
    const route = new URL(page.url()).hash.slice(2);
    await page.locator(`[id="${route}"]`).getByText('Create or replace a backup strategy', { exact: true }).first().waitFor();
    expect(offline.blocked).toEqual([]);
    expect(offline.errors).toEqual([]);
  });
});

/** What the layout tests measure on the page as it is now. */
interface Layout {
  viewport: number;
  scrollWidth: number;
  content: number;
  middle: number[];
  right: number[];
  /** Paragraphs and headings whose right edge passes the viewport. */
  overflowing: string[];
  /** Words of table cells that the layout broke across lines. */
  brokenWords: string[];
  /** Code blocks whose text runs past their box without a way to scroll to it. */
  cutCode: number;
}

function measure(target: Page): Promise<Layout> {
  return target.evaluate(() => {
    const width = (e: Element) => Math.round(e.getBoundingClientRect().width);
    const visible = (e: Element) => e.getBoundingClientRect().height > 0;
    const brokenWords: string[] = [];
    for (const cell of document.querySelectorAll('td, th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) brokenWords.push(match[0]);
        }
      }
    }
    const overflowing = [...document.querySelectorAll('main p, main h1, main h2, main li')]
      .filter((e) => visible(e) && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => (e.textContent ?? '').slice(0, 60));
    const cutCode = [...document.querySelectorAll('main pre')].filter((pre) => {
      const overflowX = getComputedStyle(pre).overflowX;
      return visible(pre) && pre.scrollWidth > pre.clientWidth + 1 && overflowX !== 'auto' && overflowX !== 'scroll';
    }).length;
    const main = document.querySelector('main');
    return {
      viewport: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      content: main ? width(main) : 0,
      middle: [...document.querySelectorAll('[data-testid="middle-panel"]')].filter(visible).map(width),
      right: [...document.querySelectorAll('[data-testid="right-panel"]')].filter(visible).map(width),
      overflowing,
      brokenWords,
      cutCode,
    };
  });
}

describe('the docs layout', () => {
  let view: Page;
  afterAll(() => view?.close());

  async function show(width: number, height: number, hash: string, name: string): Promise<Layout> {
    // A new page each time, loaded at its size: Redoc picks its layout when it starts.
    await view?.close();
    view = (await offlinePage(browser)).page;
    await view.setViewportSize({ width, height });
    await view.goto(`${server.urls.docs!}${hash}`, { waitUntil: 'load', timeout: 60_000 });
    await view.locator('main').getByRole('heading').first().waitFor({ timeout: 60_000 });
    await view.waitForTimeout(500); // Redoc lays the page out once more after its first paint
    await view.screenshot({ path: join(shots, `layout-${width}-${name}.png`) });
    return measure(view);
  }

  it("at 1440 px, gives the introduction's prose 60% of the content, and names the API version apart from the package's", async () => {
    const layout = await show(1440, 900, '', 'introduction');
    expect(layout.scrollWidth).toBeLessThanOrEqual(1440);
    expect(layout.overflowing).toEqual([]);
    expect(Math.max(...layout.middle)).toBeGreaterThanOrEqual(0.58 * layout.content);
    const title = await view.locator('h1:visible').first().textContent();
    expect(title).toContain('(v1.0)');
    expect(title).not.toContain(spec.info.version);
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees
    const text = await view.locator('main').innerText();
    expect(text).toContain(`API version v1.0 · contract version ${spec.info.version}`);
    // The server's description is shown as text: no markdown left in it, and no path of the repository in the introduction.
    expect(text).toContain('with the /v1.0/{project_id} prefix');
    expect(text).not.toMatch(/`\/v1\.0|spec\/code-samples|\.\.\/shared|samples\/recorded/);
  }, 120_000);

  it('at 1440 px, gives a section without samples the whole width, and breaks no word in its tables', async () => {
    const layout = await show(1440, 900, '#/deviations-from-the-api-ref', 'deviations');
    expect(Math.max(...layout.middle)).toBeGreaterThanOrEqual(0.95 * layout.content);
    expect(layout.brokenWords).toEqual([]);
    expect(layout.overflowing).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(1440);
  }, 120_000);

  it('at 1440 px, shows an operation at 60/40 with its code samples wrapped or scrolling', async () => {
    const layout = await show(1440, 900, '#/backups/createbackup', 'create-backup');
    const [middle, right] = [Math.max(...layout.middle), Math.max(...layout.right)];
    expect(middle).toBeGreaterThanOrEqual(0.58 * layout.content);
    expect(right).toBeGreaterThanOrEqual(0.35 * layout.content);
    expect(right).toBeLessThanOrEqual(0.42 * layout.content);
    expect(layout.cutCode).toBe(0);
    expect(layout.brokenWords).toEqual([]);
    expect(layout.overflowing).toEqual([]);
  }, 120_000);

  it('at 390 px (a phone), lets no prose run off the screen', async () => {
    for (const [hash, name] of [
      ['', 'introduction'],
      ['#/deviations-from-the-api-ref', 'deviations'],
      ['#/backups/createbackup', 'create-backup'],
    ] as const) {
      const layout = await show(390, 844, hash, name);
      expect(layout.scrollWidth, name).toBeLessThanOrEqual(390);
      expect(layout.overflowing, name).toEqual([]);
      expect(layout.brokenWords, name).toEqual([]);
      expect(layout.cutCode, name).toBe(0);
    }
  }, 300_000);
});
