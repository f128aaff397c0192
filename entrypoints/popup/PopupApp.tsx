import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LibraryControls } from '../../components/LibraryControls';
import { countLine, searchFacts, viewTotal } from '../../components/count-line';
import { EmptyList } from '../../components/EmptyList';
import { PaperRow } from '../../components/PaperRow';
import { TagEditor } from '../../components/TagEditor';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { tagCounts } from '../../lib/db/queries';
import { DEFAULT_QUERY, isNewestSavedView, isUnfiltered, queryKey, type LibraryQuery } from '../../lib/search';
import type { PaperRecord } from '../../lib/paper/model';
import { useSavedViewIndex } from '../../lib/ui/use-indexed-search';
import type { EarlySearchIndex } from '../../lib/db/search-index-early';
import { useLibraryFilter } from '../../lib/ui/use-library-filter';
import { maxInMemoryAsked, PAGE_SIZE } from '../../lib/ui/paged-papers';
import { useLibraryView } from '../../lib/ui/use-library-view';
import { useLiveLibrary } from '../../lib/ui/use-live-library';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { useLoaded } from '../../lib/ui/use-loaded';
import { afterNextPaint } from '../../lib/ui/next-task';
import { usePaperActions } from '../../lib/popup/use-paper-actions';
import { SyncState } from '../../components/SyncState';
import { useSyncState } from '../../lib/popup/use-sync-state';
import { t } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';
import { FIRST_SCREEN, LIST_HEIGHT, LIST_OVERSCAN, ROW_HEIGHT } from '../../lib/popup/popup-layout';

/** Matches a search answered from the index shows before the saved papers are all read: a few screens. */
const INDEXED_ROWS = 200;

/**
 * Dexie and the live library, loaded once the early rows are painted: loading them earlier took
 * the page's thread from the early read's callbacks and delayed the first rows (measured: ~200 ms
 * instead of ~20 ms after the script started).
 */
function loadLibraryCode(early: Promise<unknown> | undefined): Promise<typeof import('../../lib/popup/popup-library')> {
  return Promise.resolve(early)
    .catch(() => undefined)
    .then(afterNextPaint)
    .then(() => import('../../lib/popup/popup-library'));
}

export interface PopupAppProps {
  /** The newest saved papers, read by main.tsx before this code even ran (lib/db/newest-saved.ts). */
  early?: Promise<readonly PaperRecord[] | undefined>;
  /** The last popup's first screen (lib/popup/first-screen-cache.ts), painted until `early` answers. */
  cached?: readonly PaperRecord[];
  /** The stored search index, its read started by main.tsx (lib/db/search-index-early.ts). */
  searchIndex?: EarlySearchIndex;
  /** What was typed in the first frame's search box (main.tsx) before this code ran: the first query. */
  typed?: string;
}

/**
 * Loading (see lib/ui/live-library.ts): the popup paints its default view (saved papers, newest
 * first) from one small plain-IndexedDB read of the first screenful that main.tsx starts before
 * anything else; Dexie and the live library load meanwhile, read every saved paper (the default
 * view is then searchable), then every paper in growing chunks for the other views, and from then
 * on read only the records that writes name. Zod, the protocol and the BibTeX exporter load after
 * the first paint (use-paper-actions.ts).
 *
 * Why not one `toArray()`, kept live: at 100,000 papers (synthetic, arXiv-shaped, ~1 KB abstracts,
 * half hidden) one `getAll()` of the papers store took 9–13 s in Chromium on this machine before
 * anything could show, and liveQuery would run it again after every Save in any tab. The first rows
 * cost the same at any size: page start-up and one small read. `npm run bench` measures both, with
 * keystrokes, tag filters and memory, at 1,000, 10,000 and 100,000 papers (scripts/bench-popup.ts).
 */
export function PopupApp({ early, cached, searchIndex, typed = '' }: PopupAppProps) {
  const code = useLoaded(() => loadLibraryCode(early));
  const loaded = code.status === 'ready' ? code.value : undefined;
  const library = useLiveLibrary(loaded && ((pacing) => new loaded.LiveLibrary(loaded.db, { firstScreen: FIRST_SCREEN, memoryForm: loaded.withoutAbstract, ...maxInMemoryAsked(), ...pacing })), early, cached);
  // The tag chips once every saved paper is read: counting a tag walks its index entries, and
  // IndexedDB serves one request at a time, so counting first held back the rows and the search.
  const tagsDue = library.phase === 'saved' || library.phase === 'complete';
  const tags = useLiveQuery(loaded && tagsDue ? () => tagCounts(loaded.db) : undefined, [loaded, tagsDue]);
  const actions = usePaperActions(loaded !== undefined);
  const sync = useSyncState(loaded !== undefined);

  const [query, setQuery] = useState<LibraryQuery>(() => (typed ? { ...DEFAULT_QUERY, text: typed } : DEFAULT_QUERY));
  const [editing, setEditing] = useState<{ paper: PaperRecord; index: number; tags: string[] }>();
  const list = useRef<VirtualListHandle | null>(null);
  const search = useRef<HTMLInputElement>(null);

  // The search box has the focus when the popup opens: typing is the first thing most users do.
  useLayoutEffect(() => search.current?.focus(), []);

  // The hidden and "all" views page through the records until the library is held whole (never,
  // in a library too large to hold); searchable once the view is in memory.
  const view = useLibraryView(library, query, loaded, FIRST_SCREEN);
  const { paged, pages, searchable } = view;
  const isDefaultView = isNewestSavedView(query);
  // Before that, a search of the saved view is answered from the search index stored with the
  // library (complete at once: at 50,000 saved papers reading them takes seconds, and a user types
  // at once); until the index has answered, from the saved papers read so far, newest first...
  const savedInMemory = library.phase === 'saved' || library.phase === 'complete';
  const indexed = useSavedViewIndex(searchIndex, query, { searchable, savedInMemory, rows: INDEXED_ROWS, firstRows: FIRST_SCREEN });
  const partial = !searchable && !indexed && library.phase === 'first' && query.show === 'saved' && !isDefaultView ? library.partial : undefined;
  const fromPartial = useLibraryFilter(partial, query, FIRST_SCREEN);
  const filtered = partial ? fromPartial : view.filtered;
  // ...and the default view is the first screenful, newest saved first.
  const papers: readonly PaperRecord[] = paged || searchable || partial ? filtered.matches : indexed ? indexed.papers : library.phase === 'first' && isDefaultView ? library.papers : [];
  // Until counted, the saved view knows its total once every saved paper is read (or indexed).
  const total = viewTotal(library, query, searchable) ?? indexed?.saved;

  // For measuring (scripts/bench-popup.ts): the frames that paint the first rows and the
  // complete library.
  const marked = useRef(new Set<string>());
  useLayoutEffect(() => {
    const mark = (name: string) => {
      if (marked.current.has(name)) return;
      marked.current.add(name);
      requestAnimationFrame(() => performance.mark(name));
    };
    if (library.phase !== 'opening') mark('papershelf:popup-first-screen');
    if (library.phase === 'complete') mark('papershelf:popup-complete');
  }, [library.phase]);

  const startEditing = (paper: PaperRecord, index: number) => setEditing({ paper, index, tags: paper.tags });
  const stopEditing = () => {
    const index = editing?.index;
    setEditing(undefined);
    list.current?.focusRow(index);
  };
  const changeTags = async (tags: string[]) => {
    if (!editing) return;
    const before = editing.tags;
    setEditing({ ...editing, tags }); // shown at once; put back if the background refuses
    if (!(await actions.setTags(editing.paper, tags))) setEditing((current) => current && { ...current, tags: before });
  };
  const remove = async (paper: PaperRecord, index: number) => {
    if (await actions.remove(paper)) list.current?.focusRow(index);
  };

  const onRowKey = (paper: PaperRecord, index: number, event: KeyboardEvent): boolean => {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const onRow = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'row';
    switch (event.key) {
      case 'Enter':
        // On a link or a button inside the row, Enter is theirs.
        if (!onRow) return false;
        actions.open(paper);
        return true;
      case 'c':
        void actions.copyBibtex(paper);
        return true;
      case 't':
        startEditing(paper, index);
        return true;
      case 'Delete':
        void remove(paper, index);
        return true;
    }
    return false;
  };

  const exportAll = isUnfiltered(query) && query.show === 'saved';
  const canExport = searchable && filtered.done && papers.length > 0;
  const exportLabel = !searchable ? t('exportBibtex') : t(exportAll ? 'exportBibtexAllSaved' : 'exportBibtexShown', papers.length.toLocaleString('en'));

  return (
    <main>
      <header class="header">
        <h1>{t('extName')}</h1>
        <a class="button" href="/library.html" target="_blank">
          {t('library')}
        </a>
        <button type="button" class="button" disabled={!canExport} onClick={() => actions.exportBibtex(papers)}>
          {exportLabel}
        </button>
      </header>
      <LibraryControls
        query={query}
        onQuery={setQuery}
        counts={library.counts}
        tags={tags.status === 'ready' ? tags.value : []}
        searchRef={search}
        onSearchArrowDown={() => list.current?.focusRow()}
      />
      <p class="count" aria-live="polite">
        {countLine({
          phase: library.phase,
          query,
          ...searchFacts(indexed, { shown: papers.length, done: filtered.done, searchable }),
          total,
          loaded: library.loaded,
          all: library.counts?.all,
          partialRead: partial?.length,
          pagedRead: paged ? view.read : undefined,
        })}
      </p>
      {(library.phase === 'error' || code.status === 'error') && (
        <p class="problem" role="alert">
          {t('couldNotOpenLibrary', (library.phase === 'error' ? library.error : code.status === 'error' ? code.error : '') ?? '')}
        </p>
      )}
      <div class="list-area">
        {papers.length > 0 && (
          <VirtualList
            items={papers}
            label={t('papers')}
            rowHeight={ROW_HEIGHT}
            height={LIST_HEIGHT}
            overscan={LIST_OVERSCAN}
            resetKey={queryKey(query)}
            handle={list}
            onRowKey={onRowKey}
            renderRow={(paper, index, row) => (
              <PaperRow
                paper={paper}
                row={row}
                showState={query.show !== 'saved'}
                copied={actions.copiedId === paper.id}
                onCopyBibtex={(chosen) => void actions.copyBibtex(chosen)}
                onEditTags={(chosen) => startEditing(chosen, index)}
                onDelete={(chosen) => void remove(chosen, index)}
                timing={index === 0 ? 'papershelf-first-row' : undefined}
              />
            )}
          />
        )}
        {paged && !pages.done && (
          <button type="button" class="link-button" disabled={pages.loading} onClick={pages.more}>
            {t('showMore', PAGE_SIZE)}
          </button>
        )}
        {papers.length === 0 && searchable && filtered.done && (
          <EmptyList query={query} libraryEmpty={library.counts?.all === 0} emptyLibrary={<NoPapersYet />} onClear={() => setQuery({ ...DEFAULT_QUERY, show: query.show })} />
        )}
        {editing && (
          <div class="tag-panel">
            <p class="tag-panel-title" aria-hidden="true">
              {t('tagsForPaper', editing.paper.title)}
            </p>
            <TagEditor paperTitle={editing.paper.title} tags={editing.tags} suggestions={tags.status === 'ready' ? tags.value : undefined} onChange={(next) => void changeTags(next)} onClose={stopEditing} />
          </div>
        )}
      </div>
      {actions.notice?.tone === 'error' && (
        <p class="problem" role="alert">
          {actions.notice.text}
        </p>
      )}
      <div class="status" role="status">
        {actions.notice?.tone === 'done' && (
          <>
            <span>{actions.notice.text}</span>
            {actions.notice.undo && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  const records = actions.notice?.undo;
                  if (records) void actions.undo(records).then(() => list.current?.focusRow());
                }}
              >
                {t('undo')}
              </button>
            )}
          </>
        )}
      </div>
      <SyncState status={sync.status} now={sync.at} />
    </main>
  );
}


/** The popup of a new user: where papers come from. */
function NoPapersYet() {
  return (
    <>
      <p class="empty-title">{t('noSavedPapersYet')}</p>
      <p>
        {withParts(t('popupEmptyHint', slot(0), slot(1), slot(2)), [
          <a key="hf" href="https://huggingface.co/papers" target="_blank" rel="noreferrer">
            {t('huggingFaceDailyPapers')}
          </a>,
          <a key="arxiv" href="https://arxiv.org/list/cs.LG/new" target="_blank" rel="noreferrer">
            {t('arxivListing')}
          </a>,
          <strong key="save">{t('save')}</strong>,
        ])}
      </p>
    </>
  );
}
