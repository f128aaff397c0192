// A year of triage as a library: the real arXiv papers of ../shared/data (titles, abstracts with
// their LaTeX, author lists), repeated under fresh ids as often as needed, one in 20 saved (half of
// those tagged) and the rest hidden. Deterministic, produced in batches so that a million records
// never sit in one array. Used by scripts/bench-library-scale.ts and the unit tests of the search
// index (which read the data from ../shared, never from a copy).
import type { PaperRecord } from '../lib/paper/model';
import { loadDataset, type DataPaper } from './ranking-protocol.ts';

export interface RealLibraryOptions {
  /** How many records in all. */
  size: number;
  /** One record in `savedEvery` is saved (the rest are hidden): 20 gives 50,000 of 1,000,000. */
  savedEvery?: number;
  /**
   * What a hidden record holds. 'full': everything the listing page said (what `hide` stores for a
   * paper while it is among the newest hides, the For-you ranker's window); 'trimmed': no abstract,
   * comments or publication data (lib/db/hidden-trim.ts, what an older hide keeps).
   */
  hidden?: 'full' | 'trimmed';
}

let cached: DataPaper[] | undefined;
export function realPapers(): DataPaper[] {
  cached ??= loadDataset().papers;
  return cached;
}

/** What a record is made from: one real paper of the data set. */
export type SourcePaper = Pick<DataPaper, 'title' | 'abstract' | 'authors' | 'categories' | 'date'>;

/** The record at `index` of the library. */
export function realRecord(index: number, options: RealLibraryOptions): PaperRecord {
  const papers = realPapers();
  return recordFrom(papers[index % papers.length]!, index, options.savedEvery ?? 20, options.hidden ?? 'full');
}

/**
 * The record at `index`, made from `source`. Self-contained (no outside names), so that the
 * benchmark can send its text to a page and make a million records there instead of sending them.
 * `idTag` starts its id: a PaperId's (schema v7), or '' for a library as versions before v7 wrote it.
 */
export function recordFrom(source: SourcePaper, index: number, savedEvery: number, hidden: 'full' | 'trimmed', idTag = 'arxiv:'): PaperRecord {
  const TAGS = ['to-read', 'LLM', 'vision', 'theory', 'robotics', 'survey', 'reproduce', 'cite-in-thesis', 'RL', 'security', 'graphs', 'optimisation'];
  // A fresh canonical arXiv id per index: YYMM.NNNNN, 90,000 a month from 2015-01 on.
  const month = Math.floor(index / 90_000);
  const id = `${15 + Math.floor(month / 12)}${String(1 + (month % 12)).padStart(2, '0')}.${10_000 + (index % 90_000)}`;
  const saved = index % savedEvery === 0;
  // A few seconds apart from 2025-12-29: a year of triage for a million records.
  const at = 1_766_966_400_000 + index * 31_000;
  const base = {
    id: `${idTag}${id}`,
    title: source.title,
    authors: source.authors.slice(0, 200).filter((name) => name.trim().length > 0 && name.length <= 200),
    sources: { arxiv: `https://arxiv.org/abs/${id}` },
    citationKey: `k${id.replace('.', '_')}`,
    createdAt: at,
    updatedAt: at,
  };
  if (!saved && hidden === 'trimmed') return { ...base, tags: [], hiddenAt: at };
  const record: PaperRecord = { ...base, abstract: source.abstract.slice(0, 10_000), publishedAt: source.date, primaryCategory: source.categories[0], tags: [] };
  if (saved) {
    record.savedAt = at;
    const savedIndex = Math.floor(index / savedEvery);
    if (savedIndex % 2 === 0) record.tags = [...new Set([TAGS[savedIndex % TAGS.length]!, ...(savedIndex % 6 === 0 ? [TAGS[(savedIndex >> 3) % TAGS.length]!] : [])])];
  } else record.hiddenAt = at;
  return record;
}

/** The library in batches of `batch` records, in index order. */
export function* realLibraryBatches(options: RealLibraryOptions, batch = 5_000): Generator<PaperRecord[]> {
  for (let start = 0; start < options.size; start += batch) {
    const records: PaperRecord[] = [];
    for (let index = start; index < Math.min(options.size, start + batch); index++) records.push(realRecord(index, options));
    yield records;
  }
}
