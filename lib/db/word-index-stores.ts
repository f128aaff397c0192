// The stores of the saved papers' search index since schema v8 (lib/search/word-index.ts), named in
// a module of their own: the popup's first module reads them (search-index-early.ts) without
// loading the code that builds and updates the index.
export const VOCABULARY_TABLE = 'searchWords';
export const PAPER_BUCKETS_TABLE = 'searchPapers';
