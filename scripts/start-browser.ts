#!/usr/bin/env node
// `npm start`: opens a browser with the freshly built Papershelf loaded on Hugging Face papers.
// The profile lives in .papershelf-profile/ so the library survives between runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findBrowser, INSTALL_HINT } from './find-browser.ts';

const extensionDir = resolve('.output/chrome-mv3');
if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
  console.error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  process.exit(1);
}
const browser = findBrowser();
if (!browser) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
const args = [
  `--user-data-dir=${resolve('.papershelf-profile')}`,
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  // Branded Chrome 137+ ignores --load-extension unless this feature is turned off.
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
  '--no-first-run',
  '--no-default-browser-check',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  'https://huggingface.co/papers',
];
console.log(`Starting ${browser} with Papershelf from ${extensionDir}`);
const child = spawn(browser, args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
