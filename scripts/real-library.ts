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

const TAGS = ['to-read', 'LLM', 'vision', 'theory', 'robotics', 'survey', 'reproduce', 'cite-in-thesis', 'RL', 'security', 'graphs', 'optimisation'];
const BASE_TIME = Date.UTC(2025, 11, 29);

let cached: DataPaper[] | undefined;
export function realPapers(): DataPaper[] {
  cached ??= loadDataset().papers;
  return cached;
}

/** A fresh canonical arXiv id per index (`YYMM.NNNNN`, 90,000 a month from 2015-01 on). */
export function freshArxivId(index: number): string {
  const month = Math.floor(index / 90_000);
  const yy = 15 + Math.floor(month / 12);
  const mm = 1 + (month % 12);
  return `${yy}${String(mm).padStart(2, '0')}.${10_000 + (index % 90_000)}`;
}

/** The record at `index` of the library. */
export function realRecord(index: number, options: RealLibraryOptions): PaperRecord {
  const papers = realPapers();
  const source = papers[index % papers.length]!;
  const id = freshArxivId(index);
  const savedEvery = options.savedEvery ?? 20;
  const saved = index % savedEvery === 0;
  // A few seconds apart, a year of triage for a million records.
  const at = BASE_TIME + index * 31_000;
  const url = `https://arxiv.org/abs/${id}`;
  const base = {
    id,
    title: source.title,
    authors: source.authors.slice(0, 200).filter((name) => name.trim().length > 0 && name.length <= 200),
    sources: { arxiv: url },
    citationKey: `k${id.replace('.', '_')}`,
    createdAt: at,
    updatedAt: at,
  };
  if (!saved && options.hidden === 'trimmed') return { ...base, tags: [], hiddenAt: at };
  const record: PaperRecord = {
    ...base,
    abstract: source.abstract.slice(0, 10_000),
    publishedAt: source.date,
    primaryCategory: source.categories[0],
    tags: [],
  };
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
