import type { PaperBucket } from '../search/word-index';

// The stores of the saved papers' search index since schema v8 (lib/search/word-index.ts), named in
// a module of their own: the popup's first module reads them (search-index-early.ts) without
// loading the code that builds and updates the index.
export const VOCABULARY_TABLE = 'searchWords';
export const PAPER_BUCKETS_TABLE = 'searchPapers';

/** Whether a stored bucket has schema v9's packed layout (v8's kept its strings in arrays). */
export function isPackedBucket(stored: { ids: unknown }): stored is PaperBucket {
  return typeof stored.ids === 'object' && stored.ids !== null && !Array.isArray(stored.ids);
}
