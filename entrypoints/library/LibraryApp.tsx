import { useMemo, useRef, useState } from 'preact/hooks';
import { SectionNav, type NavLink } from '../../components/library/SectionNav';
import { tagCounts } from '../../lib/db/queries';
import type { EarlySearchIndex } from '../../lib/db/search-index-early';
import { DEFAULT_QUERY, sortedPapers, type LibraryQuery } from '../../lib/search';
import type { PaperRecord } from '../../lib/paper/model';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_KEY } from '../../lib/settings';
import { LiveLibrary, type LibrarySnapshot } from '../../lib/ui/live-library';
import { maxInMemoryAsked } from '../../lib/ui/paged-papers';
import { useLiveLibrary } from '../../lib/ui/use-live-library';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { BackupSection } from './BackupSection';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { db } from '../../lib/library-page/library-db';
import { afterExports } from '../../lib/library-page/export-gate';
import { MetadataSection } from './MetadataSection';
import { PapersSection } from './PapersSection';
import { RulesSection } from './RulesSection';
import { SettingsSection } from './SettingsSection';
import { SyncSection } from './SyncSection';
import { TagsSection } from './TagsSection';
import { t, type MessageKey } from '../../lib/i18n/t';

// Like the popup, this page reads the library directly and asks the background for every write.

/** Each section's heading id and the message that names it (its heading says the same). */
const SECTIONS: ReadonlyArray<{ target: string; label: MessageKey }> = [
  { target: 'papers-heading', label: 'papers' },
  { target: 'tags-heading', label: 'tags' },
  { target: 'import-heading', label: 'import' },
  { target: 'backup-heading', label: 'backup' },
  { target: 'sync-heading', label: 'sync' },
  { target: 'export-heading', label: 'export' },
  { target: 'metadata-heading', label: 'metadata' },
  { target: 'rules-heading', label: 'rules' },
  { target: 'settings-heading', label: 'settings' },
];

/** The newest saved papers the first paint shows: the Papers list's first screenful and overscan. */
const FIRST_SCREEN = 14;

/**
 * The full-page library. The whole library is held once (LiveLibrary: the first screenful at once,
 * everything in chunks after, then only the records each write names) and shared by the sections
 * that list papers; the filter lives here because the Tags section sets it too.
 */
export function LibraryApp({ searchIndex }: { searchIndex?: EarlySearchIndex }) {
  // Its chunks wait while an export runs (lib/library-page/export-gate.ts).
  const library = useLiveLibrary((pacing) => new LiveLibrary(db, { firstScreen: FIRST_SCREEN, ...maxInMemoryAsked(), ...pacing, pause: () => afterExports().then(pacing.pause) }));
  const tags = useLiveQuery(() => tagCounts(db), []);
  const stored = useLiveQuery(async () => readSettings(await db.settings.get(SETTINGS_KEY)), []);
  const settings = stored.status === 'ready' ? stored.value : undefined;
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY);
  const search = useRef<HTMLInputElement>(null);
  const saved = useSavedPapers(library);

  const showTag = (tag: string) => {
    // Every paper with the tag, hidden ones too: the count beside the tag counts them all.
    setQuery({ ...DEFAULT_QUERY, show: 'all', tags: [tag] });
    document.getElementById('papers-heading')?.scrollIntoView({ block: 'start' });
    search.current?.focus({ preventScroll: true });
  };

  return (
    <main>
      <header class="page-header">
        <h1>{t('papershelfLibrary')}</h1>
        {library.counts && (
          <p class="muted">
            {t(library.counts.all === 1 ? 'libraryCountsOne' : 'libraryCounts', library.counts.all, library.counts.saved)}
          </p>
        )}
        {!library.counts && library.phase !== 'error' && <p class="muted">{t('openingYourLibrary')}</p>}
        <SectionNav label={t('sections')} links={SECTIONS.map(({ target, label }) => ({ target, label: t(label) }))} />
      </header>
      {library.phase === 'error' && (
        <p class="problem" role="alert">
          {t('couldNotOpenLibrary', library.error ?? '')}
        </p>
      )}
      <PapersSection
        library={library}
        tags={tags.status === 'ready' ? tags.value : undefined}
        settings={settings ?? DEFAULT_SETTINGS}
        query={query}
        onQuery={setQuery}
        searchRef={search}
        searchIndex={searchIndex}
      />
      <TagsSection tags={tags} onShowTag={showTag} />
      <ImportSection librarySize={library.counts?.all} />
      <BackupSection />
      <SyncSection />
      <ExportSection saved={saved} settings={settings ?? DEFAULT_SETTINGS} />
      <MetadataSection saved={saved} />
      <RulesSection />
      <SettingsSection stored={settings} />
    </main>
  );
}

/**
 * Every saved paper, most recently saved first (what the Export section lists); undefined until
 * the library has read them all.
 */
function useSavedPapers(library: LibrarySnapshot): readonly PaperRecord[] | undefined {
  const { phase, papers } = library;
  return useMemo(() => {
    if (phase !== 'saved' && phase !== 'complete') return undefined;
    // sortedPapers keeps every paper (the view filters); its order is cached per papers array.
    return sortedPapers(papers, 'saved', 'desc', 'saved').filter((paper) => paper.savedAt !== undefined);
  }, [phase, papers]);
}
