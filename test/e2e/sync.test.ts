import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, closeSession, launch, readLibrary, READ_LIBRARY, stopServiceWorkers, type Session } from './harness.ts';
import type { Route } from 'playwright-core';
import { arxivNew, plainPapers } from './listing-pages.ts';
import { controls, panel } from './controls.ts';
import { availableServers, startServer, type WebDavServer } from '../webdav-servers.ts';
import type { SyncStatus } from '../../lib/messaging/sync-protocol.ts';

/**
 * Sync end to end (issue #15) in real Chromium: two browser profiles are two devices on one real
 * WebDAV server (the build grants its loopback origin: PAPERSHELF_TEST_HOSTS=http://127.0.0.1/*).
 * Both are offline while they triage (the server unreachable from the browser), then sync: both
 * libraries are identical and follow the merge rules, the open listing tabs show the merged state
 * without a reload, and a third profile that connects later gets the same library.
 */
const LISTING = 'https://arxiv.org/list/cs.LG/new';
const PAPERS = plainPapers(12, 41_001);
const ids = PAPERS.map((paper) => paper.id);
const P = ids[0]!;

interface Device {
  session: Session;
  /** An extension page that sends the sync and library requests, as the library page would. */
  page: Page;
  listing: Page;
  offline: boolean;
}

async function send(device: Device, message: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  // The page's own `chrome` global (an extension page), not this file's.
  return device.page.evaluate((request) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(request), message);
}

const cardIds = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('[data-papershelf-id]:has(> [data-papershelf-host])'), (card) => card.getAttribute('data-papershelf-id')!));
const currentId = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-papershelf-current]:has(> [data-papershelf-host])')?.getAttribute('data-papershelf-id') ?? null);
const hiddenOnPage = (page: Page, id: string) => page.locator(`[data-papershelf-id="${id}"]:has(> [data-papershelf-host])`).getAttribute('data-papershelf-hidden');
const savedOnPage = (page: Page, id: string) => controls(page, id).getByRole('button', { name: 'Save' }).getAttribute('aria-pressed');

/** Moves the keyboard's current card to `id` with j/k, then presses `key` (s: save, h: hide). */
async function triage(page: Page, id: string, key: 's' | 'h'): Promise<void> {
  const order = await cardIds(page);
  for (let step = 0; step < 40 && (await currentId(page)) !== id; step += 1) {
    const current = await currentId(page);
    await page.keyboard.press(current !== null && order.indexOf(current) > order.indexOf(id) ? 'k' : 'j');
  }
  expect(await currentId(page)).toBe(id);
  await page.keyboard.press(key);
  if (key === 's') await expect.poll(() => savedOnPage(page, id)).toBe('true');
  else await expect.poll(() => hiddenOnPage(page, id)).not.toBeNull();
}

async function openListing(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(LISTING);
  await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 15_000 }).toBe(ids.length);
  // The keymap arrives with the page context, a moment after the controls.
  await expect.poll(async () => {
    await page.keyboard.press('?');
    const open = await panel(page).getByRole('dialog', { name: 'Papershelf keys' }).isVisible();
    if (open) await page.keyboard.press('Escape');
    return open;
  }, { timeout: 10_000 }).toBe(true);
  return page;
}

/** The library as a reader compares two devices' (write times apart, tags as a set), by the arXiv ids the listings show. */
async function libraryOf(device: Device): Promise<Array<Record<string, unknown>>> {
  const records = await readLibrary(device.session);
  return records
    .map(({ updatedAt: _written, tags, id, ...rest }): Record<string, unknown> => ({ ...rest, id: String(id).replace(/^arxiv:/, ''), tags: [...(tags as string[])].sort() }))
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

describe.skipIf(!BROWSER_PATH || availableServers().length === 0).each(availableServers())('sync between browser profiles through %s', (name) => {
  let server: WebDavServer;
  const devices: Device[] = [];
  // One scenario per server: each describe starts its own browsers.

  async function device(): Promise<Device> {
    const session = await launch();
    session.serve(LISTING, { body: arxivNew(PAPERS) });
    const entry: Device = { session, page: undefined as never, listing: undefined as never, offline: false };
    // The server, reachable or not: later routes take precedence over the harness's.
    await session.context.route(`${server.url}**`, (route) => (entry.offline ? route.abort('internetdisconnected') : route.continue()));
    entry.page = await session.openPopup();
    devices.push(entry);
    return entry;
  }
  const connect = async (d: Device) => {
    const reply = await send(d, { type: 'ui:syncConnect', url: server.url, user: server.user, password: server.password });
    expect(reply).toMatchObject({ ok: true, result: { state: 'idle' } });
    return reply.result as SyncStatus;
  };
  const syncNow = async (d: Device) => (await send(d, { type: 'ui:syncNow' })).result as SyncStatus;

  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    for (const d of devices) await closeSession(d.session);
    await server?.stop();
  });

  test('offline on two devices, then synced: identical libraries by the merge rules, open tabs updated, a third device gets the same', async () => {
    const a = await device();
    const b = await device();
    await connect(a);
    const statusB = await connect(b);
    expect(statusB.devices).toHaveLength(2);
    a.listing = await openListing(a.session);
    b.listing = await openListing(b.session);

    a.offline = true;
    b.offline = true;
    // A: saves 5, tags 3 with x (P among them), hides 4, deletes 1.
    for (const id of ids.slice(0, 5)) await triage(a.listing, id, 's');
    for (const id of ids.slice(0, 3)) expect(await send(a, { type: 'ui:setTags', id: `arxiv:${id}`, tags: ['x'] })).toMatchObject({ ok: true });
    for (const id of ids.slice(5, 9)) await triage(a.listing, id, 'h');
    expect(await send(a, { type: 'ui:deletePapers', ids: [`arxiv:${ids[4]}`] })).toMatchObject({ ok: true });
    // B: saves 3 (P among them), tags P with y and removes x (only its own add of x: it never saw A's),
    // hides 2 that A saved, edits a note.
    for (const id of [P, ids[9]!, ids[10]!]) await triage(b.listing, id, 's');
    expect(await send(b, { type: 'ui:setTags', id: `arxiv:${P}`, tags: ['x', 'y'] })).toMatchObject({ ok: true });
    expect(await send(b, { type: 'ui:setTags', id: `arxiv:${P}`, tags: ['y'] })).toMatchObject({ ok: true });
    for (const id of [ids[1]!, ids[2]!]) await triage(b.listing, id, 'h');
    expect(await send(b, { type: 'ui:setNote', id: `arxiv:${P}`, note: 'Read with the reading group' })).toMatchObject({ ok: true });

    // A round while offline says so, in words, and keeps everything.
    const offline = await syncNow(a);
    expect(offline.state).toBe('offline');
    expect(offline.problem).toMatch(/reach the server|offline/);

    a.offline = false;
    b.offline = false;
    expect((await syncNow(a)).state).toBe('idle');
    expect((await syncNow(b)).state).toBe('idle');
    expect((await syncNow(a)).state).toBe('idle');

    const library = await libraryOf(a);
    expect(await libraryOf(b)).toEqual(library);
    const byId = new Map(library.map((record) => [record.id as string, record]));
    expect([...byId.keys()].sort()).toEqual([...ids.slice(0, 4), ...ids.slice(5, 11)].sort());
    expect(byId.get(P)).toMatchObject({ tags: ['x', 'y'], note: 'Read with the reading group' });
    expect(byId.get(P)!.savedAt).toBeDefined();
    for (const id of [ids[1]!, ids[2]!]) expect(byId.get(id)).toMatchObject({ tags: ['x'], savedAt: expect.any(Number), hiddenAt: expect.any(Number) });
    for (const id of ids.slice(5, 9)) expect(byId.get(id)!.hiddenAt).toBeDefined();

    // The open listing tabs show the merged state without a reload.
    await expect.poll(() => hiddenOnPage(a.listing, ids[1]!)).not.toBeNull();
    await expect.poll(() => savedOnPage(a.listing, ids[9]!)).toBe('true');
    await expect.poll(() => savedOnPage(b.listing, ids[3]!)).toBe('true');
    await expect.poll(() => hiddenOnPage(b.listing, ids[6]!)).not.toBeNull();
    await expect.poll(() => savedOnPage(b.listing, ids[4]!)).toBe('false');

    // A third profile, connected later, gets the same library.
    const c = await device();
    const statusC = await connect(c);
    expect(statusC.devices).toHaveLength(3);
    await expect.poll(() => libraryOf(c), READ_LIBRARY).toEqual(library);
  }, 240_000);
});

describe.skipIf(!BROWSER_PATH || availableServers().length === 0)('sync interrupted', () => {
  let server: WebDavServer;
  const sessions: Session[] = [];
  beforeAll(async () => {
    server = await startServer(availableServers().at(-1)!);
  });
  afterAll(async () => {
    for (const session of sessions) await closeSession(session);
    await server?.stop();
  });

  /** A profile whose uploads can be held on their way to the server (`hold`), as a slow network would. */
  async function profile(userDataDir?: string) {
    const session = await launch(userDataDir);
    sessions.push(session);
    session.serve(LISTING, { body: arxivNew(PAPERS) });
    const gate = { hold: false, held: [] as Route[] };
    await session.context.route(`${server.url}**`, (route) => {
      if (gate.hold && route.request().method() === 'PUT') gate.held.push(route);
      else return route.continue();
    });
    const device: Device = { session, page: await session.openPopup(), listing: undefined as never, offline: false };
    return { device, gate };
  }
  const release = async (gate: { held: Route[] }) => {
    // Not awaited: a request whose worker is gone may never hear back.
    for (const route of gate.held.splice(0)) void route.abort('connectionreset').catch(() => undefined);
  };

  test('the service worker stopped mid-upload, then the browser quit mid-upload: nothing confirmed is lost, nothing is doubled', async () => {
    const a = await profile();
    const b = await profile();
    for (const d of [a.device, b.device]) expect(await send(d, { type: 'ui:syncConnect', url: server.url, user: server.user, password: server.password })).toMatchObject({ ok: true });
    a.device.listing = await openListing(a.device.session);

    a.gate.hold = true;
    for (const id of ids.slice(0, 3)) await triage(a.device.listing, id, 's');
    // The round that follows the saves (a few seconds later) is caught uploading, and the worker stopped.
    await expect.poll(() => a.gate.held.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await stopServiceWorkers(a.device.page);
    await release(a.gate);

    for (const id of ids.slice(3, 5)) expect(await send(a.device, { type: 'ui:setTags', id: `arxiv:${ids[0]}`, tags: [`t${id}`] })).toMatchObject({ ok: true });
    const caught = send(a.device, { type: 'ui:syncNow' });
    await expect.poll(() => a.gate.held.length, { timeout: 20_000 }).toBeGreaterThan(0);
    // The browser quits in the middle of that upload.
    const dir = a.device.session.userDataDir;
    await release(a.gate);
    await Promise.race([caught.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await a.device.session.close();
    sessions.splice(sessions.indexOf(a.device.session), 1);

    const again = await profile(dir);
    const status = (await send(again.device, { type: 'ui:syncNow' })).result as SyncStatus;
    expect(status.state).toBe('idle');
    expect((await send(b.device, { type: 'ui:syncNow' })).result).toMatchObject({ state: 'idle' });
    const library = await libraryOf(again.device);
    expect(library.map((record) => record.id)).toEqual(ids.slice(0, 3));
    expect(library[0]!.tags).toEqual([`t${ids[4]}`]);
    await expect.poll(() => libraryOf(b.device), READ_LIBRARY).toEqual(library);
    // Each device published one identity: the interrupted uploads did not make a second.
    expect(status.devices).toHaveLength(2);
  }, 240_000);
});
