// `npm run screenshots`: the README's pictures, taken in real Chromium with the built extension on
// the captured Hugging Face daily page (../shared/pages). The site's own stylesheet cannot be
// fetched here, so a small stand-in (below) gives the cards their shape; Papershelf's controls are
// exactly what a user sees.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { launch, removeProfile } from '../test/e2e/harness.ts';
import { controls } from '../test/e2e/controls.ts';
import { readSharedPage } from '../test/shared-pages.ts';
import { forYouHistory, importBackup } from './bench-for-you-page.ts';

const DAILY_URL = 'https://huggingface.co/papers/date/2026-09-28';
const STYLESHEET_URL = 'https://huggingface.co/front/build/kube-3b444dc/style.css';
const OUT = 'docs/screenshots';

// arXiv's own stylesheet is remote too; its listing is plain enough to read with these few rules.
const ARXIV_READABLE = 'body { font-family: system-ui, sans-serif; max-width: 960px; margin: 0 auto; } #header, .mobile-header, header, .search-block { display: none; }';

// A few rules standing in for Hugging Face's Tailwind build: card grid, borders, type.
const STAND_IN_CSS = readFileSync('scripts/demo-pages/huggingface-stand-in.css', 'utf8');

/** The controls of a card (closed shadow root), found by the paper id Papershelf put on it. */
async function controlsOf(card: Locator) {
  return controls(card.page(), (await card.getAttribute('data-papershelf-id'))!);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const session = await launch();
  try {
    session.serve(DAILY_URL, { body: readSharedPage('huggingface/papers-daily-2026-09-28.html') });
    session.serve(STYLESHEET_URL, { body: STAND_IN_CSS, contentType: 'text/css' });
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1180, height: 760 });
    await page.goto(DAILY_URL);
    await page.waitForSelector('[data-papershelf-id]');
    const cards = page.locator('article:has(h3 a[href^="/papers/"])');

    await (await controlsOf(cards.nth(0))).getByRole('button', { name: 'Save' }).click();
    const second = await controlsOf(cards.nth(1));
    await second.getByRole('button', { name: 'Tags' }).click();
    const input = second.getByRole('combobox', { name: 'Add a tag' });
    for (const tag of ['diffusion', 'to-read']) {
      await input.fill(tag);
      await input.press('Enter');
    }
    await input.press('Escape');
    await (await controlsOf(cards.nth(2))).getByRole('button', { name: 'Hide' }).click();
    const fourth = await controlsOf(cards.nth(3));
    await fourth.getByRole('button', { name: 'Tags' }).click();
    await fourth.getByRole('combobox', { name: 'Add a tag' }).fill('represent');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/huggingface-daily.png` });

    await page.keyboard.press('Escape');
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${OUT}/huggingface-daily-dark.png` });

    const arxivUrl = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
    session.serve(arxivUrl, { body: readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') });
    const arxiv = await session.context.newPage();
    await arxiv.setViewportSize({ width: 1000, height: 700 });
    await arxiv.goto(arxivUrl);
    await arxiv.waitForSelector('[data-papershelf-host]');
    await arxiv.addStyleTag({ content: ARXIV_READABLE });
    const entries = arxiv.locator('dd:has([data-papershelf-host])');
    await (await controlsOf(entries.nth(0))).getByRole('button', { name: 'Save' }).click();
    await (await controlsOf(entries.nth(1))).getByRole('button', { name: 'Hide' }).click();
    await arxiv.locator('dl').first().scrollIntoViewIfNeeded();
    await arxiv.waitForTimeout(200);
    await arxiv.screenshot({ path: `${OUT}/arxiv-new.png` });

    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 460, height: 600 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.waitForSelector('[role="row"]');
    await popup.waitForFunction(() => performance.getEntriesByName('papershelf:popup-complete').length > 0);
    await popup.waitForSelector('.tag-chips button');
    await popup.screenshot({ path: `${OUT}/popup.png` });
    const library = await session.context.newPage();
    await library.setViewportSize({ width: 900, height: 900 });
    await library.goto(`chrome-extension://${session.extensionId}/library.html`);
    await library.getByLabel('Search papers').waitFor();
    await library.waitForTimeout(300);
    await library.screenshot({ path: `${OUT}/library.png` });

    // For you: a library that went through half of the arXiv page (magnetism saved, the rest
    // hidden) ranks the page; f puts it in For-you order.
    await importBackup(session, forYouHistory((index) => index % 2 === 0));
    const ranked = await session.context.newPage();
    await ranked.setViewportSize({ width: 1000, height: 760 });
    await ranked.goto(arxivUrl);
    await ranked.waitForSelector('dd[data-papershelf-score]');
    await ranked.addStyleTag({ content: ARXIV_READABLE });
    await ranked.bringToFront();
    await ranked.keyboard.press('f');
    await ranked.waitForSelector('[data-papershelf-for-you] button[aria-pressed="true"]');
    // The best entry's controls with its relevance mark near the top, the next entries below.
    await ranked.evaluate(() => {
      const host = document.querySelector('dd[data-papershelf-score] [data-papershelf-host]');
      if (host) window.scrollTo(0, host.getBoundingClientRect().top + window.scrollY - 120);
    });
    await ranked.waitForTimeout(300);
    await ranked.screenshot({ path: `${OUT}/for-you.png` });
    console.log(`Screenshots written to ${OUT}/`);
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

await main();
