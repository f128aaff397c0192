import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, EXTENSION_DIR, READ_LIBRARY, collectConsoleErrors, launch, readLibrary, removeProfile, type Session } from './harness.ts';
import { huggingFaceDaily, plainPapers } from './listing-pages.ts';
import { evaluateInPapershelfWorld } from './page-checks.ts';

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
      expect(code, name).not.toMatch(/\beval\s*\(/);
      expect(code, name).not.toMatch(/\bnew\s+Function\s*\(/);
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
    const save = list.locator(`[data-papershelf-id="${id}"]`).getByRole('button', { name: 'Save', exact: true });
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    expect(await readLibrary(session)).toEqual([]);
    expect(listErrors).toEqual([]);
  });

  test('a content script cannot run an extension page\'s request, nor an extension page a content script\'s', async () => {
    // Something in the library for the forged requests to aim at.
    const first = list.locator(`[data-papershelf-id="${LISTED[0]!.id}"]`);
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await readLibrary(session)).map((record) => record.id), READ_LIBRARY).toEqual([LISTED[0]!.id]);
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
      expect(reply.error).toMatch(/^Papershelf rejected a malformed request \(type: /);
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
    const seenBySite = await list.evaluate(([second, third]) => {
      const seen: string[] = [];
      addEventListener('keydown', (event) => seen.push(event.key));
      const buttonOf = (id: string, name: string) =>
        [...document.querySelector(`[data-papershelf-id="${id}"] [data-papershelf-host]`)!.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === name)!;
      buttonOf(second!, 'Save').click();
      buttonOf(third!, 'Hide').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      buttonOf(third!, 'Tags').click();
      for (const key of ['j', 's', 'h', 't', '?']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      return seen;
    }, [second, third] as const);
    // The page's own listener saw its keys: Papershelf neither ran nor swallowed them.
    expect(seenBySite).toEqual(['j', 's', 'h', 't', '?']);
    await list.waitForTimeout(500);
    expect(await current()).toEqual(currentBefore);
    expect(await list.locator('[data-papershelf-hidden]').count()).toBe(0);
    expect(await list.getByRole('dialog').count()).toBe(0);
    expect(await readLibrary(session)).toEqual(before);

    // The same Save clicked by the user (a trusted click) works.
    await list.locator(`[data-papershelf-id="${second}"]`).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await readLibrary(session)).map((record) => record.id).sort(), READ_LIBRARY).toEqual([...before.map((record) => record.id), second].sort());
    expect(listErrors).toEqual([]);
  });
});
