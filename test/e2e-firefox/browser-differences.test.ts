import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIREFOX_PATH, cardIds, closeFirefoxSession, currentId, launchFirefoxSession, readFixture, readLibrary, type FirefoxSession } from './harness.ts';

/**
 * What differs between Firefox and Chromium, checked in Debian's firefox-esr rather than assumed
 * (the list and how each is handled: README "Load the built extension by hand"):
 * - permissions: host permissions and content-script matches granted at install (MV3 in Firefox
 *   made them opt-in until Firefox 127);
 * - closed shadow roots: the page's scripts cannot reach the controls;
 * - isTrusted: keys a page script dispatches do nothing; the reader's keys do;
 * - the Navigation API, which the content script uses to follow Hugging Face's navigations
 *   (lib/content/location-watch.ts falls back to popstate and a check of the address without it);
 * - storage: the extension's IndexedDB is persistent (never evicted under pressure) once the
 *   background has asked; Firefox does not make it so for `unlimitedStorage` alone.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const found: Record<string, unknown> = {};

describe.skipIf(!FIREFOX_PATH)('browser differences, checked in Firefox', () => {
  let session: FirefoxSession;
  let page: Page;
  beforeAll(async () => {
    session = await launchFirefoxSession({ [HF_URL]: readFixture('huggingface/daily-mini.html') });
    page = await session.openPage(HF_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-papershelf-host]').length > 2, { timeout: 20_000 });
  });
  afterAll(async () => {
    console.log(`Firefox, as found:\n${Object.entries(found).map(([what, value]) => `  ${what}: ${JSON.stringify(value)}`).join('\n')}`);
    await closeFirefoxSession(session);
  });

  test('every host the manifest names is granted at install, with no prompt at run time', async () => {
    const extension = await session.openExtensionPage('popup.html');
    const granted = await extension.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean>; getAll(): Promise<{ origins?: string[] }> } } }).browser.permissions;
      const origins = ['https://huggingface.co/*', 'https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://export.arxiv.org/api/*', 'https://huggingface.co/api/papers/*'];
      return { each: Object.fromEntries(await Promise.all(origins.map(async (origin) => [origin, await api.contains({ origins: [origin] })] as const))), all: (await api.getAll()).origins };
    });
    found['host permissions granted at install'] = granted.each;
    expect(Object.values(granted.each).every(Boolean)).toBe(true);
    await extension.close();
  });

  test("the page's scripts cannot reach the controls, and keys they dispatch do nothing", async () => {
    const fromPage = await page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('[data-papershelf-host]')!;
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }));
      return { shadowRoot: host.shadowRoot === null ? 'closed (null to the page)' : 'open', buttons: host.querySelectorAll('button').length };
    });
    found['control roots seen from the page'] = fromPage;
    expect(fromPage).toEqual({ shadowRoot: 'closed (null to the page)', buttons: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await currentId(page)).toBe(null);
    expect((await readLibrary(session)).filter((paper) => paper.savedAt !== undefined)).toEqual([]);
    found['keys dispatched by the page'] = 'ignored (isTrusted false)';

    // The reader's own keys (trusted input through WebDriver BiDi) work.
    const ids = await cardIds(page);
    await expect.poll(async () => {
      await page.keyboard.press('j');
      return currentId(page);
    }).toBe(ids[0]);
  });

  test('the Navigation API and persistent storage', async () => {
    found['Navigation API in the page'] = await page.evaluate(() => typeof (window as unknown as { navigation?: unknown }).navigation === 'object');
    const extension = await session.openExtensionPage('popup.html');
    const storage = await extension.evaluate(async () => ({ persisted: await navigator.storage.persisted(), indexedDB: typeof indexedDB }));
    // Not persisted by itself in Firefox (found false before the background asked): the background
    // asks at start (lib/background/persistent-storage.ts), and Firefox grants it without a prompt.
    found['extension storage persisted'] = storage.persisted;
    expect(storage.persisted).toBe(true);
    expect(storage.indexedDB).toBe('object');
    await extension.close();
    // Printed, not asserted: either way the content script follows navigations (location-watch.ts).
    expect(typeof found['Navigation API in the page']).toBe('boolean');
  });
});
