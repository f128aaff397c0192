import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import type { SyncStatus } from '../../lib/messaging/sync-protocol';
import { auditPage, expectNoSerious } from './axe.ts';
import { FOCUS_RING } from './focus-ring.ts';
import { BROWSER_PATH, closeSession, launch, type Session } from './harness.ts';

/**
 * The library page's Sync section (issue #20) in the states a reader meets: off with the form (and
 * the form refusing a URL), stopped on an error, connected with three devices, syncing. Each is
 * audited by axe-core in light and dark (0 serious or critical), and reached by keyboard alone
 * with a visible focus ring of 3:1. The states come from the service worker as the background
 * sends them (`background:syncChanged`), so no server is needed here (test/e2e/sync-ui.test.ts
 * drives a real one).
 */
const NOW = Date.now();
const LAPTOP = { id: 'dev-laptop', name: 'Ada’s laptop', lastSync: NOW - 2 * 60_000 };
const CONNECTED: SyncStatus = {
  state: 'idle',
  url: 'https://cloud.example.org/remote.php/dav/files/ada/Papershelf/',
  user: 'ada',
  lastSync: NOW - 2 * 60_000,
  thisDevice: LAPTOP,
  devices: [LAPTOP, { id: 'dev-desktop', name: 'Office desktop', lastSync: NOW - 3 * 3_600_000 }, { id: 'dev-tablet', name: 'Tablet' }],
};
const OFF: SyncStatus = { state: 'off', thisDevice: { id: 'dev-laptop', name: 'Ada’s laptop' }, devices: [] };

async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expectNoSerious(await auditPage(page, `library, Sync section: ${state} (${colorScheme})`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** What the background pushes to every extension page when sync's state changes. */
async function pushStatus(worker: Worker, status: SyncStatus): Promise<void> {
  type Runtime = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
  // No page may be listening yet: the message then has no receiver, which is no failure here.
  await worker.evaluate((pushed) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: 'background:syncChanged', status: pushed }).catch(() => undefined), status);
}

/** Tab from the Sync heading through the section: each control's name and its ring's contrast, until the focus leaves it. */
async function tabThroughSync(page: Page): Promise<Array<{ what: string; contrast: number }>> {
  await page.getByRole('heading', { name: 'Sync', exact: true }).click();
  const stops: Array<{ what: string; contrast: number }> = [];
  for (let stop = 0; stop < 15; stop++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(`(() => {
      const element = document.activeElement;
      if (!element || !element.closest('section[aria-labelledby="sync-heading"]')) return null;
      const label = element.labels?.[0]?.textContent ?? element.textContent.trim();
      return { what: element.tagName.toLowerCase() + ' ' + label, contrast: (${FOCUS_RING})(element).contrast };
    })()`) as { what: string; contrast: number } | null;
    if (!now) break;
    stops.push(now);
  }
  return stops;
}

describe.skipIf(!BROWSER_PATH)('the Sync section: axe in light and dark, and by keyboard', () => {
  let session: Session;
  let library: Page;
  let worker: Worker;
  const sync = () => library.getByRole('region', { name: 'Sync', exact: true });

  beforeAll(async () => {
    session = await launch();
    worker = await session.serviceWorker();
    ({ page: library } = await session.openLibrary());
    await library.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sync' }).click();
  });
  afterAll(() => closeSession(session));

  test('off: the form with its help, then refusing a URL in words', async () => {
    await pushStatus(worker, OFF);
    await sync().getByRole('button', { name: 'Connect' }).waitFor();
    await expectAccessible(library, 'off, the Connect form');
    for (const scheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme: scheme });
      const stops = await tabThroughSync(library);
      expect(stops.map((stop) => stop.what)).toEqual(['input WebDAV folder URL', 'input User name', 'input Password', 'button Connect']);
      expect(stops.filter((stop) => stop.contrast < 3), scheme).toEqual([]);
    }
    await library.emulateMedia({ colorScheme: 'light' });

    await sync().getByLabel('WebDAV folder URL').fill('cloud.example.org/remote.php/dav');
    await sync().getByLabel('WebDAV folder URL').press('Enter');
    await sync().getByText('The folder URL is not a web address (it starts with https://).').waitFor();
    // The field names its problem, and the focus is on it.
    expect(await sync().getByLabel('WebDAV folder URL').getAttribute('aria-invalid')).toBe('true');
    expect(await library.evaluate(() => document.activeElement?.id)).toBe('sync-url');
    await expectAccessible(library, 'off, the form refusing a URL');
  });

  test('stopped on an error, said in words', async () => {
    await pushStatus(worker, { ...CONNECTED, state: 'error', problem: 'The server refused the user name or password (401).', nextAttemptAt: Date.now() + 10 * 60_000 });
    await sync().getByRole('alert').filter({ hasText: 'refused the user name or password' }).waitFor();
    await expectAccessible(library, 'stopped on an error');
  });

  test('connected with three devices, this one renamable; Tab reaches each control with a visible ring', async () => {
    await pushStatus(worker, CONNECTED);
    await sync().getByText('Synced 2 minutes ago · 3 devices').waitFor();
    await expectAccessible(library, 'connected, three devices');
    for (const scheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme: scheme });
      const stops = await tabThroughSync(library);
      expect(stops.map((stop) => stop.what)).toEqual(['input This device’s name', 'button Rename', 'button Sync now', 'button Disconnect']);
      expect(stops.filter((stop) => stop.contrast < 3), scheme).toEqual([]);
    }
    await library.emulateMedia({ colorScheme: 'light' });
  });

  test('syncing, with its progress', async () => {
    await pushStatus(worker, { ...CONNECTED, state: 'syncing' });
    await sync().getByRole('progressbar', { name: 'Syncing' }).waitFor();
    await expectAccessible(library, 'syncing');
  });

  test('the popup’s sync line, with a problem, in light and dark', async () => {
    const popup = await session.openPopup();
    await popup.getByText('No saved papers yet').waitFor();
    // The popup follows sync once its first rows are painted: push until it has heard.
    const line = popup.getByRole('status').filter({ hasText: 'Sync problem: The server has no space left' });
    await expect
      .poll(async () => {
        await pushStatus(worker, { ...CONNECTED, state: 'error', problem: 'The server has no space left for this account (507): free some space on it, then connect again.' });
        return line.count();
      })
      .toBe(1);
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      expectNoSerious(await auditPage(popup, `popup, sync problem (${colorScheme})`));
    }
    await popup.close();
  });
});
