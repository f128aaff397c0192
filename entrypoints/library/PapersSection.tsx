import type { RefObject } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { BulkActions } from '../../components/library/BulkActions';
import { countLine, searchFacts, viewTotal } from '../../components/count-line';
import { EmptyList } from '../../components/EmptyList';
import { LibraryPaperRow } from '../../components/library/LibraryPaperRow';
import { PaperDetails } from '../../components/library/PaperDetails';
import { WorkStatus } from '../../components/library/WorkStatus';
import { LibraryControls } from '../../components/LibraryControls';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { DEFAULT_QUERY, isNewestSavedView, queryKey, sortedPapers, type LibraryQuery } from '../../lib/search';
import type { PaperRecord } from '../../lib/paper/model';
import { groupTagCounts, tagKey, type TagCount } from '../../lib/paper/tags';
import type { EarlySearchIndex } from '../../lib/db/search-index-early';
import type { Settings } from '../../lib/settings';
import { downloadBibtex } from '../../lib/ui/export-bibtex';
import type { LibrarySnapshot } from '../../lib/ui/live-library';
import { PAGE_SIZE } from '../../lib/ui/paged-papers';
import { useSavedViewIndex } from '../../lib/ui/use-indexed-search';
import { useLibraryView } from '../../lib/ui/use-library-view';
import { pagedSource } from '../../lib/library-page/library-db';
import { copyBibtex } from '../../lib/library-page/paper-actions';
import { addTagWork, deleteWork, papers as paperCount, removeTagWork, unhideWork, unsaveWork, type Work } from '../../lib/library-page/library-work';
import { chosenPapers, countNotShown, EMPTY_SELECTION, heldPapers, rangeToggled, toggled, withAll } from '../../lib/library-page/selection';
import { useLibraryWork, workStatusOf } from '../../lib/library-page/use-library-work';
import { usePaperDetails } from '../../lib/library-page/use-paper-details';
import { t } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';

/** Fixed row height (VirtualList) and list height, in pixels: six rows in view. */
const ROW_HEIGHT = 88;
const LIST_HEIGHT = 6 * ROW_HEIGHT;
/** Rows the first paint needs: a screenful and the list's overscan. */
const FIRST_SCREEN = Math.ceil(LIST_HEIGHT / ROW_HEIGHT) + 8;
/** Rows a search answered from the index shows until the saved papers are read (as the popup). */
const INDEXED_ROWS = 200;

export interface PapersSectionProps {
  library: LibrarySnapshot;
  /** Every tag of the library with its count; undefined until read. */
  tags: readonly TagCount[] | undefined;
  settings: Settings;
  /** The filter lives in the page: the Tags section sets it too. */
  query: LibraryQuery;
  onQuery(query: LibraryQuery): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The stored search index, its read started when the page opened (lib/db/search-index-early.ts). */
  searchIndex?: EarlySearchIndex;
}

/**
 * Everything the popup does, with room: search, show saved, hidden or all papers, sort, filter by
 * tags (the same lib/search filter, a slice at a time), a virtualised list (100,000 papers cost
 * what 20 do), a selection by hand or of everything that matches, and the bulk actions on it. A
 * paper's details (tags, note, citation key, metadata by hand) open beside the list.
 */
export function PapersSection({ library, tags, settings, query, onQuery, searchRef, searchIndex }: PapersSectionProps) {
  const [selection, setSelection] = useState(EMPTY_SELECTION);
  const [copiedId, setCopiedId] = useState<string>();
  const work = useLibraryWork();
  const list = useRef<VirtualListHandle | null>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);

  // As in the popup: the hidden and "all" views page through the records until the library is
  // held whole (never, in a library too large to hold); searchable once the view is in memory.
  const { paged, pages, read, searchable, filtered } = useLibraryView(library, query, pagedSource, FIRST_SCREEN);
  const isDefaultView = isNewestSavedView(query);
  // Before the saved papers are all read (seconds at 50,000), a search of the saved view is answered
  // from the index stored with the library: complete at once, its first rows read by key.
  const savedInMemory = library.phase === 'saved' || library.phase === 'complete';
  const indexed = useSavedViewIndex(searchIndex, query, { searchable, savedInMemory, rows: INDEXED_ROWS, firstRows: FIRST_SCREEN });
  const shown: readonly PaperRecord[] = paged || searchable ? filtered.matches : indexed ? indexed.papers : library.phase === 'first' && isDefaultView ? library.papers : [];
  const total = viewTotal(library, query, searchable) ?? indexed?.saved;
  // `matches` grows in place while the filter runs: its length is part of what the memos depend on.
  const shownCount = shown.length;

  // The selected papers the library holds, in the list's order (so they export as the rows show).
  // Paged: the saved papers held and the pages read so far (a selection can span both views).
  const ordered = useMemo(
    () =>
      paged
        ? heldPapers(pages.papers, library.papers)
        : searchable
          ? sortedPapers(library.papers, query.sort, query.direction, query.show)
          : indexed
            ? heldPapers(indexed.papers, library.papers)
            : library.papers,
    [paged, pages.papers, searchable, indexed, library.papers, query.sort, query.direction, query.show],
  );
  // A paged view's paper opens from its page as well as from the papers held (an indexed row too).
  const details = usePaperDetails(paged || indexed ? ordered : library.papers);
  const chosen = useMemo(() => chosenPapers(selection, ordered), [selection, ordered]);
  const notShown = useMemo(() => (filtered.done ? countNotShown(chosen, shown) : 0), [chosen, shown, shownCount, filtered.done]);
  const facts = useMemo(() => selectionFacts(chosen), [chosen]);

  const run = (next: Work) => void work.start(next);
  const idsOf = (records: readonly PaperRecord[]) => records.map((paper) => paper.id);

  const select = (paper: PaperRecord, on: boolean, range: boolean) =>
    setSelection((current) => (range ? rangeToggled(current, shown, paper.id, on) : toggled(current, paper.id, on)));

  const openDetails = (paper: PaperRecord, editTags = false) => {
    details.open(paper, { editTags });
    // The panel renders next; its heading takes the focus, so the keyboard follows what opened.
    if (!editTags) requestAnimationFrame(() => detailsHeading.current?.focus());
  };
  const closeDetails = () => {
    const index = details.paper ? shown.findIndex((paper) => paper.id === details.paper!.id) : -1;
    details.close();
    list.current?.focusRow(index >= 0 ? index : undefined);
  };

  const copy = async (paper: PaperRecord) => {
    const outcome = await copyBibtex(paper, settings);
    if (outcome.tone === 'done') setCopiedId(paper.id);
    work.say(outcome);
  };

  const exportChosen = (): Work => ({
    label: t('exportingPapers', paperCount(chosen.length)),
    total: chosen.length,
    async run() {
      // Thousands of papers take a moment: the progress line paints before the work starts.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return { tone: 'done', text: downloadBibtex(document, chosen, settings) };
    },
  });

  const onRowKey = (paper: PaperRecord, index: number, event: KeyboardEvent): boolean => {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const onRow = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'row';
    switch (event.key) {
      case ' ':
        // On a button inside the row, Space presses the button.
        if (!onRow) return false;
        select(paper, !selection.ids.has(paper.id), event.shiftKey);
        return true;
      case 'Enter':
        if (!onRow) return false;
        openDetails(paper);
        return true;
      case 'Delete':
        if (!work.busy) run(deleteWork([paper.id], paper.title));
        list.current?.focusRow(index);
        return true;
    }
    return false;
  };

  return (
    <section aria-labelledby="papers-heading" class="papers">
      <h2 id="papers-heading">{t('papers')}</h2>
      <LibraryControls
        query={query}
        onQuery={onQuery}
        counts={library.counts}
        tags={tags ?? []}
        searchRef={searchRef}
        onSearchArrowDown={() => list.current?.focusRow()}
      />
      <p class="count" aria-live="polite">
        {countLine({
          phase: library.phase,
          query,
          ...searchFacts(indexed, { shown: shown.length, done: filtered.done, searchable }),
          total,
          loaded: library.loaded,
          all: library.counts?.all,
          pagedRead: paged ? read : undefined,
        })}
      </p>
      <BulkActions
        selectedCount={chosen.length}
        notShown={notShown}
        matching={(searchable || paged) && filtered.done ? shown.length : undefined}
        hiddenCount={facts.hidden.length}
        savedCount={facts.saved.length}
        suggestions={tags ?? []}
        selectedTags={facts.tags}
        busy={work.busy}
        onSelectAll={() => setSelection((current) => withAll(current, shown))}
        onClear={() => setSelection(EMPTY_SELECTION)}
        onAddTag={(tag) => run(addTagWork(idsOf(chosen), tag))}
        onRemoveTag={(tag) => run(removeTagWork(idsOf(chosen.filter((paper) => paper.tags.some((own) => tagKey(own) === tagKey(tag)))), tag))}
        onUnhide={() => run(unhideWork(idsOf(facts.hidden)))}
        onUnsave={() => run(unsaveWork(idsOf(facts.saved)))}
        onDelete={() => run(deleteWork(idsOf(chosen)))}
        onExport={() => run(exportChosen())}
      />
      <WorkStatus {...workStatusOf(work, () => list.current?.focusRow())} />
      {library.phase === 'error' && (
        <p class="problem" role="alert">
          {t('couldNotReadLibrary', library.error ?? '')}
        </p>
      )}
      <div class={details.paper ? 'papers-body with-details' : 'papers-body'}>
        <div class="list-area">
          {shown.length > 0 && (
            <VirtualList
              items={shown}
              label={t('papers')}
              rowHeight={ROW_HEIGHT}
              height={LIST_HEIGHT}
              resetKey={queryKey(query)}
              handle={list}
              onRowKey={onRowKey}
              renderRow={(paper, _index, row) => (
                <LibraryPaperRow
                  paper={paper}
                  row={row}
                  selected={selection.ids.has(paper.id)}
                  showState={query.show !== 'saved'}
                  copied={copiedId === paper.id}
                  detailsOpen={details.paper?.id === paper.id}
                  onSelect={select}
                  onDetails={(chosenPaper) => (details.paper?.id === chosenPaper.id ? closeDetails() : openDetails(chosenPaper))}
                  onCopyBibtex={(chosenPaper) => void copy(chosenPaper)}
                  onEditTags={(chosenPaper) => openDetails(chosenPaper, true)}
                  onDelete={(chosenPaper) => run(deleteWork([chosenPaper.id], chosenPaper.title))}
                />
              )}
            />
          )}
          {paged && !pages.done && (
            <button type="button" class="link-button" disabled={pages.loading} onClick={pages.more}>
              {t('showMorePapers', PAGE_SIZE.toLocaleString('en'))}
            </button>
          )}
          {shown.length === 0 && searchable && filtered.done && (
            <EmptyList
              query={query}
              libraryEmpty={library.counts?.all === 0}
              emptyLibrary={<p>{t('libraryEmptyHint')}</p>}
              onClear={() => onQuery({ ...DEFAULT_QUERY, show: query.show })}
            />
          )}
          <p class="muted keys-hint">
            {withParts(t('listKeysHint', slot(0), slot(1), slot(2), slot(3), slot(4), slot(5), slot(6)), [
              <kbd key="up">↑</kbd>,
              <kbd key="down">↓</kbd>,
              <kbd key="space">{t('keySpace')}</kbd>,
              <kbd key="shift">{t('keyShift')}</kbd>,
              <kbd key="shift-space">{t('keySpace')}</kbd>,
              <kbd key="enter">{t('keyEnter')}</kbd>,
              <kbd key="delete">{t('keyDelete')}</kbd>,
            ])}
          </p>
        </div>
        {details.paper && (
          <PaperDetails paper={details.paper} tagSuggestions={tags} headingRef={detailsHeading} onClose={closeDetails} {...details.panel} />
        )}
      </div>
    </section>
  );
}

/** What the bulk actions need of the selection: who is hidden, who is saved, which tags it holds. */
function selectionFacts(chosen: readonly PaperRecord[]): { hidden: PaperRecord[]; saved: PaperRecord[]; tags: TagCount[] } {
  const hidden: PaperRecord[] = [];
  const saved: PaperRecord[] = [];
  // Counted per spelling first: a 50,000-paper selection holds a few dozen distinct tags.
  const spellings = new Map<string, number>();
  for (const paper of chosen) {
    if (paper.hiddenAt !== undefined) hidden.push(paper);
    if (paper.savedAt !== undefined) saved.push(paper);
    for (const tag of paper.tags) spellings.set(tag, (spellings.get(tag) ?? 0) + 1);
  }
  return { hidden, saved, tags: groupTagCounts([...spellings].map(([tag, count]) => ({ tag, count }))) };
}

