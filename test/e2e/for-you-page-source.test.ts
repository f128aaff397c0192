import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { forYouHistory, importBackup } from '../../scripts/bench-for-you-page.ts';
import { arxivListing } from '../../scripts/bench-pages.ts';
import { FIRST_REQUEST_PAPERS_BEFORE_SOURCE } from '../../lib/content/for-you.ts';
import { PAGE_SOURCE_MIN_CARDS } from '../../lib/content/page-offer.ts';
import { BROWSER_PATH, closeSession, launch, type Session } from './harness.ts';
import { startHttpsSite, type HttpsSite } from './https-site.ts';
import { waitForRankingReady } from './ranking-ready.ts';

/**
 * For you reads a long arXiv listing's words from the page's bytes in its relay frame, where the
 * browser's HTTP cache holds them (lib/content/page-source.ts, lib/frame/page-words.ts), served
 * over real HTTPS: Playwright's interception would turn that cache off. The same listing sent with
 * `Cache-Control: no-store` is read card by card on the page, as before: both must give every card
 * the very same score.
 */
/** A listing long enough for its bytes to be offered to the relay frame. */
const CARDS = PAGE_SOURCE_MIN_CARDS + 100;
const listing = arxivListing(CARDS);
const NO_COPY_URL = `${listing.url}&copy=none`;

/** Every card's score by paper id, once every card has one; and how many cards the page read itself. */
async function scoresOf(page: Page): Promise<{ scores: Record<string, string>; readOnPage: number }> {
  const cards = page.locator('dd[data-papershelf-id]');
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(CARDS);
  await expect.poll(() => page.locator('dd[data-papershelf-score]').count(), { timeout: 60_000 }).toBe(CARDS);
  return page.evaluate(() => ({
    scores: Object.fromEntries([...document.querySelectorAll('dd[data-papershelf-score]')].map((dd) => [dd.getAttribute('data-papershelf-id'), dd.getAttribute('data-papershelf-score')])),
    readOnPage: performance.getEntriesByName('papershelf:scores-read').reduce((sum, entry) => sum + (entry as PerformanceMeasure).detail.cards, 0),
  }));
}

describe.skipIf(!BROWSER_PATH)('For you reads a long listing from its cached bytes', () => {
  let site: HttpsSite;
  let session: Session;
  beforeAll(async () => {
    site = await startHttpsSite(['arxiv.org']);
    site.serve(listing.url, listing.html);
    site.serve(NO_COPY_URL, listing.html, { 'cache-control': 'no-store' });
    session = await launch(undefined, { intercept: false, args: site.args });
    await importBackup(session, forYouHistory());
    await waitForRankingReady(session);
  });
  afterAll(async () => {
    await closeSession(session);
    await site?.close();
  });

  test('the relay frame reads the cards from the cached page, and every card gets the score a read on the page gives', async () => {
    const cached = await session.context.newPage();
    await cached.goto(listing.url);
    const fromBytes = await scoresOf(cached);
    // Only the first request's cards were read on the page; the page itself was asked for once
    // (For you's copy came from the cache, not from the site).
    expect(fromBytes.readOnPage).toBe(FIRST_REQUEST_PAPERS_BEFORE_SOURCE);
    expect(site.requests(listing.url)).toBe(1);
    await cached.close();

    const uncached = await session.context.newPage();
    await uncached.goto(NO_COPY_URL);
    const onPage = await scoresOf(uncached);
    expect(onPage.readOnPage).toBe(CARDS);
    await uncached.close();

    expect(Object.keys(fromBytes.scores)).toHaveLength(CARDS);
    expect(fromBytes.scores).toEqual(onPage.scores);
  });
});
