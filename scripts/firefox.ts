// Firefox with the built Papershelf installed through WebDriver BiDi (puppeteer-core drives the
// Firefox already on the machine; it never downloads one). Shared by `npm start`, the demo and the
// Firefox end-to-end tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Firefox gives every install a random moz-extension:// host, and the library's IndexedDB belongs
 * to that host: pinned, a reinstall (a temporary add-on is gone after a restart) finds its library.
 */
export const PINNED_UUID = '5d0c3b7e-9a41-4f6b-8c2e-7a1f0e9b3d64';

export interface FirefoxOptions {
  executablePath: string;
  userDataDir: string;
  extensionDir: string;
  headless: boolean;
  /** More Firefox preferences (proxy, downloads). */
  prefs?: Record<string, string | number | boolean>;
  /** Accept any TLS certificate: only for the tests' local stand-in of the metadata APIs. */
  acceptInsecureCerts?: boolean;
}

export interface PapershelfFirefox {
  browser: Browser;
  /** `moz-extension://<pinned uuid>`: where the popup and the library page live. */
  origin: string;
}

export function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  return manifest.browser_specific_settings.gecko.id;
}

export async function launchFirefox(options: FirefoxOptions): Promise<PapershelfFirefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: options.executablePath,
    headless: options.headless,
    userDataDir: options.userDataDir,
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    defaultViewport: null,
    // Extension pages (moz-extension://) can be driven only with system access (STACK.md).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(options.extensionDir)]: PINNED_UUID }),
      // No first-run pages, no telemetry, no update checks: the window opens on what we ask.
      'browser.shell.checkDefaultBrowser': false,
      'browser.startup.homepage_override.mstone': 'ignore',
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      ...options.prefs,
    },
  });
  await browser.installExtension(options.extensionDir);
  return { browser, origin: `moz-extension://${PINNED_UUID}` };
}

/**
 * Loads `url` in `page` through BiDi's `browsingContext.navigate`: puppeteer's `goto` never settles
 * on a moz-extension:// page (STACK.md).
 */
export async function navigate(browser: Browser, page: Page, url: string): Promise<void> {
  await bidi(browser)('browsingContext.navigate', { context: contextOf(page), url, wait: 'complete' });
}

/** A raw WebDriver BiDi command on puppeteer's connection (its BiDi browser keeps one). */
export function bidi(browser: Browser): (method: string, params: object) => Promise<{ result: any }> {
  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: any }> } }).connection;
  return (method, params) => connection.send(method, params);
}

/** The BiDi browsing context id of a page's top frame. */
export function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}
