import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { FIREFOX_INSTALL_HINT, findFirefox } from '../../scripts/find-browser.ts';
import { bidi, contextOf, launchFirefox, navigate } from '../../scripts/firefox.ts';
import { proxyPrefs, startApiProxy, type ApiProxy } from './api-proxy.ts';
import { readAllPapersInPage } from '../read-library.ts';

/**
 * Debian's firefox-esr with the built Firefox extension installed over WebDriver BiDi
 * (puppeteer-core), listing pages served from fixtures at their real URLs by BiDi request
 * interception, and the metadata APIs answered by a local proxy (the background's fetches are not
 * intercepted in Firefox). Nothing leaves the machine.
 */
export const FIREFOX_PATH: string | undefined = findFirefox();
export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'firefox-mv3');

if (!FIREFOX_PATH) {
  const message = `${FIREFOX_INSTALL_HINT}\nFirefox end-to-end tests need a real Firefox`;
  if (process.env.CI) throw new Error(`${message} (required because CI is set).`);
  console.warn(`\n!!! ${message}: they are SKIPPED here and required in CI !!!\n`);
}
if (FIREFOX_PATH && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  throw new Error(`No built Firefox extension in ${EXTENSION_DIR}: run "npm run build:firefox" before the Firefox end-to-end tests.`);
}

/** A fixture of test/fixtures (the Chromium harness has the same, behind its Chromium checks). */
export function readFixture(relativePath: string): string {
  return readFileSync(resolve(import.meta.dirname, '..', 'fixtures', relativePath), 'utf8');
}

export interface FirefoxSession {
  readonly browser: Browser;
  /** moz-extension://<pinned uuid> */
  readonly origin: string;
  readonly userDataDir: string;
  /** Where Firefox saves downloads, without asking. */
  readonly downloadsDir: string;
  readonly api: ApiProxy;
  /** Serves `html` at exactly `url`; page requests no fixture answers are aborted. */
  serve(url: string, html: string): void;
  /** A new tab on a served listing page, loaded. */
  openPage(url: string): Promise<Page>;
  /** A new tab on one of Papershelf's own pages, e.g. `popup.html`, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Quits Firefox and starts it again on the same profile, Papershelf installed again. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxSessionOptions {
  /**
   * Firefox unloads an idle event page after 30 s (pref `extensions.background.idle.timeout`), as
   * Chromium stops an idle service worker: a shorter time makes every test also run across unloads.
   */
  backgroundIdleMs?: number;
}

export async function launchFirefoxSession(pages: Readonly<Record<string, string>> = {}, options: FirefoxSessionOptions = {}): Promise<FirefoxSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'papershelf-firefox-'));
  const downloadsDir = join(userDataDir, 'downloads');
  mkdirSync(downloadsDir);
  const api = await startApiProxy();
  const fixtures = new Map(Object.entries(pages));
  const start = () =>
    launchFirefox({
      executablePath: FIREFOX_PATH!,
      userDataDir,
      extensionDir: EXTENSION_DIR,
      headless: true,
      acceptInsecureCerts: true,
      prefs: {
        ...proxyPrefs(api.port),
        'browser.download.folderList': 2,
        'browser.download.dir': downloadsDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        ...(options.backgroundIdleMs !== undefined && { 'extensions.background.idle.timeout': options.backgroundIdleMs }),
      },
    });
  let launched = await start();
  return {
    get browser() {
      return launched.browser;
    },
    origin: launched.origin,
    userDataDir,
    downloadsDir,
    api,
    serve(url, html) {
      fixtures.set(url, html);
    },
    async openPage(url) {
      const page = await launched.browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const target = request.url();
        if (/^(moz-extension|data|blob|about):/.test(target)) return void request.continue();
        const html = fixtures.get(target);
        if (html !== undefined) return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        return void request.abort();
      });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    async openExtensionPage(path) {
      const page = await launched.browser.newPage();
      await navigate(launched.browser, page, `${launched.origin}/${path}`);
      return page;
    },
    async restart() {
      await launched.browser.close();
      launched = await start();
    },
    async close() {
      await launched.browser.close();
      await api.close();
    },
  };
}

/** Closes Firefox and removes its profile: a test file's `afterAll` (a failed launch leaves nothing). */
export async function closeFirefoxSession(session: FirefoxSession | undefined): Promise<void> {
  if (!session) return;
  await session.close();
  rmSync(session.userDataDir, { recursive: true, force: true });
}

/** Every paper record in the library, read from an extension page (the library's own origin). */
export async function readLibrary(session: FirefoxSession): Promise<Array<Record<string, unknown>>> {
  const page = await session.openExtensionPage('popup.html');
  try {
    return await page.evaluate(readAllPapersInPage);
  } finally {
    await page.close();
  }
}

/** Ids of the cards that got controls, in page order (the arXiv `dd`, the Hugging Face `article`). */
export function cardIds(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('[data-papershelf-id]:has(> [data-papershelf-host])'), (card) => card.getAttribute('data-papershelf-id')!));
}

export function currentId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-papershelf-current]:has(> [data-papershelf-host])')?.getAttribute('data-papershelf-id') ?? null);
}

export interface ControlView {
  /** Each visible button of the card's controls: its text, accessible name and aria-pressed. */
  buttons: Array<{ text: string; label: string | null; pressed: string | null }>;
  /** How many control groups the card holds (exactly one when mounting is idempotent). */
  groups: number;
  /** The role (or tag name) of the element focused inside the controls, e.g. `combobox` in the tag editor. */
  focused: string | null;
  /** For you's relevance marks the controls hold (one once the card came near the view). */
  marks: number;
}

/**
 * Reads a card's controls inside their shadow root, open or CLOSED: BiDi serialises closed roots
 * (`includeShadowTree: 'all'`) with a shared id that a second call takes back as an argument, the
 * way a test reaches them without the page's scripts being able to.
 */
export async function readControls(session: FirefoxSession, page: Page, id: string): Promise<ControlView> {
  const root = await shadowRootOf(session, page, id);
  return JSON.parse(
    await callInPage(session, page, `(root) => JSON.stringify({
      groups: root.querySelectorAll('[role="group"]').length,
      focused: root.activeElement ? root.activeElement.getAttribute('role') ?? root.activeElement.localName : null,
      marks: root.querySelectorAll('[role="img"][aria-label^="Relevance "]').length,
      buttons: Array.from(root.querySelectorAll('button'), (button) => button).filter((button) => button.checkVisibility()).map((button) => ({
        text: button.textContent.trim(), label: button.getAttribute('aria-label'), pressed: button.getAttribute('aria-pressed') })),
    })`, [{ sharedId: root }]),
  ) as ControlView;
}

/** Clicks a card's control named `name` ("Save", "Tags", "Hide", "Show") with trusted mouse input. */
export async function clickControl(session: FirefoxSession, page: Page, id: string, name: string): Promise<void> {
  const root = await shadowRootOf(session, page, id);
  const point = JSON.parse(
    await callInPage(session, page, `(root, name) => {
      const button = Array.from(root.querySelectorAll('button')).find((candidate) => candidate.checkVisibility() && candidate.textContent.trim() === name);
      if (!button) return 'null';
      button.scrollIntoView({ block: 'center' });
      const box = button.getBoundingClientRect();
      return JSON.stringify({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }`, [{ sharedId: root }, { type: 'string', value: name }]),
  ) as { x: number; y: number } | null;
  if (!point) throw new Error(`No "${name}" control on card ${id}`);
  await page.mouse.click(point.x, point.y);
}

async function shadowRootOf(session: FirefoxSession, page: Page, id: string): Promise<string> {
  const response = await bidi(session.browser)('script.callFunction', {
    functionDeclaration: '(id) => document.querySelector(`[data-papershelf-id="${CSS.escape(id)}"] > [data-papershelf-host]`)',
    arguments: [{ type: 'string', value: id }],
    target: { context: contextOf(page) },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const sharedId = response.result.result?.value?.shadowRoot?.sharedId;
  if (typeof sharedId !== 'string') throw new Error(`Card ${id} has no controls (${JSON.stringify(response.result)})`);
  return sharedId;
}

async function callInPage(session: FirefoxSession, page: Page, functionDeclaration: string, args: object[]): Promise<string> {
  const response = await bidi(session.browser)('script.callFunction', {
    functionDeclaration,
    arguments: args,
    target: { context: contextOf(page) },
    awaitPromise: false,
  });
  if (response.result.type !== 'success') throw new Error(`In the page: ${JSON.stringify(response.result.exceptionDetails?.text)}`);
  return response.result.result.value as string;
}
