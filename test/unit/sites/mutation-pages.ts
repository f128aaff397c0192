import { arxivAdapter } from '../../../lib/sites/arxiv';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import type { SiteAdapter } from '../../../lib/sites/types';
import { listSharedPages, readSharedPage } from '../../shared-pages';
import { fixtureReader, parse } from './site-test-helpers';

/**
 * The pages the adapter property tests damage: every real capture in ../shared/pages, plus the
 * project's fixtures (the only pages for the kinds never captured: HF search, week, month,
 * trending and paper page; arXiv pastweek, catch-up and search), each at the URL its own adapter
 * test reads it with.
 */

export type PageKind = 'hf-list' | 'hf-paper' | 'arxiv-list' | 'arxiv-search' | 'arxiv-abs';

export interface PageCase {
  name: string;
  real: boolean;
  adapter: SiteAdapter;
  url: URL;
  kind: PageKind;
  /** What `readAllCards` gives on the page as it is; unset for a capture not described here yet. */
  expected?: { cards: number; skipped: number };
  load(): Document;
}

/** Counts checked by hand (and by the adapter tests) on the real captures. */
const REAL_COUNTS: Readonly<Record<string, { cards: number; skipped: number }>> = {
  'huggingface/papers-daily-2026-09-28.html': { cards: 28, skipped: 0 },
  'arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html': { cards: 101, skipped: 0 },
  'arxiv/abs-2609.22268.html': { cards: 1, skipped: 0 },
  'arxiv/abs-1706.03762.html': { cards: 1, skipped: 0 },
};

/** A capture's URL and kind from its file name, or null for a name this file does not know. */
function classifyCapture(path: string): { url: string; kind: PageKind; adapter: SiteAdapter } | null {
  const daily = /^huggingface\/papers-daily-(\d{4}-\d{2}-\d{2})\.html$/.exec(path);
  if (daily) return { url: `https://huggingface.co/papers/date/${daily[1]}`, kind: 'hf-list', adapter: huggingfaceAdapter };
  const listing = /^arxiv\/list-(.+)-(new|recent|pastweek)-\d{4}-\d{2}-\d{2}\.html$/.exec(path);
  if (listing) return { url: `https://arxiv.org/list/${listing[1]}/${listing[2]}`, kind: 'arxiv-list', adapter: arxivAdapter };
  // Old-style ids cannot hold their slash in a file name; such a file spells it `_`.
  const abs = /^arxiv\/abs-(.+)\.html$/.exec(path);
  if (abs) return { url: `https://arxiv.org/abs/${abs[1]?.replace('_', '/')}`, kind: 'arxiv-abs', adapter: arxivAdapter };
  return null;
}

export interface RealPages {
  cases: PageCase[];
  /** Captures whose URL cannot be told from the file name: a test fails on them. */
  unknown: string[];
}

export function realPages(): RealPages {
  const cases: PageCase[] = [];
  const unknown: string[] = [];
  for (const path of [...listSharedPages('huggingface'), ...listSharedPages('arxiv')]) {
    const known = classifyCapture(path);
    if (!known) {
      unknown.push(path);
      continue;
    }
    const expected = REAL_COUNTS[path];
    cases.push({
      name: path,
      real: true,
      adapter: known.adapter,
      url: new URL(known.url),
      kind: known.kind,
      ...(expected ? { expected } : {}),
      load: () => parse(readSharedPage(path)),
    });
  }
  return { cases, unknown };
}

const hf = fixtureReader('huggingface');
const arxiv = fixtureReader('arxiv');

type FixtureRow = [file: string, url: string, kind: PageKind, cards: number, skipped: number];

const HF_FIXTURES: FixtureRow[] = [
  ['daily-mini.html', 'https://huggingface.co/papers/date/2026-09-28', 'hf-list', 4, 1],
  ['daily-no-props.html', 'https://huggingface.co/papers/date/2026-09-28', 'hf-list', 3, 0],
  ['search-mini.html', 'https://huggingface.co/papers?q=diffusion', 'hf-list', 4, 0],
  ['search-seed.html', 'https://huggingface.co/papers?q=machine+learning+systems', 'hf-list', 8, 0],
  ['week-mini.html', 'https://huggingface.co/papers/week/2026-W39', 'hf-list', 2, 0],
  ['month-mini.html', 'https://huggingface.co/papers/month/2026-09', 'hf-list', 2, 0],
  ['trending-mini.html', 'https://huggingface.co/papers/trending', 'hf-list', 2, 0],
  ['paper-page.html', 'https://huggingface.co/papers/2609.40001', 'hf-paper', 1, 0],
];
const ARXIV_FIXTURES: FixtureRow[] = [
  ['list-new-mini.html', 'https://arxiv.org/list/cond-mat.mtrl-sci/new', 'arxiv-list', 6, 3],
  ['list-pastweek-mini.html', 'https://arxiv.org/list/cs.LG/pastweek?show=2000', 'arxiv-list', 5, 0],
  ['catchup-mini.html', 'https://arxiv.org/catchup/cs.LG/2026-09-20', 'arxiv-list', 3, 1],
  ['search-mini.html', 'https://arxiv.org/search/?query=attention&searchtype=all', 'arxiv-search', 4, 1],
  ['abs-mini.html', 'https://arxiv.org/abs/2609.00501v2', 'arxiv-abs', 1, 0],
];

export function fixturePages(): PageCase[] {
  const rows = (site: 'huggingface' | 'arxiv', adapter: SiteAdapter, read: (file: string) => Document, table: FixtureRow[]) =>
    table.map(([file, url, kind, cards, skipped]): PageCase => ({
      name: `fixture ${site}/${file}`,
      real: false,
      adapter,
      url: new URL(url),
      kind,
      expected: { cards, skipped },
      load: () => read(file),
    }));
  return [...rows('huggingface', huggingfaceAdapter, hf, HF_FIXTURES), ...rows('arxiv', arxivAdapter, arxiv, ARXIV_FIXTURES)];
}

/**
 * Every card-like element of a page, counted here without the adapter: each must come out as a
 * card or as a skip. Hugging Face lists: the distinct `article`s around paper title links; its
 * paper page: exactly one (the page's paper, or a skip when its `h1` is gone). arXiv: every `dt`
 * of an entry list, every search result, and the abstract block on an abstract page.
 */
export function countCandidates(page: PageCase, doc: Document): number {
  if (page.kind === 'hf-paper') return 1;
  if (page.adapter === huggingfaceAdapter) {
    const links = doc.querySelectorAll('h3 a[href^="/papers/"], h3 a[href^="https://huggingface.co/papers/"]');
    return new Set(Array.from(links, (link) => link.closest('article')).filter(Boolean)).size;
  }
  let count = 0;
  for (const list of Array.from(doc.querySelectorAll('dl#articles, #dlpage dl'))) {
    count += Array.from(list.children).filter((child) => child.localName === 'dt').length;
  }
  count += doc.querySelectorAll('li.arxiv-result').length;
  if (page.kind === 'arxiv-abs' && (doc.querySelector('#abs') ?? doc.querySelector('h1.title')?.parentElement)) count += 1;
  return count;
}
