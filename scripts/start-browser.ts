#!/usr/bin/env node
// `npm start`: opens a browser with the freshly built Papershelf loaded, on the live sites, or on
// the project's sample listing pages when the sites cannot be reached (or with `npm start -- --demo`).
// Chromium by default; PAPERSHELF_BROWSER=firefox for Firefox. Each browser keeps its own profile
// (.papershelf-profile/, .papershelf-profile-firefox/) so the library survives between runs.
// PAPERSHELF_HEADLESS=1 runs the demo without a window (for a machine with no display).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { DEMO_URLS, LIVE_URL, chooseMode, demoPages } from './demo-site.ts';
import { FIREFOX_INSTALL_HINT, INSTALL_HINT, findBrowser, findFirefox, wantsFirefox } from './find-browser.ts';
import { launchFirefox, navigate } from './firefox.ts';

const firefox = wantsFirefox();
const extensionDir = resolve(firefox ? '.output/firefox-mv3' : '.output/chrome-mv3');
// The build for the browser at hand (wxt's Firefox build goes to its own folder).
const build = spawnSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
  console.error(`No built extension in ${extensionDir}: run "npm run ${firefox ? 'build:firefox' : 'build'}" first.`);
  process.exit(1);
}
const executable = firefox ? findFirefox() : findBrowser();
if (!executable) {
  console.error(firefox ? FIREFOX_INSTALL_HINT : INSTALL_HINT);
  process.exit(1);
}

const headless = process.env.PAPERSHELF_HEADLESS === '1';
const mode = await chooseMode(process.argv.slice(2));
console.log(
  mode.demo
    ? `Demo mode: ${mode.reason}. Showing the sample Hugging Face and arXiv listings (scripts/demo-pages/) at their real addresses; nothing else is loaded. The popup and the library open beside them.`
    : `Live mode: ${mode.reason}. Opening ${LIVE_URL}. (npm start -- --demo shows the sample pages instead.)`,
);
console.log(`Starting ${executable} with Papershelf from ${extensionDir}`);

if (firefox) await startFirefox(executable);
else if (mode.demo) await startChromiumDemo(executable);
else startChromium(executable);
console.log(mode.demo ? 'Ready: two sample listings, the popup and the library are open. Close the browser to stop.' : 'Ready. Close the browser to stop.');

/** Live Chromium: a plain browser process, no automation. */
function startChromium(browser: string): void {
  const child = spawn(browser, [...chromiumArgs(), LIVE_URL], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function chromiumArgs(): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // Branded Chrome 137+ ignores --load-extension unless this feature is turned off.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-first-run',
    '--no-default-browser-check',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

/** Demo Chromium: the sample pages answered at their real URLs, every other request refused. */
async function startChromiumDemo(browser: string): Promise<void> {
  const context = await chromium.launchPersistentContext(resolve('.papershelf-profile'), { executablePath: browser, headless, viewport: null, args: chromiumArgs() });
  const pages = demoPages();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.continue();
    const html = pages.get(url);
    return html ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const [first] = context.pages();
  await (first ?? (await context.newPage())).goto(DEMO_URLS.huggingface);
  for (const url of [DEMO_URLS.arxiv, `${origin}/popup.html`, `${origin}/library.html`]) await (await context.newPage()).goto(url);
  await context.pages()[0]?.bringToFront();
  context.on('close', () => process.exit(0));
}

/** Firefox over WebDriver BiDi: Papershelf installed at every start, its library host pinned. */
async function startFirefox(executablePath: string): Promise<void> {
  const { browser, origin } = await launchFirefox({ executablePath, userDataDir: resolve('.papershelf-profile-firefox'), extensionDir, headless });
  browser.on('disconnected', () => process.exit(0));
  const [blank] = await browser.pages();
  const page = blank ?? (await browser.newPage());
  if (!mode.demo) {
    await page.goto(LIVE_URL);
    return;
  }
  const pages = demoPages();
  const serveDemo = async (tab: Page) => {
    await tab.setRequestInterception(true);
    tab.on('request', (request) => {
      const html = pages.get(request.url());
      if (html) return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (/^(moz-extension|data|blob|about):/.test(request.url())) return void request.continue();
      return void request.abort();
    });
  };
  await serveDemo(page);
  await page.goto(DEMO_URLS.huggingface);
  const arxiv = await browser.newPage();
  await serveDemo(arxiv);
  await arxiv.goto(DEMO_URLS.arxiv);
  for (const path of ['popup.html', 'library.html']) await navigate(browser, await browser.newPage(), `${origin}/${path}`);
  await page.bringToFront();
}
