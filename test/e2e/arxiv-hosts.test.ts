import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_PATH, closeSession, launch, readFixture, type Session } from './harness.ts';
import { JSDOM } from 'jsdom';
import { allControls } from './controls.ts';
import { adapterFor } from '../../lib/sites/index.ts';

/**
 * arXiv's other addresses at their real URLs (the decisions are in test/unit/sites/arxiv-hosts.test.ts):
 * a www.arxiv.org link is redirected to arxiv.org, where the listing gets its controls;
 * export.arxiv.org's pages and the /html/ full text get none.
 */
describe.skipIf(!BROWSER_PATH)("arXiv's other addresses", () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    session.serve('https://arxiv.org/list/hep-th/new', { body: readFixture('arxiv/list-new-mini.html') });
    session.serve('https://export.arxiv.org/abs/2609.00501', { body: readFixture('arxiv/abs-mini.html') });
    session.serve('https://export.arxiv.org/list/hep-th/new', { body: readFixture('arxiv/list-new-mini.html') });
    session.serve('https://arxiv.org/html/2609.00501v1', { body: readFixture('arxiv/abs-mini.html') });
    // arXiv answers www with a 301 to arxiv.org; a fulfilled 3xx is not followed under this
    // interception (Chromium reports the name unresolved), so the stand-in redirects from the page.
    session.serve('https://www.arxiv.org/list/hep-th/new', { body: '<script>location.replace(location.href.replace("://www.arxiv.org/", "://arxiv.org/"))</script>' });
  });
  afterAll(() => closeSession(session));

  test('a www.arxiv.org listing link lands on arxiv.org with a control group per entry', async () => {
    const page = await session.context.newPage();
    await page.goto('https://www.arxiv.org/list/hep-th/new');
    await page.waitForURL('https://arxiv.org/list/hep-th/new');
    // As many as the adapter finds in the same HTML at arxiv.org (page-kinds.test.ts does the same).
    const url = new URL('https://arxiv.org/list/hep-th/new');
    const entries = adapterFor(url)!.findCards(new JSDOM(readFixture('arxiv/list-new-mini.html'), { url: url.href }).window.document, url).cards.length;
    expect(entries).toBeGreaterThan(0);
    await expect.poll(() => allControls(page).getByRole('group', { name: 'Papershelf' }).count(), { timeout: 10_000 }).toBe(entries);
    await page.close();
  });

  test.each(['https://export.arxiv.org/abs/2609.00501', 'https://export.arxiv.org/list/hep-th/new', 'https://arxiv.org/html/2609.00501v1'])('%s gets no controls', async (url) => {
    const page = await session.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1_500);
    expect(await page.locator('[data-papershelf-host], [data-papershelf-id]').count()).toBe(0);
    await page.close();
  });
});
