import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { availableServers, startServer, type WebDavServer } from '../webdav-servers';
import { BROWSER_PATH, closeSession, EXTENSION_DIR, launch, READ_LIBRARY, readLibrary, type Session } from './harness.ts';
import { libraryArxivIds } from './library-ids.ts';

/**
 * Sync as a user meets it, in real Chromium against a real WebDAV server (Apache mod_dav): the
 * Sync section connects with a wrong password first (the words appear, nothing is kept), then the
 * right one (synced, 1 device), syncs now, renames the device (the folder learns the name), and
 * disconnects (the library stays). The popup shows the state meanwhile.
 *
 * A permission prompt cannot be clicked headless: the build must grant the loopback server,
 * `PAPERSHELF_TEST_HOSTS='http://127.0.0.1/*' npm run build` (npm test builds so).
 */
const MANIFEST = existsSync(join(EXTENSION_DIR, 'manifest.json')) ? JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) : {};
const GRANTS_LOOPBACK = (MANIFEST.host_permissions ?? []).includes('http://127.0.0.1/*');
const T = 1_780_000_000_000;
const PAPERS = [1, 2].map((n) => ({
  entry: `2405.0000${n}`,
  metadata: { id: `arxiv:2405.0000${n}`, title: `Synced Paper ${n}`, authors: ['Ada Sync'], abstract: 'Sync.', publishedAt: '2024-05-02' },
  tags: n === 1 ? ['sync'] : [],
  saved: true,
  savedAt: T + n,
}));

describe.skipIf(!BROWSER_PATH || !availableServers().includes('apache'))('the Sync section against Apache, in Chromium', () => {
  let server: WebDavServer;
  let session: Session;
  let library: Page;
  const sync = () => library.getByRole('region', { name: 'Sync', exact: true });
  const deviceFolders = () => (existsSync(join(server.root, 'papershelf/devices')) ? readdirSync(join(server.root, 'papershelf/devices')) : []);

  beforeAll(async () => {
    if (!GRANTS_LOOPBACK) throw new Error("This test needs a build that grants the loopback WebDAV server: PAPERSHELF_TEST_HOSTS='http://127.0.0.1/*' npm run build");
    server = await startServer('apache');
    session = await launch();
    // Registered after the harness's catch-all (which blocks the network), so it runs first: the
    // background's requests go to the real server, as they are.
    await session.context.route(`${new URL(server.url).origin}/**`, (route) => route.continue());
    const page = await session.openPopup();
    type Runtime = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    expect(await page.evaluate((papers) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: 'ui:import', papers, mode: 'merge' }), PAPERS)).toMatchObject({ ok: true });
    await page.close();
    ({ page: library } = await session.openLibrary());
  });
  afterAll(async () => {
    await closeSession(session);
    await server?.stop();
  });

  test('a wrong password is said in words (with app passwords welcome) and keeps nothing', async () => {
    await sync().getByRole('button', { name: 'Connect' }).waitFor();
    await sync().getByLabel('WebDAV folder URL').fill(server.url);
    await sync().getByLabel('User name').fill(server.user);
    await sync().getByLabel('Password').fill('not the password');
    await sync().getByRole('button', { name: 'Connect' }).click();
    const alert = sync().getByRole('alert');
    await alert.filter({ hasText: 'The server refused the user name or password (401).' }).waitFor();
    expect(await alert.textContent()).toContain('app password');
    // Still off, the form still there, nothing in the folder.
    await sync().getByRole('button', { name: 'Connect' }).waitFor();
    expect(deviceFolders()).toEqual([]);
  });

  test('the right password connects: synced, 1 device, the library in the folder; the popup says synced', async () => {
    await sync().getByLabel('Password').fill(server.password);
    await sync().getByRole('button', { name: 'Connect' }).click();
    await sync().getByText(/^Synced just now · 1 device$/).waitFor({ timeout: 30_000 });
    expect(await sync().getByRole('alert').count()).toBe(0);
    expect(deviceFolders()).toHaveLength(1);
    expect(readdirSync(join(server.root, 'papershelf/devices', deviceFolders()[0]!)).some((name) => name.startsWith('log-') || name.startsWith('snapshot-'))).toBe(true);
    // The password field is not shown any more; the folder is.
    expect(await sync().getByLabel('Password').count()).toBe(0);
    await sync().getByText(server.url).waitFor();

    const popup = await session.openPopup();
    await popup.getByRole('status').filter({ hasText: /^Synced just now$/ }).waitFor();
    await popup.close();
  });

  test('Sync now runs a round and comes back to synced', async () => {
    const device = join(server.root, 'papershelf/devices', deviceFolders()[0]!, 'device.json');
    const before = readFileSync(device, 'utf8');
    await sync().getByRole('button', { name: 'Sync now' }).click();
    // The round rewrites this device's file with its new time.
    await expect.poll(() => readFileSync(device, 'utf8') !== before, { timeout: 20_000 }).toBe(true);
    await sync().getByText(/^Synced just now · 1 device$/).waitFor();
    expect(await sync().getByRole('button', { name: 'Sync now' }).getAttribute('aria-disabled')).toBeNull();
  });

  test('renaming this device shows the new name and reaches the folder', async () => {
    const field = sync().getByLabel('This device’s name');
    await field.fill('Lab laptop');
    await field.press('Enter');
    await sync().getByText('This device is now called Lab laptop.').waitFor();
    await expect.poll(() => field.inputValue()).toBe('Lab laptop');
    // The next round (a few seconds later) publishes it for the other devices.
    const device = join(server.root, 'papershelf/devices', deviceFolders()[0]!, 'device.json');
    await expect.poll(() => readFileSync(device, 'utf8').includes('Lab laptop'), { timeout: 30_000 }).toBe(true);
  });

  test('Disconnect turns sync off and keeps the library', async () => {
    await sync().getByRole('button', { name: 'Disconnect' }).click();
    await sync().getByText('Disconnected. The library on this device is as it was; sync is off.').waitFor();
    await sync().getByRole('button', { name: 'Connect' }).waitFor();
    await expect.poll(async () => (await libraryArxivIds(session)).sort(), READ_LIBRARY).toEqual(['2405.00001', '2405.00002']);
    // The folder keeps its files, for the other devices.
    expect(deviceFolders()).toHaveLength(1);
    const popup = await session.openPopup();
    await popup.getByText('2 of 2 saved papers', { exact: true }).waitFor();
    expect(await popup.locator('.sync-state').count()).toBe(0);
    await popup.close();
  });
});
