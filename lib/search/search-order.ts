import type { LibraryQuery } from './query';

/** What the stored search indexes keep of a matching paper to order the answer. */
export interface OrderedPaper {
  id: string;
  savedAt: number;
  /** `YYYY-MM-DD`, or '' when unknown. */
  published: string;
  titleKey: string;
}

/**
 * The ids of `found` in the query's order, as lib/search/sort.ts orders the records themselves:
 * ties by id, papers without a publication date last whichever the direction.
 */
export function orderedIds(found: OrderedPaper[], query: Pick<LibraryQuery, 'sort' | 'direction'>): string[] {
  const sign = query.direction === 'asc' ? 1 : -1;
  const byId = (a: OrderedPaper, b: OrderedPaper) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (query.sort === 'title') {
    found.sort((a, b) => sign * (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0) || byId(a, b));
    return found.map((paper) => paper.id);
  }
  const keyed = found.map((paper) => ({ paper, key: query.sort === 'published' ? publishedNumber(paper.published) : paper.savedAt }));
  keyed.sort((a, b) => {
    if (Number.isNaN(a.key) || Number.isNaN(b.key)) return (Number.isNaN(a.key) ? 1 : 0) - (Number.isNaN(b.key) ? 1 : 0) || byId(a.paper, b.paper);
    return sign * (a.key - b.key) || byId(a.paper, b.paper);
  });
  return keyed.map((item) => item.paper.id);
}

/** Whether a paper with these tag keys passes the query's tag filter (`wanted`: its tag keys, none = no filter). */
export function hasWantedTags(keys: readonly string[], wanted: readonly string[], mode: LibraryQuery['tagMode']): boolean {
  if (wanted.length === 0) return true;
  return mode === 'all' ? wanted.every((key) => keys.includes(key)) : wanted.some((key) => keys.includes(key));
}

/** `2017-06-12` → 20170612, as lib/search/sort.ts orders publication dates. */
function publishedNumber(date: string): number {
  return date === '' ? Number.NaN : Number(date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10));
}
