import type { SiteAdapter } from '../../../lib/sites/types';
import { listSharedPages, readSharedPage } from '../../shared-pages';
import { SITE_PAGES } from '../../site-pages';
import { fixtureReader, parse } from './site-test-helpers';

/**
 * The pages the adapter property tests damage: every real capture in ../shared/pages, plus the
 * project's fixtures (the only pages for the kinds never captured: HF search, week, month,
 * trending and paper page; arXiv pastweek, catch-up and search), each at the URL its own adapter
 * reads it with. Both lists come from each registered site's `testPages` (lib/sites/<site>.ts).
 */

export interface PageCase {
  name: string;
  real: boolean;
  adapter: SiteAdapter;
  url: URL;
  /** The page kind the site's test pages give it: the key of the per-kind tables (field-slots.ts). */
  kind: string;
  /** What `readAllCards` gives on the page as it is; unset for a capture not described here yet. */
  expected?: { cards: number; skipped: number };
  load(): Document;
}

export interface RealPages {
  cases: PageCase[];
  /** Captures whose URL cannot be told from the file name: a test fails on them. */
  unknown: string[];
}

export function realPages(): RealPages {
  const cases: PageCase[] = [];
  const unknown: string[] = [];
  for (const { adapter, pages } of SITE_PAGES) {
    for (const path of listSharedPages(adapter.site)) {
      const file = path.slice(adapter.site.length + 1);
      const known = pages.captures.map((capture) => ({ capture, match: capture.name.exec(file) })).find(({ match }) => match);
      if (!known?.match) {
        unknown.push(path);
        continue;
      }
      const expected = pages.captureCounts[file];
      cases.push({
        name: path,
        real: true,
        adapter,
        url: new URL(known.capture.url(known.match)),
        kind: known.capture.kind,
        ...(expected ? { expected } : {}),
        load: () => parse(readSharedPage(path)),
      });
    }
  }
  return { cases, unknown };
}

export function fixturePages(): PageCase[] {
  return SITE_PAGES.flatMap(({ adapter, pages }) => {
    const read = fixtureReader(adapter.site);
    return pages.fixtures.map(({ file, url, kind, cards, skipped }): PageCase => ({
      name: `fixture ${adapter.site}/${file}`,
      real: false,
      adapter,
      url: new URL(url),
      kind,
      expected: { cards, skipped },
      load: () => read(file),
    }));
  });
}
