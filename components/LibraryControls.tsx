import type { RefObject, TargetedKeyboardEvent } from 'preact';
import { naturalDirection, type LibraryQuery, type ShowCounts, type SortDirection, type SortKey } from '../lib/search';
import { tagKey, type TagCount } from '../lib/paper/tags';
import { plural, t } from '../lib/i18n/t';
import { SHOW_LABELS, SHOW_MODES, SORTS } from './control-words';

export interface LibraryControlsProps {
  query: LibraryQuery;
  onQuery(query: LibraryQuery): void;
  /** Undefined until counted. */
  counts: ShowCounts | undefined;
  /** Every tag of the library with its count, most used first (tagCounts). */
  tags: readonly TagCount[];
  searchRef?: RefObject<HTMLInputElement | null>;
  /** ArrowDown in the search box: the page moves focus into the list. */
  onSearchArrowDown?(): void;
}

/**
 * Search, which papers to show, the order, and a tag filter: the library's query, edited. Props in,
 * callbacks out. Picked tags stay listed (and can be unpicked) even when no paper has them any more.
 */
export function LibraryControls({ query, onQuery, counts, tags, searchRef, onSearchArrowDown }: LibraryControlsProps) {
  const set = (change: Partial<LibraryQuery>) => onQuery({ ...query, ...change });
  const picked = new Set(query.tags.map(tagKey));
  const shownTags = [...tags, ...query.tags.filter((tag) => !tags.some((known) => tagKey(known.tag) === tagKey(tag))).map((tag) => ({ tag, count: 0 }))];

  const toggleTag = (tag: string) => {
    const key = tagKey(tag);
    set({ tags: picked.has(key) ? query.tags.filter((other) => tagKey(other) !== key) : [...query.tags, tag] });
  };

  const onSearchKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && onSearchArrowDown) {
      event.preventDefault();
      onSearchArrowDown();
    }
  };

  return (
    <div class="controls">
      <input
        ref={searchRef}
        class="search"
        type="search"
        aria-label={t('searchPapers')}
        placeholder={t('searchTitleAuthorsAbstractArxivId')}
        autocomplete="off"
        spellcheck={false}
        value={query.text}
        onInput={(event) => set({ text: event.currentTarget.value })}
        onKeyDown={onSearchKeyDown}
      />
      <div class="control-row">
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('show')}</legend>
          {SHOW_MODES.map((show) => (
            <label key={show} class={query.show === show ? 'segment on' : 'segment'}>
              <input type="radio" name="show" value={show} checked={query.show === show} onChange={() => set({ show })} />
              {t(SHOW_LABELS[show])}
              {counts && <span class="segment-count"> {counts[show].toLocaleString('en')}</span>}
            </label>
          ))}
        </fieldset>
        <select
          class="sort"
          aria-label={t('sort')}
          value={`${query.sort} ${query.direction}`}
          onChange={(event) => {
            const [sort, direction] = event.currentTarget.value.split(' ') as [SortKey, SortDirection];
            set({ sort, direction: direction ?? naturalDirection(sort) });
          }}
        >
          {SORTS.map(({ sort, direction, label, hiddenLabel }) => (
            <option key={`${sort} ${direction}`} value={`${sort} ${direction}`}>
              {t(query.show === 'hidden' && hiddenLabel ? hiddenLabel : label)}
            </option>
          ))}
        </select>
      </div>
      {shownTags.length > 0 && (
        <div class="tag-filter">
          <div class="tag-chips" role="group" aria-label={t('filterByTags')}>
            {shownTags.map(({ tag, count }) => (
              <button key={tagKey(tag)} type="button" class="filter-chip" aria-pressed={picked.has(tagKey(tag))} onClick={() => toggleTag(tag)}>
                {tag} <span aria-hidden="true">{count}</span>
                <span class="visually-hidden"> ({plural(count, 'paperCountOne', 'paperCountMany', String(count))})</span>
              </button>
            ))}
          </div>
          <fieldset class="segmented tag-mode" disabled={query.tags.length < 2}>
            <legend class="visually-hidden">{t('papersWith')}</legend>
            <label class={query.tagMode === 'all' ? 'segment on' : 'segment'}>
              <input type="radio" name="tag-mode" value="all" checked={query.tagMode === 'all'} onChange={() => set({ tagMode: 'all' })} />
              {t('allTags')}
            </label>
            <label class={query.tagMode === 'any' ? 'segment on' : 'segment'}>
              <input type="radio" name="tag-mode" value="any" checked={query.tagMode === 'any'} onChange={() => set({ tagMode: 'any' })} />
              {t('anyTag')}
            </label>
          </fieldset>
        </div>
      )}
    </div>
  );
}
