// Finds a Chromium-family browser on this machine that can load an unpacked extension from the
// command line. Used by `npm start` and by the end-to-end tests.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.PAPERSHELF_BROWSER,
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

export const INSTALL_HINT = [
  'No Chromium or Chrome was found. Install one, for example:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  macOS:          brew install --cask chromium',
  'or point PAPERSHELF_BROWSER at a Chromium-family browser executable.',
].join('\n');

export function findBrowser(): string | undefined {
  return CANDIDATES.find((path): path is string => Boolean(path) && existsSync(path!));
}
