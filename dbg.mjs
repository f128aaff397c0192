import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
const dir = mkdtempSync('/tmp/pdbg-');
const ext = '/work/main/.output/chrome-mv3';
const html = readFileSync('/work/shared/pages/huggingface/papers-daily-2026-09-28.html', 'utf8');
const args = ['--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync',`--disable-extensions-except=${ext}`,`--load-extension=${ext}`];
const stop = process.argv[2] === 'stop';
for (let round = 0; round < 2; round++) {
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args });
  await ctx.route('**/*', (r) => r.request().url().startsWith('chrome-extension://') ? r.continue() : r.request().url().startsWith('https://huggingface.co/papers/date') ? r.fulfill({ body: html, contentType: 'text/html' }) : r.abort());
  const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
  const id = new URL(sw.url()).host;
  const page = await ctx.newPage();
  await page.goto('https://huggingface.co/papers/date/2026-09-28');
  await page.waitForSelector('[data-papershelf-id]');
  if (round === 0) {
    if (stop) { const cdp = await ctx.newCDPSession(page); await cdp.send('ServiceWorker.enable'); await cdp.send('ServiceWorker.stopAllWorkers'); await cdp.detach(); }
    await page.locator('article').nth(5).getByRole('button', { name: 'Save' }).click();
    await page.waitForTimeout(1000);
  }
  const popup = await ctx.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.waitForTimeout(1000);
  console.log('round', round, (await popup.locator('body').innerText()).slice(0, 80).replace(/\n/g, ' '));
  const sw2 = ctx.serviceWorkers()[0];
  console.log('sws', ctx.serviceWorkers().length);
  await ctx.close();
}
