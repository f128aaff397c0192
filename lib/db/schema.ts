import type { Transaction } from 'dexie';
import { missingFields } from '../metadata/completeness';
import type { QueueEntry } from '../metadata/queue-store';
import type { PaperRecord } from '../paper/model';
import { assignMissingKeys } from './citation-keys';
import { buildSearchIndex, SEARCH_INDEX_TABLE } from './search-index';
import { packPaperBuckets } from './packed-buckets-upgrade';
import { tagPaperIds } from './paper-id-upgrade';
import { buildWordIndex, PAPER_BUCKETS_TABLE, VOCABULARY_TABLE } from './word-index';

/**
 * One entry per IndexedDB schema version the library has ever had.
 *
 * APPEND-ONLY: a version that shipped is never edited or removed, because a browser that last ran
 * it still holds data in that shape and Dexie upgrades from it step by step. To change the schema,
 * append a new entry (next version number, today's date, what changed and why), give it an
 * `upgrade` when existing records must be rewritten, and add a test that opens the previous version
 * with `new PapershelfDatabase(name, { upToVersion })`, writes, reopens at the latest and asserts.
 */
export interface SchemaVersion {
  version: number;
  /** When the version was introduced, `YYYY-MM-DD`. */
  date: string;
  note: string;
  /** Dexie store specs: primary key first, then indexes; `null` deletes a store. */
  stores: Readonly<Record<string, string | null>>;
  /** Rewrites records written by the previous version; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

// Changelog
// v1 (2026-11-27): the first library. `savedAt` and `hiddenAt` are sparse indexes (present only
//   while saved / hidden) because IndexedDB cannot index booleans; `*tags` is multi-entry for the
//   tag filter; `updatedAt` for "recently changed" and sync/export later.
// v2 (2026-11-27): citation keys. `&citationKey` is a unique index, so two papers can never share
//   a key; records from v1 get their keys in the upgrade, oldest first, so the keys of a library
//   are the same whichever browser upgrades it. A `settings` table holds the user's settings.
// v3 (2026-11-27): metadata enrichment. An `enrichment` table is the persistent queue of papers
//   waiting for arXiv / Hugging Face metadata, keyed by paper id, with `nextAttemptAt` indexed for
//   "what is due"; its meta row (time of the last request) lives in `settings` under
//   'enrichment-meta'. Records may now carry `fieldSources` and `userEdited` (optional, no index,
//   nothing to rewrite). The upgrade queues the saved papers that lack metadata, so a library
//   saved before enrichment existed is completed too; other tables are left as they were.
// v4 (2026-12-05): automatic backups. Restoring a backup with Replace first keeps the library it
//   overwrites: `backups` lists them (auto-increment id, `takenAt` indexed for pruning) and
//   `backupFiles` holds each one's file under the same id, apart, so listing them on the library
//   page never loads megabytes of papers. Nothing to rewrite.
// v5 (2026-12-05): sync (issue #15). `syncOps` is the operation log: every change to papers,
//   settings and rules while sync is connected, keyed by clock (+ what it changes), indexed by
//   `target` (the paper, or `setting:<key>`) so a merge refolds one paper's history, and by the
//   sparse `pending` (present until uploaded). `syncState` holds this device's id, clock, the
//   connection and which files are uploaded or merged. Both start empty: nothing is recorded until
//   the user connects, and connecting records the library as it is then. Nothing to rewrite.
// v6 (2026-12-05): the saved papers' search index. `searchBuckets` holds the words, tags and sort
//   keys of every saved paper in 128 buckets keyed by number (lib/search/search-buckets.ts), kept
//   on every write to `papers` by one DBCore middleware (lib/db/search-index.ts), so a page answers
//   a search over every saved paper within moments of opening instead of reading them all first.
//   The upgrade builds it from the saved papers (hidden ones are not read).
// v7 (2026-12-05): tagged paper ids (issue #14). A paper's primary key is its PaperId, the kind of
//   id and the id (`arxiv:2409.12345`, lib/paper/paper-id.ts), so papers whose id is not an arXiv
//   id (a DOI, an OpenReview id) can be stored later. No store changes shape; the upgrade moves
//   every record of `papers` and `enrichment` to its tagged key (a primary key cannot be changed
//   in place: delete and put, in key-order batches), rewrites the paper ids in `syncOps` rows
//   (key, target, operation) and rebuilds the search index under the new ids. Settings, rules,
//   sync state and automatic backups hold no paper ids (old backups are read as they are).
// v8 (2026-12-06): the search index in a layout a page reads in moments (lib/search/word-index.ts):
//   one vocabulary for every paper (`searchWords`: a head with its id and size, then chunks of
//   2,048 words, append-only) and the saved papers in 512 buckets (`searchPapers`), each paper's
//   words as sorted word numbers written as differences, 7 bits a byte. v6's buckets each kept
//   their own word list (11 MB at 5,000 saved papers, 71 MB at 50,000, in records Chromium stored
//   as files of their own); this holds the same in ~3 MB and ~20 MB, records under 64 KB. The
//   upgrade builds it from the saved papers (hidden ones are not read) and drops `searchBuckets`.
// v9 (2026-12-06): the search index's buckets packed (lib/search/packed-strings.ts): each bucket's
//   ids, publication dates, title keys and tag keys as one string per field with the offsets where
//   each ends, its save dates as one Float64Array. A popup opening at 50,000 saved papers read
//   ~200,000 separate strings and arrays from v8's 512 buckets, and IndexedDB rebuilding them one
//   by one took 117 ms of a search typed at open; packed, a bucket is a handful of values. The
//   upgrade rewrites the 512 buckets and reads no paper. No store changes shape.
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = Object.freeze<SchemaVersion[]>([
  {
    version: 1,
    date: '2026-11-27',
    note: 'Papers keyed by canonical arXiv id; sparse savedAt/hiddenAt, multi-entry tags, updatedAt.',
    stores: { papers: 'id, savedAt, hiddenAt, *tags, updatedAt' },
  },
  {
    version: 2,
    date: '2026-11-27',
    note: 'Unique citation keys, assigned once per paper (v1 records get theirs in the upgrade); settings.',
    stores: { papers: 'id, savedAt, hiddenAt, *tags, updatedAt, &citationKey', settings: 'key' },
    upgrade: async (tx) => {
      const papers = tx.table<PaperRecord, string>('papers');
      const keys = assignMissingKeys(await papers.toArray());
      for (const [id, citationKey] of keys) await papers.update(id, { citationKey });
    },
  },
  {
    version: 3,
    date: '2026-11-27',
    note: 'Enrichment queue (id, nextAttemptAt); saved papers lacking metadata are queued in the upgrade.',
    // Dexie keeps the tables a version does not name: only the new one is listed.
    stores: { enrichment: 'id, nextAttemptAt' },
    upgrade: async (tx) => {
      const papers = await tx.table<PaperRecord, string>('papers').toArray();
      const now = Date.now();
      const entries: QueueEntry[] = papers
        .filter((paper) => paper.savedAt !== undefined && missingFields(paper).length > 0)
        .map((paper) => ({ id: paper.id, addedAt: now, attempts: 0, nextAttemptAt: now, source: 'arxiv-api' }));
      await tx.table<QueueEntry, string>('enrichment').bulkPut(entries);
    },
  },
  {
    version: 4,
    date: '2026-12-05',
    note: 'Automatic backups of what a Replace overwrote: `backups` (++id, takenAt) and their files in `backupFiles` (id).',
    stores: { backups: '++id, takenAt', backupFiles: 'id' },
  },
  {
    version: 5,
    date: '2026-12-05',
    note: 'Sync: the operation log `syncOps` (key, target, sparse pending) and `syncState` (key).',
    stores: { syncOps: 'key, target, pending', syncState: 'key' },
  },
  {
    version: 6,
    date: '2026-12-05',
    note: "The saved papers' search index in buckets (`searchBuckets`, keyed by bucket number), kept on write by a middleware; built in the upgrade.",
    stores: { [SEARCH_INDEX_TABLE]: 'bucket' },
    upgrade: buildSearchIndex,
  },
  {
    version: 7,
    date: '2026-12-05',
    note: 'Tagged paper ids (`arxiv:2409.12345`): papers, the enrichment queue and the operation log move to them; the search index is rebuilt.',
    // The same stores: Dexie needs a version's stores, and these are v6's, unchanged.
    stores: {},
    upgrade: tagPaperIds,
  },
  {
    version: 8,
    date: '2026-12-06',
    note: 'The search index as one shared vocabulary (`searchWords`) and 512 buckets of papers with their word numbers packed (`searchPapers`); `searchBuckets` dropped. Built in the upgrade.',
    stores: { [VOCABULARY_TABLE]: 'chunk', [PAPER_BUCKETS_TABLE]: 'bucket', [SEARCH_INDEX_TABLE]: null },
    upgrade: buildWordIndex,
  },
  {
    version: 9,
    date: '2026-12-06',
    note: "The search index's buckets packed: each string field one string with its ends, save dates one Float64Array. Rewritten in the upgrade.",
    stores: {},
    upgrade: packPaperBuckets,
  },
]);

export const LATEST_SCHEMA_VERSION: number = Math.max(...SCHEMA_VERSIONS.map((entry) => entry.version));
