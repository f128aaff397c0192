import type { ShowMode, SortDirection, SortKey } from '../lib/search/query';
import type { MessageKey } from '../lib/i18n/t';

// The library controls' choices and their words (LibraryControls), in a module of their own so that
// the popup's first screen (components/popup-first-screen.ts) names them without loading the search code.

/** The views, in their order on screen. */
export const SHOW_MODES: readonly ShowMode[] = ['saved', 'hidden', 'all'];

export const SHOW_LABELS: Readonly<Record<ShowMode, MessageKey>> = { saved: 'showSaved', hidden: 'showHidden', all: 'showAll' };

/** The sort choices, each with its direction, in words. */
export const SORTS: ReadonlyArray<{ sort: SortKey; direction: SortDirection; label: MessageKey; hiddenLabel?: MessageKey }> = [
  { sort: 'saved', direction: 'desc', label: 'sortSavedNewest', hiddenLabel: 'sortHiddenNewest' },
  { sort: 'saved', direction: 'asc', label: 'sortSavedOldest', hiddenLabel: 'sortHiddenOldest' },
  { sort: 'published', direction: 'desc', label: 'sortPublishedNewest' },
  { sort: 'published', direction: 'asc', label: 'sortPublishedOldest' },
  { sort: 'title', direction: 'asc', label: 'sortTitleAToZ' },
  { sort: 'title', direction: 'desc', label: 'sortTitleZToA' },
];
