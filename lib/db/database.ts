import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { QueueEntry } from '../metadata/queue-store';
import type { AutoBackup, AutoBackupFile } from './auto-backups';
import type { PaperRecord } from '../paper/model';
import type { SettingsRow } from '../settings';
import { LIBRARY_DATABASE_NAME } from './newest-saved';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema';
import { operationLogMiddleware, type OperationRow, type SyncStateRow } from './operation-log';
import { SEARCH_INDEX_VERSION, searchIndexMiddleware } from './search-index';
import { WORD_INDEX_VERSION, wordIndexMiddleware, type VocabularyMemory } from './word-index';

export const DEFAULT_DATABASE_NAME = LIBRARY_DATABASE_NAME;

export interface PapershelfDatabaseOptions {
  /**
   * Declare only the schema versions up to this one. Tests use it to open the database as an older
   * release of the extension would, write, close, and reopen at the latest to exercise the upgrade.
   */
  upToVersion?: number;
  /** An IndexedDB implementation other than the global one (fake-indexeddb in tests). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /**
   * What this database's writers remember of the search index's vocabulary (lib/db/word-index.ts);
   * by default, what the page or worker remembers. Tests give two databases their own, as two pages have.
   */
  vocabularyMemory?: VocabularyMemory;
  /** Hears of every write that recorded sync operations (the sync service schedules a round). */
  onOperationsRecorded?: () => void;
}

/**
 * The library. Saved = `savedAt` present, hidden = `hiddenAt` present (see PaperRecordSchema).
 * Only PaperRepository writes through it; extension pages may read it (e.g. inside liveQuery).
 */
export class PapershelfDatabase extends Dexie {
  // `declare`: Dexie creates the table property in `stores()`; a class field would overwrite it.
  declare readonly papers: Table<PaperRecord, string>;
  /** Since schema v2. */
  declare readonly settings: Table<SettingsRow, string>;
  /** Papers waiting for metadata enrichment (lib/metadata/queue.ts); since schema v3. */
  declare readonly enrichment: Table<QueueEntry, string>;
  /** The library as it was before each Replace (lib/db/auto-backups.ts); since schema v4. */
  declare readonly backups: Table<AutoBackup, number>;
  /** Each automatic backup's file, under the same id as its entry in `backups`; since schema v4. */
  declare readonly backupFiles: Table<AutoBackupFile, number>;
  /** Sync's operation log (lib/db/operation-log.ts); since schema v5. */
  declare readonly syncOps: Table<OperationRow, string>;
  /** This device's sync state: id, clock, connection, files uploaded and merged; since schema v5. */
  declare readonly syncState: Table<SyncStateRow, string>;

  /** The IDBKeyRange of the IndexedDB in use, for the few reads made below Dexie (LiveLibrary). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name: string = DEFAULT_DATABASE_NAME, options: PapershelfDatabaseOptions = {}) {
    const upToVersion = options.upToVersion ?? LATEST_SCHEMA_VERSION;
    const versions = SCHEMA_VERSIONS.filter((entry) => entry.version <= upToVersion);
    if (versions.length === 0) throw new RangeError(`No Papershelf schema version is ≤ ${upToVersion}.`);

    // Only pass the overrides that are set: Dexie spreads its options over its defaults, so an
    // explicit `undefined` would erase the global indexedDB.
    // 'strict': a write is reported done only once it is on disk. Chromium's default lets a
    // confirmed write vanish when the browser quits soon after; a library must not lose a save.
    const dexieOptions: DexieOptions = { chromeTransactionDurability: 'strict' };
    if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
    super(name, dexieOptions);
    this.keyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange;

    for (const entry of versions) {
      const version = this.version(entry.version).stores(entry.stores);
      if (entry.upgrade) version.upgrade(entry.upgrade);
    }
    // Every write to papers, settings and rules is recorded for sync in its own transaction.
    this.use(operationLogMiddleware(options.onOperationsRecorded));
    // Every write to `papers` keeps the search index in the same transaction, in the layout of the
    // version opened (v8's since v8, v6's before).
    if (upToVersion >= WORD_INDEX_VERSION) this.use(wordIndexMiddleware(options.vocabularyMemory));
    else if (upToVersion >= SEARCH_INDEX_VERSION) this.use(searchIndexMiddleware());
  }
}
