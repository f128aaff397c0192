import type { PaperRecord } from '../paper/model';
import type { PaperBucket, StoredWordIndex, VocabularyRecord } from '../search/word-index';
import { LIBRARY_DATABASE_NAME } from './newest-saved';
import { requested, withLibrary } from './library-connection';
import { isPackedBucket, PAPER_BUCKETS_TABLE, VOCABULARY_TABLE } from './word-index-stores';

/**
 * The stored search index (lib/db/word-index.ts) and papers by key, read with plain IndexedDB:
 * what the popup answers a search with before Dexie, which it loads after its first paint, is
 * even there. main.tsx starts the index's read right after the first rows' read, so a search
 * typed at once finds the whole index in memory or on its way.
 *
 * Like readNewestSaved, it never creates or upgrades the library (opened without a version; a
 * missing library is left missing), closes its connection after each read, and answers undefined
 * instead of failing: the popup then searches the saved papers as it reads them.
 */
export class EarlySearchIndex {
  private stored: Promise<StoredWordIndex | undefined> | undefined;

  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = LIBRARY_DATABASE_NAME,
  ) {}

  /**
   * The whole index, its vocabulary and buckets in one transaction (read once, kept until
   * `release`); undefined when the library has none in schema v9's layout (a library not yet upgraded).
   */
  index(): Promise<StoredWordIndex | undefined> {
    this.stored ??= withLibrary(this.factory, this.name, async (db) => {
      if (!db.objectStoreNames.contains(VOCABULARY_TABLE) || !db.objectStoreNames.contains(PAPER_BUCKETS_TABLE)) return undefined;
      const tx = db.transaction([VOCABULARY_TABLE, PAPER_BUCKETS_TABLE], 'readonly');
      const [vocabulary, buckets] = await Promise.all([
        requested(tx.objectStore(VOCABULARY_TABLE).getAll()) as Promise<VocabularyRecord[]>,
        requested(tx.objectStore(PAPER_BUCKETS_TABLE).getAll()) as Promise<PaperBucket[]>,
      ]);
      // A library the background has not upgraded to v9 yet (the popup opened first) holds v8's
      // buckets: searched from the papers instead, as a library without an index is.
      return buckets.every(isPackedBucket) ? { vocabulary, buckets } : undefined;
    });
    return this.stored;
  }

  /** The records of `ids`, in that order (one transaction); those no longer there are left out. */
  async papers(ids: readonly string[]): Promise<PaperRecord[] | undefined> {
    if (ids.length === 0) return [];
    return withLibrary(this.factory, this.name, async (db) => {
      const store = db.transaction('papers', 'readonly').objectStore('papers');
      const records = await Promise.all(ids.map((id) => requested(store.get(id)) as Promise<PaperRecord | undefined>));
      return records.filter((record): record is PaperRecord => record !== undefined);
    });
  }

  /** Drops the index from memory: the page searches its own papers from now on. */
  release(): void {
    this.stored = undefined;
  }
}

