// Pages for the benchmarks, built from the real captures in ../shared/pages when present (the
// project's own fixtures otherwise, said loudly). Nothing here is written to disk.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../test/shared-pages.ts';

export interface BenchPage {
  name: string;
  url: string;
  html: string;
  /** Finds the cards as a minimal script would: the floor's selectors, per site. */
  site: 'arxiv' | 'huggingface';
}

const fixture = (path: string) => readFileSync(resolve(import.meta.dirname, '..', 'test', 'fixtures', path), 'utf8');

if (!SHARED_PAGES_PRESENT) console.warn('!!! ../shared/pages missing: benchmarks run on the small project fixtures, not the real pages !!!');

/** An arXiv listing with `count` entries: the real /new page's entries repeated under new ids. */
export function arxivListing(count: number): BenchPage {
  const source = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : fixture('arxiv/list-new-mini.html');
  const pairs = [...source.matchAll(/<dt>[\s\S]*?<\/dd>/g)].map((match) => match[0]);
  if (pairs.length === 0) throw new Error('no dt/dd pairs in the arXiv source page');
  const entries: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = `2609.${String(90000 + index).padStart(5, '0')}`;
    entries.push(pairs[index % pairs.length]!.replace(/\d{4}\.\d{4,5}/g, id).replace(/item\d+/g, `item${index + 1}`));
  }
  const first = source.indexOf('<dl');
  const last = source.lastIndexOf('</dl>') + '</dl>'.length;
  const html = `${source.slice(0, first)}<dl id='articles'>\n${entries.join('\n')}\n</dl>${source.slice(last)}`;
  return { name: `arXiv list, ${count} entries`, url: `https://arxiv.org/list/cond-mat.mtrl-sci/pastweek?show=${count}`, html, site: 'arxiv' };
}

/** The largest real Hugging Face page: the captured daily list. */
export function huggingfaceDaily(): BenchPage {
  const html = SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : fixture('huggingface/daily-mini.html');
  return { name: 'Hugging Face daily (real page)', url: 'https://huggingface.co/papers/date/2026-09-28', html, site: 'huggingface' };
}

/** The real arXiv /new capture as it is (101 entries in three sections). */
export function arxivNewReal(): BenchPage {
  const html = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : fixture('arxiv/list-new-mini.html');
  return { name: 'arXiv /new (real page)', url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', html, site: 'arxiv' };
}
