// Finds a browser on this machine that can load an unpacked Papershelf: a Chromium-family one (the
// command line loads the extension) or Firefox (WebDriver BiDi installs it). Used by `npm start`,
// the screenshots and the end-to-end tests.
import { existsSync } from 'node:fs';

const CHROMIUM_CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-for-testing',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const FIREFOX_CANDIDATES = [
  process.env.FIREFOX_PATH,
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

export const INSTALL_HINT = [
  'No Chromium or Chrome was found. Install one, for example:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  macOS:          brew install --cask chromium',
  'or point PAPERSHELF_BROWSER at a Chromium-family browser executable.',
].join('\n');

export const FIREFOX_INSTALL_HINT = [
  'No Firefox was found. Install one, for example:',
  '  Debian/Ubuntu:  sudo apt-get install firefox-esr',
  '  macOS:          brew install --cask firefox',
  'or point FIREFOX_PATH at a Firefox executable.',
].join('\n');

/** True when PAPERSHELF_BROWSER asks for Firefox: the word `firefox` or a path to a Firefox. */
export function wantsFirefox(choice = process.env.PAPERSHELF_BROWSER): boolean {
  return Boolean(choice && /firefox/i.test(choice.split(/[\\/]/).pop() ?? ''));
}

const present = (path: string | undefined): path is string => Boolean(path) && existsSync(path!);

/** A Chromium-family browser: PAPERSHELF_BROWSER unless it names Firefox, else the usual places. */
export function findBrowser(): string | undefined {
  const chosen = process.env.PAPERSHELF_BROWSER;
  return [chosen && !wantsFirefox(chosen) ? chosen : undefined, ...CHROMIUM_CANDIDATES].find(present);
}

/** A Firefox: PAPERSHELF_BROWSER when it is a path to one, FIREFOX_PATH, else the usual places. */
export function findFirefox(): string | undefined {
  const chosen = process.env.PAPERSHELF_BROWSER;
  return [chosen && wantsFirefox(chosen) && chosen.includes('/') ? chosen : undefined, ...FIREFOX_CANDIDATES].find(present);
}
