/** Upper bounds keep a hostile page from filling the library with megabytes per field. */
export const LIMITS = {
  title: 2_000,
  author: 500,
  authors: 5_000,
  abstract: 20_000,
  url: 2_000,
  tag: 64,
  tags: 500,
  comments: 2_000,
  category: 40,
  note: 20_000,
  citationKey: 100,
  doi: 200,
  journalRef: 500,
  /** The longest canonical id is an old-style one such as `cond-mat.mtrl-sci/0101001` (25). */
  arxivId: 40,
  /** An error in words, in a reply. */
  error: 10_000,
} as const;
