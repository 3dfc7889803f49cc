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
