import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { trackRequests } from './network-quiet.ts';
import { findBrowser, INSTALL_HINT } from '../../scripts/find-browser.ts';
import { readAllPapersInPage } from '../read-library.ts';

/**
 * Real Chromium with the built extension loaded, and the sites' pages served from fixtures at
 * their real URLs (STACK.md). Nothing leaves the machine: every request that no fixture answers
 * is aborted.
 */
// PAPERSHELF_EXTENSION_DIR: a copy of a build, so that a long benchmark runs on while the tree is built again.
export const EXTENSION_DIR = process.env.PAPERSHELF_EXTENSION_DIR ?? resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
export const BROWSER_PATH: string | undefined = findBrowser();

if (!BROWSER_PATH) {
  const message = `${INSTALL_HINT}\nEnd-to-end tests need a real Chromium`;
  if (process.env.CI) throw new Error(`${message} (required because CI is set).`);
  console.warn(`\n!!! ${message}: they are SKIPPED here and required in CI !!!\n`);
}
if (BROWSER_PATH && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" before the end-to-end tests.`);
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Fixture {
  body: string;
  contentType?: string;
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  /** Serves `fixture` at exactly `url` (query included). Requests no fixture answers are aborted. */
  serve(url: string, fixture: Fixture): void;
  openPopup(): Promise<Page>;
  /** The full-page library, its heading shown; console errors collected from before it loaded. */
  openLibrary(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** More Chromium flags, e.g. `--enable-unsafe-extension-debugging` for the CDP Extensions domain. */
  args?: readonly string[];
  /**
   * false: serve no fixtures and intercept nothing, for benchmarks of the extension's own pages
   * (interception pauses every request, the pages' own scripts included, for a round trip through
   * Playwright). Name resolution is turned off instead, so nothing leaves the machine either.
   */
  intercept?: boolean;
}

export async function launch(userDataDir = mkdtempSync(join(tmpdir(), 'papershelf-e2e-')), options: LaunchOptions = {}): Promise<Session> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: BROWSER_PATH,
    headless: true,
    args: [
      ...FLAGS,
      ...(options.args ?? []),
      // Unless the caller resolves names its own way (an HTTPS site of its own, https-site.ts).
      ...(options.intercept === false && !options.args?.some((flag) => flag.startsWith('--host-resolver-rules=')) ? ['--host-resolver-rules=MAP * ~NOTFOUND'] : []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  // Clicks wait for a page's requests to settle (network-quiet.ts): followed from each page's start.
  context.on('page', trackRequests);
  for (const open of context.pages()) trackRequests(open);
  const fixtures = new Map<string, Fixture>();
  if (options.intercept !== false) await context.route('**/*', async (route) => {
    const url = route.request().url();
    // The extension's own pages and chunks load from the extension, untouched.
    if (url.startsWith('chrome-extension://')) return route.continue();
    const fixture = fixtures.get(url);
    if (fixture) await route.fulfill({ status: 200, contentType: fixture.contentType ?? 'text/html; charset=utf-8', body: fixture.body });
    else await route.abort('blockedbyclient');
  });
  // What the background warns of lands in the test's output: an intermittent failure's cause is
  // most often there (a retraining that threw, a request it refused).
  const echo = (worker: Worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') console.warn(`[service worker ${message.type()}] ${message.text()}`);
    });
  context.on('serviceworker', echo);
  for (const running of context.serviceWorkers()) echo(running);
  // And what Papershelf's content scripts and pages warn of (a page's own messages are left out).
  context.on('console', (message) => {
    if ((message.type() === 'warning' || message.type() === 'error') && message.text().startsWith('Papershelf')) {
      console.warn(`[${message.type()} on ${message.page()?.url() ?? 'a page'}] ${message.text()}`);
    }
  });
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const worker = await serviceWorker();
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    serve(url, fixture) {
      fixtures.set(url, fixture);
    },
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async openLibrary() {
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      await page.goto(`chrome-extension://${extensionId}/library.html`);
      await page.getByRole('heading', { name: 'Papershelf library' }).waitFor();
      return { page, errors };
    },
    async close() {
      await context.close();
    },
  };
}

export function removeProfile(userDataDir: string): void {
  rmSync(userDataDir, { recursive: true, force: true });
}

/** A new session serving each page (HTML) at its URL: a test file's usual `beforeAll`. */
export async function launchServing(pages: Readonly<Record<string, string>>): Promise<Session> {
  const session = await launch();
  for (const [url, body] of Object.entries(pages)) session.serve(url, { body });
  return session;
}

/** Closes the browser and removes its profile: a test file's usual `afterAll` (a failed launch leaves nothing). */
export async function closeSession(session: Session | undefined): Promise<void> {
  await session?.close();
  if (session) removeProfile(session.userDataDir);
}

/** Stops every service worker through the DevTools protocol, as Chromium does when it idles one. */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

export function readFixture(relativePath: string): string {
  return readFileSync(resolve(import.meta.dirname, '..', 'fixtures', relativePath), 'utf8');
}

/**
 * Options for an `expect.poll` whose check reads the library: each read opens an extension page,
 * which takes from 0.3 s to over a second on a busy 2-core machine, past the poll's 1 s default.
 */
export const READ_LIBRARY = { timeout: 10_000 } as const;

/** Every paper record in the library, read from an extension page (the library's own origin). */
export async function readLibrary(session: Session): Promise<Array<Record<string, unknown>>> {
  const page = await session.openPopup();
  try {
    return await page.evaluate(readAllPapersInPage);
  } finally {
    await page.close();
  }
}

/** Console errors of a page, without the failed loads of resources that the tests block on purpose. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('net::ERR_BLOCKED_BY_CLIENT')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}
