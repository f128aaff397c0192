import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeExpression, expectNoSerious, parse } from '../e2e/axe.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { FIREFOX_PATH, cardIds, closeFirefoxSession, currentId, launchFirefoxSession, readFixture, type FirefoxSession } from './harness.ts';

/**
 * axe-core (WCAG 2.2 A/AA) in Debian's firefox-esr over Papershelf's extension pages, as in the
 * Chromium suite: the popup and the library page with saved papers (the highlighted row, the tag
 * filters), so that a colour or name that only Firefox renders differently cannot slip through.
 * The listing pages' closed roots are audited in Chromium (test/e2e/a11y-listing-pages.test.ts).
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const HF_HTML = SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : readFixture('huggingface/daily-mini.html');

describe.skipIf(!FIREFOX_PATH)('accessibility in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => (session = await launchFirefoxSession({ [HF_URL]: HF_HTML })));
  afterAll(() => closeFirefoxSession(session));

  test('the popup and the library page with saved papers have no serious or critical violation', async () => {
    const listing = await session.openPage(HF_URL);
    await expect.poll(() => cardIds(listing), { timeout: 20_000 }).not.toHaveLength(0);
    for (let saved = 0; saved < 2; saved += 1) {
      const before = await currentId(listing);
      await listing.keyboard.press('j');
      // A key pressed while Firefox was still giving the new tab its focus can be lost (seen once at
      // load 12): pressed again until the keyboard moves, which is all this test needs of it.
      await expect
        .poll(async () => {
          const now = await currentId(listing);
          if (now === before) await listing.keyboard.press('j');
          return now !== before && now !== null;
        })
        .toBe(true);
      await listing.keyboard.press('s');
    }
    for (const path of ['popup.html', 'library.html']) {
      const page = await session.openExtensionPage(path);
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('.paper-title').length), { timeout: 15_000 }).toBe(2);
      expectNoSerious(parse(`Firefox ${path} with 2 saved papers`, await page.evaluate(axeExpression())));
      await page.close();
    }
  });
});
