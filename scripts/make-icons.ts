#!/usr/bin/env node
// Renders scripts/icon.svg to public/icon/<size>.png at every size the manifest and the stores use:
// 16/32 (toolbar), 48 (extension managers), 64 and 96 (Firefox's add-on pages and AMO, which asks
// for 48 and 96), 128 (Chrome Web Store and AMO listing). Headless Chromium draws it, transparent
// corners included. Run by hand after the SVG changes: node scripts/make-icons.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { INSTALL_HINT, findBrowser } from './find-browser.ts';

export const ICON_SIZES = [16, 32, 48, 64, 96, 128] as const;

const executablePath = findBrowser();
if (!executablePath) throw new Error(INSTALL_HINT);
const svg = readFileSync(resolve(import.meta.dirname, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: resolve(import.meta.dirname, '..', 'public', 'icon', `${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`Wrote public/icon/{${ICON_SIZES.join(',')}}.png`);
