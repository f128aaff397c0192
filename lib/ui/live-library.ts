import { Dexie, type IntervalTree, type ObservabilitySet } from 'dexie';
import { t } from '../i18n/t';
import type { PapershelfDatabase } from '../db/database';
import { requested } from '../db/library-connection';
import type { IndexWithRecords } from '../db/newest-saved';
import type { PaperRecord } from '../paper/model';
import type { LibrarySnapshot } from './library-snapshot';
import { messageOf } from './message-of';
import { countNumberIndexInSteps, countStoreInSteps } from './stepped-count';

/**
 * The whole library in an extension page's memory, kept current without reading it again.
 *
 * Why not `liveQuery(() => db.papers.toArray())`: liveQuery runs its query again after every
 * write that touches what it read, and a query that read every paper is touched by every write.
 * At 100,000 papers one read costs seconds of CPU (structured clones of ~150 MB; see the numbers
 * in entrypoints/popup/PopupApp.tsx), so a page that re-read on each Save in a listing tab would
 * stutter for as long as the user triages. Instead:
 *
 * 1. `first`: the newest saved papers (one screenful, through the `savedAt` index); the popup
 *    paints its default view from this. Then the saved papers read so far (`partial`, newest
 *    first, searchable) and, when they are read by keys, how many there are (`savedTotal`).
 * 2. `saved`: every saved paper (backward ranges of the `savedAt` index, a chunk per request;
 *    by keys where the browser cannot read a range backwards); the hidden and total counts follow
 *    in their own read (IndexedDB counts by walking an index: hundreds of milliseconds at 100,000
 *    papers, so not before the saved papers).
 *    A library of 100,000 papers is mostly hidden ones: the default view, saved papers,
 *    can be searched long before the rest is read.
 * 3. `complete`: every paper, read in primary-key chunks with a pause between them so the page
 *    stays responsive (the saved papers read already are kept, not replaced), then kept.
 * 4. Every write anywhere in the extension (the background is the only writer) reaches this page
 *    as Dexie's `storagemutated` event, which names the primary keys written: only those records
 *    are read again (`bulkGet`) and patched into a new array. A write that names a key range
 *    instead (a `clear()` before an import that replaces the library) reads everything again.
 *
 * Each snapshot's `papers` is a new array when anything changed and is never mutated afterwards,
 * which is what lib/search's caches (kept per array) rely on.
 */
export type { LibraryPhase, LibrarySnapshot } from './library-snapshot';

export interface LiveLibraryOptions {
  /** How many of the newest saved papers the first snapshot holds. */
  firstScreen?: number;
  /**
   * How many papers the first read takes (each read is one transaction, then a pause); later reads
   * double it up to `maxChunk`. Measured in Chromium at 100,000 papers (scripts/measure-popup-load.ts, earlier version):
   * every range read costs a fixed ~90 ms besides its papers on this machine (500 a read: 27 s in
   * all; 5,000: 12 s; one getAll: 9 s), while one read's papers arrive in one callback that holds
   * the page (4,000 papers: about 0.3 s here). Small first, so the first rows stay quick; larger
   * after, so the whole stays close to one getAll.
   */
  chunk?: number;
  maxChunk?: number;
  /** Waits between two chunks of the full load, so input and painting go first. */
  pause?: () => Promise<void>;
  /** Waits after the first screenful is published, until the page has painted it. */
  afterPaint?: () => Promise<void>;
  /**
   * The most papers read into memory: a library holding more (a year of triage is ~950,000
   * hides) stops after the saved papers, and its hidden and "all" views page through the records
   * (lib/ui/use-paged-papers.ts) instead of holding a million of them.
   */
  maxInMemory?: number;
  /**
   * The form in which the page keeps each record it reads (the popup: the record without its
   * abstract, lib/search/search-text.ts `withoutAbstract`); the record as read by default.
   */
  memoryForm?: (record: PaperRecord) => PaperRecord;
}

type Listener = (snapshot: LibrarySnapshot) => void;

/** Records put in their memory form per task (`memoryForm`, `inMemoryForm`). */
const MEMORY_FORM_SLICE = 250;

/** Measured in Chromium: 100,000 papers with abstracts take ~200 MB of a page's heap (docs/PERFORMANCE.md). */
export const MAX_IN_MEMORY = 150_000;

const INITIAL: LibrarySnapshot = Object.freeze({ phase: 'opening', papers: Object.freeze([]) as readonly PaperRecord[], counts: undefined, loaded: 0 });

export class LiveLibrary {
  private current: LibrarySnapshot = INITIAL;
  private readonly listeners = new Set<Listener>();
  private readonly firstScreen: number;
  private readonly chunk: number;
  private readonly maxChunk: number;
  private readonly pause: () => Promise<void>;
  private readonly afterPaint: () => Promise<void>;
  private readonly maxInMemory: number;
  private readonly memoryForm: ((record: PaperRecord) => PaperRecord) | undefined;
  /** Keys written while the full load runs: read again once it is done. */
  private pending = new Set<string>();
  private reloadWanted = false;
  private loading = false;
  private stopped = false;
  /** Held by a large write (a backup restored): writes are not followed, only noted, until released. */
  private holds = 0;
  private missedWhileHeld = false;
  /** Changes are applied one batch at a time, in order. */
  private applying: Promise<void> = Promise.resolve();
  private readonly part: string;
  private readonly onMutation = (parts: ObservabilitySet) => this.mutated(parts);

  constructor(
    private readonly db: PapershelfDatabase,
    options: LiveLibraryOptions = {},
  ) {
    this.firstScreen = options.firstScreen ?? 50;
    this.chunk = options.chunk ?? 500;
    this.maxChunk = Math.max(this.chunk, options.maxChunk ?? 4_000);
    this.pause = options.pause ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.afterPaint = options.afterPaint ?? this.pause;
    this.maxInMemory = options.maxInMemory ?? MAX_IN_MEMORY;
    this.memoryForm = options.memoryForm;
    // The part naming the primary keys written to the papers table (Dexie's ObservabilitySet).
    this.part = `idb://${db.name}/papers/`;
  }

  get snapshot(): LibrarySnapshot {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads the first screenful, then everything; follows every write from then on. `early`: the
   * first screenful read already without Dexie (lib/db/newest-saved.ts), shown as it is and read
   * again once listening, since a write may have landed between that read and this start.
   */
  async start(early?: Promise<readonly PaperRecord[] | undefined>): Promise<void> {
    // Listening first: a write between the reads below and the end of the load is not lost.
    Dexie.on.storagemutated.subscribe(this.onMutation);
    try {
      const first = await early;
      if (first) this.publishFirstScreen(first);
      else await this.readFirstScreen();
      // The reads below answer in many callbacks on the page's thread: the first rows paint first.
      await this.afterPaint();
      if (first) await this.readFirstScreen();
      await this.loadAll();
    } catch (error) {
      this.fail(error);
    }
  }

  stop(): void {
    this.stopped = true;
    Dexie.on.storagemutated.unsubscribe(this.onMutation);
    this.listeners.clear();
  }

  /**
   * Stops following writes until the returned release is called (each hold once; holds nest). A
   * restore writes a million records in chunks of 2,000, and Dexie names any write of 50 records
   * or more as the whole table: followed, each chunk would make this page read its saved papers
   * again and count the library. Held, the page reads once, on release, if anything was written.
   */
  holdFollowing(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0 || !this.missedWhileHeld || this.stopped) return;
      this.missedWhileHeld = false;
      this.applying = this.applying.then(() => this.loadAll()).catch((error: unknown) => this.fail(error));
    };
  }

  private async readFirstScreen(): Promise<void> {
    this.publishFirstScreen(await this.db.papers.orderBy('savedAt').reverse().limit(this.firstScreen).toArray());
  }

  private publishFirstScreen(papers: readonly PaperRecord[]): void {
    if (this.stopped || (this.current.phase !== 'opening' && this.current.phase !== 'first')) return;
    this.publish({ ...this.current, phase: 'first', papers: papers.slice(0, this.firstScreen).map((record) => this.kept(record)) });
  }

  /** The hidden and total counts once the saved papers are read, until every paper read gives them exactly. */
  private async readCounts(): Promise<void> {
    await this.db.open();
    // In steps of a few thousand entries (stepped-count.ts): a page closed meanwhile leaves one
    // step, not a walk of every hidden paper, for the next page's reads to wait behind.
    const store = this.db.backendDB().transaction('papers', 'readonly').objectStore('papers');
    const [hidden, all] = await Promise.all([countNumberIndexInSteps(store.index('hiddenAt'), this.db.keyRange), countStoreInSteps(store, this.db.keyRange)]);
    if (this.stopped || this.current.phase !== 'saved') return;
    this.publish({ ...this.current, counts: { saved: this.current.papers.length, hidden, all } });
  }

  /**
   * Reads the saved papers, then every paper, in chunks; applies what was written meanwhile. A
   * write naming a key range while this runs starts it over.
   */
  private async loadAll(): Promise<void> {
    if (this.loading) {
      this.reloadWanted = true;
      return;
    }
    this.loading = true;
    try {
      do {
        this.reloadWanted = false;
        this.pending.clear();
        const saved = await this.readSaved();
        if (saved === undefined || this.reloadWanted) continue;
        // Read again after a write Dexie names as a range (any write of 50 records or more): a
        // library held whole may have grown past the limit meanwhile (a large backup restored).
        if (this.current.phase === 'complete' && (await this.db.papers.count()) > this.maxInMemory) {
          if (this.reloadWanted) continue;
          this.publish({ phase: 'saved', papers: saved, counts: undefined, loaded: saved.length });
        }
        if (this.current.phase !== 'complete') {
          // A paged library read again (after a write of many records) stays paged meanwhile, and
          // is counted again: the write may have hidden, unhidden or added any number of papers.
          const paged = this.current.paged === true;
          const counts = this.current.counts && { ...this.current.counts, saved: saved.length };
          this.publish({ phase: 'saved', papers: saved, counts, loaded: saved.length, ...(paged && { paged }) });
          // Counted only now: IndexedDB counts by walking the index (0.3–0.6 s each at 100,000
          // papers here), and its work is served one request at a time, so counting earlier held
          // back the saved papers, and a popup closed at once left seconds of it to delay the next.
          if (!this.current.counts || paged) await this.readCounts();
        }
        if (this.reloadWanted) continue;
        const all = this.current.counts?.all;
        if (this.current.phase === 'saved' && all !== undefined && all > this.maxInMemory) {
          // Too many to hold: the saved papers stay live (patched on every write from now on, and
          // here with what was written while they were read), the rest is paged.
          const written = [...this.pending];
          this.pending.clear();
          const papers = await this.patched(this.current.papers, written, (record) => record.savedAt !== undefined);
          if (this.reloadWanted) continue;
          this.publish({ ...this.current, papers, paged: true });
          break;
        }
        const everything = await this.readEverything(saved);
        if (everything === undefined || this.reloadWanted) continue;
        // Written while reading: read again, until nothing more arrived during that read.
        let complete: readonly PaperRecord[] = everything;
        while (this.pending.size > 0 && !this.reloadWanted) {
          const written = [...this.pending];
          this.pending.clear();
          complete = await this.patched(complete, written);
        }
        if (!this.reloadWanted) this.publish(completeSnapshot(complete));
      } while (this.reloadWanted && !this.stopped);
    } finally {
      this.loading = false;
    }
  }

  /**
   * Every saved paper, newest saved first, each chunk published as `partial` so that the newest can
   * be searched before the oldest arrive. By ranges of the `savedAt` index where the browser can
   * read a range backwards in one request; else by keys.
   */
  private async readSaved(): Promise<PaperRecord[] | undefined> {
    const ranged = await this.readSavedByRange();
    return ranged === null ? this.readSavedByKeys() : ranged;
  }

  /**
   * `getAllRecords` (Chromium 141+) on the `savedAt` index, backwards, a chunk per request. Papers
   * saved at the same instant (an import) may straddle two chunks: the rest of that instant is read
   * whole, and the next chunk starts strictly before it. Null when the browser cannot do this.
   *
   * Why not by keys everywhere: the keys pass (0.55 s for 50,000 saved papers here) and `bulkGet`
   * (one request per paper) came before any saved paper could be searched, and IndexedDB serves
   * one request at a time, so a popup closed meanwhile left that work to delay the next one.
   */
  private async readSavedByRange(): Promise<PaperRecord[] | undefined | null> {
    await this.db.open();
    const idb = this.db.backendDB();
    const index = () => idb.transaction('papers', 'readonly').objectStore('papers').index('savedAt') as IndexWithRecords;
    if (typeof index().getAllRecords !== 'function') return null;
    const saved: PaperRecord[] = [];
    let before: IDBKeyRange | null = null;
    for (let size = this.chunk; ; size = Math.min(size * 2, this.maxChunk)) {
      if (saved.length > 0) await this.pause();
      const records = await requested(index().getAllRecords!({ query: before, direction: 'prev', count: size }));
      if (this.stopped || this.reloadWanted) return undefined;
      const chunk = records.map((record) => record.value as PaperRecord);
      const full = chunk.length === size;
      if (full) {
        const last = chunk[chunk.length - 1]!.savedAt!;
        const seen = new Set(chunk.filter((paper) => paper.savedAt === last).map((paper) => paper.id));
        const instant = (await requested(index().getAll(this.db.keyRange.only(last)))) as PaperRecord[];
        if (this.stopped || this.reloadWanted) return undefined;
        for (const paper of instant) if (!seen.has(paper.id)) chunk.push(paper);
        before = this.db.keyRange.upperBound(last, true);
      }
      const kept = await this.inMemoryForm(chunk);
      if (kept === undefined) return undefined;
      for (const paper of kept) saved.push(paper);
      if (this.current.phase === 'first') this.publish({ ...this.current, loaded: saved.length, partial: [...saved] });
      if (!full) return saved;
    }
  }

  /** The same by keys: the `savedAt` index's keys first (so the total is known), records by key in chunks. */
  private async readSavedByKeys(): Promise<PaperRecord[] | undefined> {
    const keys = (await this.db.papers.where('savedAt').above(0).reverse().primaryKeys()) as string[];
    if (this.current.phase === 'first') this.publish({ ...this.current, savedTotal: keys.length });
    const saved: PaperRecord[] = [];
    for (let start = 0, size = this.chunk; start < keys.length; start += size, size = Math.min(size * 2, this.maxChunk)) {
      if (start > 0) await this.pause();
      const chunk = await this.db.papers.bulkGet(keys.slice(start, start + size));
      if (this.stopped || this.reloadWanted) return undefined;
      const kept = await this.inMemoryForm(chunk.filter((record): record is PaperRecord => record?.savedAt !== undefined));
      if (kept === undefined) return undefined;
      for (const record of kept) saved.push(record);
      if (this.current.phase === 'first') this.publish({ ...this.current, loaded: saved.length, partial: [...saved] });
    }
    return saved;
  }

  /** Every paper, in primary-key chunks; the saved ones already read are kept as they are. */
  private async readEverything(saved: readonly PaperRecord[]): Promise<PaperRecord[] | undefined> {
    const known = new Map(saved.map((record) => [record.id, record]));
    const papers: PaperRecord[] = [];
    let last: string | undefined;
    for (let size = this.chunk; ; size = Math.min(size * 2, this.maxChunk)) {
      await this.pause();
      const collection = last === undefined ? this.db.papers.orderBy(':id') : this.db.papers.where(':id').above(last);
      const chunk = await collection.limit(size).toArray();
      if (this.stopped || this.reloadWanted) return undefined;
      const kept = await this.inMemoryForm(chunk.filter((record) => !known.has(record.id)));
      if (kept === undefined) return undefined;
      let next = 0;
      for (const record of chunk) papers.push(known.get(record.id) ?? kept[next++]!);
      if (chunk.length < size) return papers;
      last = chunk[chunk.length - 1]!.id;
      if (this.current.phase !== 'complete') this.publish({ ...this.current, loaded: papers.length });
    }
  }

  /** A record as the page keeps it. */
  private kept(record: PaperRecord): PaperRecord {
    return this.memoryForm ? this.memoryForm(record) : record;
  }

  /**
   * A chunk just read in its memory form, MEMORY_FORM_SLICE records per task: making it may cost
   * (the popup builds each paper's search entry, ~50 µs), and a chunk of 4,000 in one task would
   * hold the page for 200 ms. Undefined when the load stopped meanwhile.
   */
  private async inMemoryForm(records: readonly PaperRecord[]): Promise<readonly PaperRecord[] | undefined> {
    const form = this.memoryForm;
    if (!form) return records;
    const kept: PaperRecord[] = [];
    for (let start = 0; start < records.length; start += MEMORY_FORM_SLICE) {
      if (start > 0) await this.pause();
      if (this.stopped || this.reloadWanted) return undefined;
      for (const record of records.slice(start, start + MEMORY_FORM_SLICE)) kept.push(form(record));
    }
    return kept;
  }

  private mutated(parts: ObservabilitySet): void {
    if (this.stopped) return;
    const tree = parts[this.part];
    const everything = 'all' in parts;
    if (!tree && !everything) return; // another table (settings, enrichment queue)
    if (this.holds > 0) {
      this.missedWhileHeld = true;
      return;
    }
    const keys = everything || !tree ? undefined : singleKeys(tree);
    if (keys === undefined) {
      // A key range (a cleared table): only a full read can tell what is there now.
      this.applying = this.applying.then(() => this.loadAll()).catch((error: unknown) => this.fail(error));
      return;
    }
    if (this.loading || this.current.phase !== 'complete') {
      // A paged library keeps only its saved papers, patched below: nothing to read again later.
      if (!this.current.paged) for (const key of keys) this.pending.add(key);
      // Until everything is read, what shows is the first screen or the saved papers: keep it true.
      if (this.current.phase === 'first') void this.readFirstScreen().catch((error: unknown) => this.fail(error));
      if (this.current.phase === 'saved') {
        this.applying = this.applying
          .then(async () => {
            if (this.stopped || this.current.phase !== 'saved') return;
            const papers = await this.patched(this.current.papers, keys, (record) => record.savedAt !== undefined);
            const counts = this.current.counts && { ...this.current.counts, saved: papers.length };
            if (this.current.phase === 'saved') this.publish({ ...this.current, papers, counts });
          })
          .catch((error: unknown) => this.fail(error));
      }
      return;
    }
    this.applying = this.applying
      .then(async () => {
        if (this.stopped || this.current.phase !== 'complete') return;
        const papers = await this.patched(this.current.papers, keys);
        if (this.stopped || this.current.phase !== 'complete') return;
        if (papers.length <= this.maxInMemory) {
          this.publish(completeSnapshot(papers));
          return;
        }
        // Grown past what a page holds (a large backup restored into this library): back to the
        // saved papers, counted again, and pages for the rest, as when it opened this large.
        this.publish({ phase: 'saved', papers: papers.filter((paper) => paper.savedAt !== undefined), counts: undefined, loaded: 0 });
        await this.loadAll();
      })
      .catch((error: unknown) => this.fail(error));
  }

  /**
   * `papers` with the records of `keys` read again: replaced, added, or dropped when deleted (or
   * when `keep` says they no longer belong).
   */
  private async patched(papers: readonly PaperRecord[], keys: readonly string[], keep: (record: PaperRecord) => boolean = () => true): Promise<readonly PaperRecord[]> {
    if (keys.length === 0) return papers;
    const fresh = await this.db.papers.bulkGet([...keys]);
    const byId = new Map<string, PaperRecord | undefined>(keys.map((key, index) => [key, fresh[index] && keep(fresh[index]) ? this.kept(fresh[index]) : undefined]));
    const next: PaperRecord[] = [];
    for (const paper of papers) {
      if (!byId.has(paper.id)) next.push(paper);
      else {
        const record = byId.get(paper.id);
        if (record) next.push(record);
        byId.delete(paper.id);
      }
    }
    for (const record of byId.values()) if (record) next.push(record);
    return next;
  }

  private publish(snapshot: LibrarySnapshot): void {
    if (this.stopped) return;
    // For measuring (scripts/bench-popup.ts): when each phase was first reached.
    if (snapshot.phase !== this.current.phase && performance.getEntriesByName(`papershelf:library-${snapshot.phase}`).length === 0) {
      performance.mark(`papershelf:library-${snapshot.phase}`);
    }
    this.current = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  private fail(error: unknown): void {
    this.publish({ ...this.current, phase: 'error', error: messageOf(error, t('databaseUnreadable')) });
  }
}

function completeSnapshot(papers: readonly PaperRecord[]): LibrarySnapshot {
  let saved = 0;
  let hidden = 0;
  for (const paper of papers) {
    if (paper.savedAt !== undefined) saved++;
    if (paper.hiddenAt !== undefined) hidden++;
  }
  return { phase: 'complete', papers, counts: { saved, hidden, all: papers.length }, loaded: papers.length };
}

/**
 * The keys of an interval tree made only of single keys (what Dexie records for put, add and
 * delete by key); undefined when it holds a real range.
 */
function singleKeys(tree: IntervalTree): string[] | undefined {
  const keys: string[] = [];
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as { from?: unknown; to?: unknown; l?: unknown; r?: unknown } | null | undefined;
    if (!node || !('from' in node)) continue; // an empty tree
    if (typeof node.from !== 'string' || node.from !== node.to) return undefined;
    keys.push(node.from);
    stack.push(node.l, node.r);
  }
  return keys;
}

