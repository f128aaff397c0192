// The library's queries, pure and fast at 100,000 papers: used by the popup and the library page.
export { foldText } from '../text/fold';
export {
  DEFAULT_QUERY,
  filterPapers,
  isShown,
  isNewestSavedView,
  isUnfiltered,
  queryKey,
  LibraryFilter,
  naturalDirection,
  showCounts,
  type LibraryQuery,
  type ShowCounts,
  type ShowMode,
  type SortDirection,
  type SortKey,
  type TagMode,
} from './query';
export { compileWords, hasWords, prepareSearch, queryWords, searchEntry, type SearchEntry, type WordQuery } from './search-text';
export { dateKept, sortedPapers, titleSortKey } from './sort';
