import type { ComponentChildren } from 'preact';
import { isUnfiltered, type LibraryQuery } from '../lib/search';

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
    return <p class="empty">{query.show === 'hidden' ? 'No hidden papers.' : query.show === 'saved' ? 'No saved papers: they are all hidden or unsaved.' : 'No papers.'}</p>;
  }
  const text = query.text.trim();
  const tags = query.tags.length > 0 ? ` with ${query.tagMode === 'all' ? 'all of' : 'any of'} the tags ${query.tags.join(', ')}` : '';
  return (
    <div class="empty">
      <p>
        No papers match{text ? ` “${text}”` : ''}
        {tags}.
      </p>
      <button type="button" class="button" onClick={onClear}>
        Clear search and tags
      </button>
    </div>
  );
}
