import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, EXTENSION_DIR, READ_LIBRARY, collectConsoleErrors, launch, readLibrary, removeProfile, type Session } from './harness.ts';
import { listingIdOf, libraryArxivIds } from './library-ids.ts';
import { huggingFaceDaily, plainPapers } from './listing-pages.ts';
import { evaluateInPapershelfWorld } from './page-checks.ts';
import { controls, everyPapershelfRoot, panel } from './controls.ts';
import { codeFromStrings } from './eval-calls.ts';

/**
 * The boundary between a web page and Papershelf. The manifest side (no externally_connectable,
 * no web-accessible resources, the default CSP) is checked in built-manifest.test.ts; here:
 * what the shipped code could load or evaluate, and what a page, a content script and an
 * extension page can actually get the background to do in Chromium.
 */

function builtFiles(extension: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(extension)) found.push(path);
    }
  };
  walk(EXTENSION_DIR);
  return found;
}

describe('the built bundles', () => {
  const scripts = builtFiles('.js').map((path) => ({ name: relative(EXTENSION_DIR, path), code: readFileSync(path, 'utf8') }));
  const pages = builtFiles('.html').map((path) => ({ name: relative(EXTENSION_DIR, path), html: readFileSync(path, 'utf8') }));

  test('evaluate no strings as code', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const { name, code } of scripts) {
      expect(codeFromStrings(code), name).toEqual([]);
      expect(code, name).not.toMatch(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/);
      // The Function constructor taken as a value: only Zod's parser compiler does that, and it
      // only runs when Zod is not jitless. Every bundle that holds it must also hold the
      // `z.config({ jitless: true })` of lib/zod-setup.ts.
      const aliases = [...code.matchAll(/[=(,:]\s*Function\s*[,;)]/g)];
      for (const alias of aliases) {
        expect(code.slice(alias.index, alias.index + 160), `${name}: Function used as a value`).toContain('Object.keys(this.closed)');
      }
      if (aliases.length > 0) expect(code, `${name} holds Zod's compiler but not its jitless setting`).toContain('jitless:!0');
    }
  });

  test('load no script from the network', () => {
    for (const { name, code } of scripts) {
      // Classic-worker and dynamic imports may only name files of the extension.
      for (const call of code.matchAll(/\b(importScripts|import)\s*\(\s*([^)]{0,120})/g)) {
        const argument = call[2]!.trim();
        expect(argument, `${name}: ${call[0]}`).toMatch(/^[`'"](\.{1,2})?\/[^`'":]*[`'"]$/);
      }
      expect(code, name).not.toMatch(/\bimportScripts\s*\(\s*["'`]https?:/);
    }
    for (const { name, html } of pages) {
      const sources = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
      expect(sources.length, name).toBeGreaterThan(0);
      for (const source of sources) expect(source, name).toMatch(/^\/[^/]/);
      // No inline script: the default CSP would refuse it anyway; none should be shipped.
      expect(html, name).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });
});

const LIST_URL = 'https://huggingface.co/papers/date/2026-09-28';
const LISTED = plainPapers(3);
const FORGED_PAPER = { id: '2609.99999', title: 'Forged', site: 'huggingface', url: 'https://huggingface.co/papers/2609.99999' };

describe.skipIf(!BROWSER_PATH)('a web page, a content script and an extension page, in Chromium', () => {
  let session: Session;
  let list: Page;
  let listErrors: string[];
  beforeAll(async () => {
    session = await launch();
    // The page listens to every message posted to it from the start, as a curious site could.
    const html = huggingFaceDaily(LISTED).replace('<head>', '<head><script>window.__posted = []; addEventListener("message", (event) => window.__posted.push(JSON.stringify(event.data)));</script>');
    session.serve(LIST_URL, { body: html });
    list = await session.context.newPage();
    listErrors = collectConsoleErrors(list);
    await list.goto(LIST_URL);
    await list.locator('[data-papershelf-host]').nth(LISTED.length - 1).waitFor({ state: 'attached', timeout: 10_000 });
  });
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('the page cannot message the background, nor load the extension\'s files', async () => {
    const outcome = await list.evaluate(async ([extensionId, paper]) => {
      const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
      let message: string;
      if (typeof runtime?.sendMessage !== 'function') message = 'no chrome.runtime.sendMessage';
      else message = await runtime.sendMessage(extensionId, { type: 'content:save', paper }).then((reply) => `answered ${JSON.stringify(reply)}`, (error: Error) => `refused: ${error.message}`);
      const file = await fetch(`chrome-extension://${extensionId}/manifest.json`).then((response) => `read ${response.status}`, (error: Error) => `refused: ${error.message}`);
      return { message, file };
    }, [session.extensionId, FORGED_PAPER] as const);
    expect(outcome.message).toMatch(/^(no chrome\.runtime\.sendMessage|refused: )/);
    expect(outcome.file).toMatch(/^refused: /);
    expect(await readLibrary(session)).toEqual([]);
  });

  test('the page never learns the extension id from what Papershelf posts to it', async () => {
    const posted = await list.evaluate(() => (window as unknown as { __posted: string[] }).__posted);
    for (const data of posted) expect(data).not.toContain(session.extensionId);
  });

  test('messages and events the page forges change nothing', async () => {
    const id = LISTED[0]!.id;
    // The refused fetch of the first test logs its own failed load: only what follows counts here.
    listErrors.splice(0);
    await list.evaluate(([id, extensionId]) => {
      // Shaped like the background's push and like content requests, posted to the window…
      window.postMessage({ type: 'background:statesChanged', states: { [id]: { saved: true, hidden: true, tags: ['forged'] } } }, '*');
      window.postMessage({ type: 'content:hide', paper: { id, title: 'x', site: 'huggingface', url: `https://huggingface.co/papers/${id}` } }, '*');
      // …and WXT's location-change event under its real name, without the URL WXT gives it.
      window.dispatchEvent(new Event(`${extensionId}:listing:wxt:locationchange`));
    }, [id, session.extensionId] as const);
    await list.waitForTimeout(500);
    // The controls are all there (re-run for the "navigation" at most), showing the true, empty state.
    await expect.poll(() => list.locator('[data-papershelf-host]').count()).toBe(LISTED.length);
    expect(await list.locator('[data-papershelf-hidden]').count()).toBe(0);
    expect(await controls(list, id).button('Save').getAttribute('aria-pressed')).toBe('false');
    expect(await readLibrary(session)).toEqual([]);
    expect(listErrors).toEqual([]);
  });

  test('a content script cannot run an extension page\'s request, nor an extension page a content script\'s', async () => {
    // Something in the library for the forged requests to aim at.
    await controls(list, LISTED[0]!.id).button('Save').click();
    await expect.poll(async () => (await libraryArxivIds(session)), READ_LIBRARY).toEqual([LISTED[0]!.id]);
    const before = await readLibrary(session);

    // From Papershelf's own content-script world: library edits an extension page may ask for.
    const fromContent = await evaluateInPapershelfWorld(
      list,
      `Promise.all([
        { type: 'ui:deletePapers', ids: ['${LISTED[0]!.id}'] },
        { type: 'ui:replaceLibrary', papers: [{ entry: 'forged', metadata: { id: '2609.99999', title: 'Forged' }, tags: [], saved: true }] },
        { type: 'ui:saveRules', rules: [] },
      ].map((message) => chrome.runtime.sendMessage(message)))`,
    );
    expect(fromContent).toEqual([0, 1, 2].map(() => ({ ok: false, error: 'Papershelf rejected a malformed request.' })));

    // From an extension page: what a listing page sends is not run as if a tab had sent it.
    const popup = await session.openPopup();
    const popupErrors = collectConsoleErrors(popup);
    const fromPage = (await popup.evaluate(
      (paper) =>
        Promise.all(
          [{ type: 'content:save', paper }, { type: 'content:hide', paper }, { type: 'content:getStates', ids: [paper.id] }].map((message) =>
            (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
          ),
        ),
      FORGED_PAPER,
    )) as Array<{ ok: boolean; error?: string }>;
    for (const reply of fromPage) {
      expect(reply.ok).toBe(false);
      expect(reply.error).toBe('Papershelf refused this request: the kind of request is not one Papershelf can read.');
    }
    await popup.close();
    expect(popupErrors).toEqual([]);
    expect(await readLibrary(session)).toEqual(before);
  });

  test('clicks and keys the page\'s scripts forge on Papershelf\'s controls change nothing; the user\'s do', async () => {
    const before = await readLibrary(session);
    const [, second, third] = LISTED.map((paper) => paper.id);
    // The user's click in the test before made its card current (focus); forged keys must not move it.
    const current = () => list.locator('[data-papershelf-current]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-papershelf-id')));
    const currentBefore = await current();
    // Our buttons sit in closed roots the page cannot open; should a script ever get hold of one,
    // its click() is still not the user's. The DevTools protocol hands the test the real buttons.
    await controls(list, second!).button('Save').evaluate('(button) => button.click()');
    await controls(list, third!).button('Hide').evaluate("(button) => button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }))");
    await controls(list, third!).button('Tags').evaluate('(button) => button.click()');
    const seenBySite = await list.evaluate(() => {
      const seen: string[] = [];
      addEventListener('keydown', (event) => seen.push(event.key));
      // What the page can reach: the hosts.
      for (const host of document.querySelectorAll<HTMLElement>('[data-papershelf-host]')) host.click();
      for (const key of ['j', 's', 'h', 't', '?']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      return seen;
    });
    // The page's own listener saw its keys: Papershelf neither ran nor swallowed them.
    expect(seenBySite).toEqual(['j', 's', 'h', 't', '?']);
    await list.waitForTimeout(500);
    expect(await current()).toEqual(currentBefore);
    expect(await list.locator('[data-papershelf-hidden]').count()).toBe(0);
    expect(await everyPapershelfRoot(list).getByRole('dialog').count()).toBe(0);
    expect(await readLibrary(session)).toEqual(before);

    // The same Save clicked by the user (a trusted click) works.
    await controls(list, second!).button('Save').click();
    await expect.poll(async () => (await libraryArxivIds(session)).sort(), READ_LIBRARY).toEqual([...before.map(listingIdOf), second].sort());
    expect(listErrors).toEqual([]);
  });
});

const PRIVATE_URL = 'https://huggingface.co/papers/date/2026-09-29';
const PRIVATE_LISTED = plainPapers(3, 41_001);
const SECRET_TAG = 'reviewing-icml';

/**
 * What a page's own scripts can make Papershelf do, and read from it (security issue #13, parts 3
 * and 4). The user's actions go through the real controls (closed shadow roots, reached by the
 * DevTools protocol as assistive tools reach them); the page's scripts run in its main world.
 */
describe.skipIf(!BROWSER_PATH)('a page cannot drive Papershelf, nor read the library through it', () => {
  let session: Session;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    session = await launch();
    session.serve(PRIVATE_URL, { body: huggingFaceDaily(PRIVATE_LISTED) });
    page = await session.context.newPage();
    errors = collectConsoleErrors(page);
    await page.goto(PRIVATE_URL);
    await page.locator('[data-papershelf-host]').nth(PRIVATE_LISTED.length - 1).waitFor({ state: 'attached', timeout: 10_000 });
  });
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('data-action that the page puts on the hosts and on its own elements does nothing when the user clicks them', async () => {
    const [first, second] = PRIVATE_LISTED.map((paper) => paper.id);
    await page.evaluate(([first, second]) => {
      // The host of a card's controls, stretched into an invisible overlay over the whole window…
      const host = document.querySelector<HTMLElement>(`[data-papershelf-id="${first}"] > [data-papershelf-host]`)!;
      host.setAttribute('data-action', 'save');
      host.style.cssText = 'position: fixed; inset: 0; z-index: 2147483000; opacity: 0;';
      // …another host and card marked too, and the page's own elements under the pointer.
      const other = document.querySelector<HTMLElement>(`[data-papershelf-id="${second}"]`)!;
      other.setAttribute('data-action', 'hide');
      other.querySelector('[data-papershelf-host]')!.setAttribute('data-action', 'hide');
      for (const link of other.querySelectorAll('a')) link.setAttribute('data-action', 'save');
      const overlay = document.createElement('div');
      overlay.id = 'page-overlay';
      overlay.setAttribute('data-action', 'hide');
      overlay.style.cssText = 'position: fixed; left: 0; top: 0; width: 50vw; height: 50vh; z-index: 2147483001; opacity: 0;';
      document.body.append(overlay);
    }, [first, second] as const);
    const viewport = page.viewportSize()!;
    // The user's real clicks: on the page's overlay, on the stretched host, in the corner.
    for (const [x, y] of [
      [viewport.width * 0.25, viewport.height * 0.25],
      [viewport.width * 0.75, viewport.height * 0.75],
      [viewport.width * 0.5, viewport.height * 0.9],
    ] as const) {
      await page.mouse.click(x, y);
    }
    const secondTitle = page.locator(`[data-papershelf-id="${second}"] h3 a`);
    await page.evaluate(() => {
      document.getElementById('page-overlay')!.remove();
      for (const host of document.querySelectorAll<HTMLElement>('[data-papershelf-host]')) host.style.cssText = '';
    });
    // The link is the site's: keep the page where it is.
    await secondTitle.evaluate((link) => link.addEventListener('click', (event) => event.preventDefault()));
    await secondTitle.click();
    await page.waitForTimeout(500);
    expect(await page.locator('[data-papershelf-hidden]').count()).toBe(0);
    expect(await controls(page, first!).button('Save').getAttribute('aria-pressed')).toBe('false');
    expect(await readLibrary(session)).toEqual([]);
    // The controls themselves still answer the user.
    await controls(page, first!).button('Save').click();
    await expect.poll(async () => (await libraryArxivIds(session)), READ_LIBRARY).toEqual([first]);
    expect(errors).toEqual([]);
    // A fresh page view for the next tests, without what this page's script did to it.
    await page.reload();
    await page.locator('[data-papershelf-host]').nth(PRIVATE_LISTED.length - 1).waitFor({ state: 'attached', timeout: 10_000 });
  });

  test('the page\'s scripts cannot open the controls, and nothing in its DOM tells a saved or tagged paper from another', async () => {
    const [saved, , plain] = PRIVATE_LISTED.map((paper) => paper.id);
    // The user saved the first paper (test before) and tags it.
    const card = controls(page, saved!);
    await card.button('Tags').click();
    await card.combobox('Add a tag').fill(SECRET_TAG);
    await card.combobox('Add a tag').press('Enter');
    await expect.poll(() => card.button(/^Tags/).getAttribute('aria-label')).toBe(`Tags: ${SECRET_TAG}`);
    await card.combobox('Add a tag').press('Escape');
    await page.mouse.click(1, 1); // focus leaves the card: nothing is "current" by the user's hand
    const seen = await page.evaluate(
      ([saved, plain, secret]) => {
        const hosts = [...document.querySelectorAll<HTMLElement>('[data-papershelf-host], [data-papershelf-panel]')];
        /** A card's own attributes and its host's, with the paper's id taken out. */
        const marks = (id: string) => {
          const element = document.querySelector(`[data-papershelf-id="${id}"]`)!;
          const host = element.querySelector(':scope > [data-papershelf-host]')!;
          const attributes = (node: Element) => node.getAttributeNames().filter((name) => name !== 'data-papershelf-current').map((name) => `${name}=${node.getAttribute(name)!.replaceAll(id, 'ID')}`);
          return { card: attributes(element), host: attributes(host), hostChildren: host.childNodes.length };
        };
        return {
          hosts: hosts.length,
          openRoots: hosts.filter((host) => host.shadowRoot !== null).length,
          // Everything the DOM serialises, the text the page can read, the window's own properties.
          leaks: [document.documentElement.outerHTML, document.body.innerText, Object.keys(window).join(' ')].filter((text) => text.includes(secret) || text.includes('aria-pressed="true"')).length,
          saved: marks(saved),
          plain: marks(plain),
        };
      },
      [saved!, plain!, SECRET_TAG] as const,
    );
    expect(seen.hosts).toBe(PRIVATE_LISTED.length + 1);
    expect(seen.openRoots).toBe(0);
    expect(seen.leaks).toBe(0);
    expect(seen.saved).toEqual(seen.plain);
    expect(await readLibrary(session)).toEqual([expect.objectContaining({ id: `arxiv:${saved}`, tags: [SECRET_TAG] })]);
  });

  test('fake cards for 10,000 ids: the library is asked about at most 5,000 per page view, and the real cards still work', async () => {
    const measured = () =>
      evaluateInPapershelfWorld(page, `performance.getEntriesByName('papershelf:states').reduce((sum, entry) => sum + entry.detail.ids, 0)`) as Promise<number>;
    const before = await measured();
    await page.evaluate(() => {
      const grid = document.querySelector('article')!.parentElement!;
      const fakes = document.createDocumentFragment();
      for (let n = 1; n <= 10_000; n += 1) {
        const card = document.createElement('article');
        const heading = card.appendChild(document.createElement('h3'));
        const link = heading.appendChild(document.createElement('a'));
        link.href = `/papers/2611.${String(n).padStart(5, '0')}`;
        link.textContent = `Probe ${n}`;
        fakes.append(card);
      }
      grid.append(fakes);
    });
    const limit = 5_000;
    await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 30_000 }).toBe(limit);
    await expect.poll(measured, { timeout: 30_000 }).toBe(before + limit - PRIVATE_LISTED.length);
    // Said once, in words, in Papershelf's panel.
    expect(await panel(page).locator('.notice').allTextContents()).toEqual([
      'This page lists more than 5,000 papers: Papershelf shows its controls on the first 5,000 only.',
    ]);
    // The real cards come first on the page and keep their controls.
    const plain = PRIVATE_LISTED[2]!.id;
    await controls(page, plain).button('Save').click();
    await expect.poll(async () => (await libraryArxivIds(session)).sort(), READ_LIBRARY).toEqual([PRIVATE_LISTED[0]!.id, plain].sort());
  }, 120_000);
});
