import type { ComponentChildren } from 'preact';
import { isUnfiltered, type LibraryQuery } from '../lib/search';
import { t } from '../lib/i18n/t';

export interface EmptyListProps {
  query: LibraryQuery;
  /** The library holds no paper at all: `emptyLibrary` is shown instead of a "no match". */
  libraryEmpty: boolean;
  /** What to say to a new user; each page points somewhere else (the sites, the import). */
  emptyLibrary: ComponentChildren;
  /** Clears the search and the tags (the view stays). */
  onClear(): void;
}

/** Why the list of the popup or the library page is empty, and the way out when a filter is why. */
export function EmptyList({ query, libraryEmpty, emptyLibrary, onClear }: EmptyListProps) {
  if (libraryEmpty) return <div class="empty">{emptyLibrary}</div>;
  if (isUnfiltered(query)) {
    return <p class="empty">{query.show === 'hidden' ? t('noHiddenPapers') : query.show === 'saved' ? t('noSavedPapersAllHiddenOrUnsaved') : t('noPapers')}</p>;
  }
  const text = query.text.trim();
  const tags = query.tags.length > 0 ? t(query.tagMode === 'all' ? 'withAllOfTheTags' : 'withAnyOfTheTags', query.tags.join(', ')) : '';
  const sentence = text && tags ? t('noPapersMatchTextAndTags', text, tags) : text ? t('noPapersMatchText', text) : tags ? t('noPapersMatchTags', tags) : t('noPapersMatch');
  return (
    <div class="empty">
      <p>{sentence}</p>
      <button type="button" class="button" onClick={onClear}>
        {t('clearSearchAndTags')}
      </button>
    </div>
  );
}
