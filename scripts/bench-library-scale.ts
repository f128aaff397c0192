// A year of triage: the library at 100,000 and 1,000,000 records (issue 16), in Chromium with the
// built extension. Part of `npm run bench` (in a tsx process of its own), or alone:
// `npm run build && npx tsx scripts/bench-library-scale.ts` (BENCH_SCALE_SIZES=100000 for one size,
// BENCH_RUNS for the number of fresh popups).
//
// Each size gets a fresh profile. The library is the real arXiv papers of ../shared/data repeated
// under fresh ids (scripts/real-library.ts): one in 20 saved (half of those tagged), the rest hidden
// as the extension keeps an older hide (trimmed, lib/db/hidden-trim.ts). It is written straight into
// IndexedDB as schema version 6 laid it out, under the tagged ids v7 uses, with an empty search
// index, the older hides' trim recorded as done: opening the extension runs v7's upgrade, which
// finds no id to move and builds v6's index, then v8's, which builds its own already packed as v9
// keeps it (measured together). Moving a million bare ids to tagged ones is v7's own cost,
// measured apart in scripts/bench-upgrade.ts. Then, beside goals and same-run baselines:
// - storage: IndexedDB's size on disk (the profile's folder, and navigator.storage.estimate) after
//   the saved papers, after the hidden ones (bytes per hidden record), after the index; and bytes
//   per hidden record kept whole (what a hide in the ranker's window keeps) against trimmed;
// - popup: first rows against the floor (a script-free extension page's first paint, same run);
//   a search typed at open, complete over every saved paper (from the index) against the baseline
//   of reading every saved paper first; keystrokes and tag filter p95 once the saved papers are in;
//   the hidden view's first page and the next; the JavaScript heap;
// - the library page: the same search figures, the hidden view, the export, a bulk edit of 10,000;
// - export of the saved papers as BibTeX (in this process, as the page's exporter runs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// The exporter words its warnings with t(): English here, as in the BibTeX worker.
import '../lib/i18n-english-setup';
import { exportBibtex } from '../lib/bibtex';
import type { PaperRecord } from '../lib/paper/model';
import { LATEST_SCHEMA_VERSION } from '../lib/db/schema';
import { DEFAULT_QUERY } from '../lib/search';
import { TRIM_PROGRESS_KEY } from '../lib/background/older-hides-trim';
import { BROWSER_PATH, launch, removeProfile, stopServiceWorkers, type Session } from '../test/e2e/harness.ts';
import { measureFloor, measurePopupOpen, openPopup, typeAndFilter } from './bench-popup.ts';
import { median, percentile } from './bench-stats.ts';
import { realPapers, realRecord, recordFrom, type SourcePaper } from './real-library.ts';
import { BULK, measureBackupRestore, measureLibraryPage, type BackupFigures, type LibraryPageFigures } from './bench-library-backup.ts';
import { filterPapers } from '../lib/search';

/** The backup and restore are the last and longest stage: when one fails, the figures before it are still printed, and the failure loudly. */
async function backupOrSay(session: Session): Promise<BackupFigures | undefined> {
  try {
    return await measureBackupRestore(session, launchScale);
  } catch (error) {
    console.error(`BACKUP AND RESTORE FAILED, their figures are missing: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  }
}

/**
 * One record in SAVED_EVERY is saved: 20 gives the million-record library's 50,000. The popup's and
 * the search's cost grows with the saved papers, not the hidden ones: `BENCH_SCALE_SAVED_EVERY=2
 * BENCH_SCALE_SIZES=100000` gives those 50,000 saved without writing a million records.
 */
const SAVED_EVERY = Number(process.env.BENCH_SCALE_SAVED_EVERY ?? 20);
/** `BENCH_SCALE_POPUP_ONLY=1`: the popup's figures alone (no library page, backup or restore). */
const POPUP_ONLY = process.env.BENCH_SCALE_POPUP_ONLY === '1';
/**
 * `BENCH_SCALE_PAGES_ONLY=1`: the popup's and the library page's figures (no bytes per record,
 * backup, restore or export in Node), for comparing two builds' views in a shorter run.
 */
const PAGES_ONLY = process.env.BENCH_SCALE_PAGES_ONLY === '1';
const GOALS = { firstRowsAfterFloor: 30, searchAtOpen: 500, p95: 50, heapMb: 150, exportMs: 2_000 };

/** The v4 schema as Dexie created it (IndexedDB version = Dexie version × 10). */
const V4_STORES = {
  papers: { keyPath: 'id', indexes: [['savedAt', false, false], ['hiddenAt', false, false], ['tags', true, false], ['updatedAt', false, false], ['citationKey', false, true]] },
  settings: { keyPath: 'key', indexes: [] },
  enrichment: { keyPath: 'id', indexes: [['nextAttemptAt', false, false]] },
  backups: { keyPath: 'id', autoIncrement: true, indexes: [['takenAt', false, false]] },
  backupFiles: { keyPath: 'id', indexes: [] },
} as const;

/** The v6 schema as Dexie created it: v4's stores, sync's (v5) and the search index (v6). */
export const V6_STORES = {
  ...V4_STORES,
  syncOps: { keyPath: 'key', indexes: [['target', false, false], ['pending', false, false]] },
  syncState: { keyPath: 'key', indexes: [] },
  searchBuckets: { keyPath: 'bucket', indexes: [] },
} as const;

interface StorageFigures {
  estimate: number;
  folder: number;
}

export interface ScaleRow {
  records: number;
  saved: number;
  seedMs: number;
  afterSaved: StorageFigures;
  afterHidden: StorageFigures;
  afterIndex: StorageFigures;
  upgradeMs: number;
  floor: number;
  firstRows: number;
  firstPaint: number;
  savedRead: number;
  /** The popup's search figures. */
  popupSearch: SearchFigures;
  searchExpected: number;
  hiddenFirstPage: number;
  hiddenNextPage: number;
  library: LibraryPageFigures | undefined;
  /** The popup's search figures taken in the library page (its Papers section). */
  librarySearch: SearchFigures | undefined;
  backup: BackupFigures | undefined;
}

interface SearchFigures {
  atOpen: number;
  /** Papers the index found; -1 when reading every saved paper answered before the index did. */
  found: number;
  keystroke: { p50: number; p95: number };
  tagFilter: { p50: number; p95: number };
  heapMb: number;
}

/** `runs` searches typed at open, then keystrokes and tag filters once the saved papers are in. */
async function measureSearch(session: Session, saved: number, runs: number, open: (session: Session) => Promise<Page>): Promise<SearchFigures> {
  const searches: Array<{ ms: number; found: number }> = [];
  for (let run = 0; run < runs; run++) searches.push(await measureSearchAtOpen(session, open));
  return searchFigures(searches, await measureInteraction(session, saved, open));
}

function searchFigures(searches: ReadonlyArray<{ ms: number; found: number }>, interaction: { keystrokes: number[]; tagChanges: number[]; heapMb: number }): SearchFigures {
  return {
    atOpen: median(searches.map((search) => search.ms)),
    found: median(searches.map((search) => search.found)),
    keystroke: { p50: percentile(interaction.keystrokes, 50), p95: percentile(interaction.keystrokes, 95) },
    tagFilter: { p50: percentile(interaction.tagChanges, 50), p95: percentile(interaction.tagChanges, 95) },
    heapMb: interaction.heapMb,
  };
}

/**
 * A fresh profile. tsx (which runs this file, as it reads the library's code) names functions
 * with a `__name` helper that pages do not have: the functions sent to `page.evaluate` need it.
 */
export async function launchScale(): Promise<Session> {
  const session = await launch(mkdtempSync(join(tmpdir(), 'papershelf-bench-scale-')), { intercept: false });
  await session.context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return session;
}

export async function helperPage(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  // An extension page that never opens the library: the raw writes below own the database.
  await page.goto(`chrome-extension://${session.extensionId}/manifest.json`);
  await prepareMaker(page);
  return page;
}

/** Deletes the library the background created and creates it empty as schema v6 did. */
async function createV6(page: Page): Promise<void> {
  await createEmptyLibrary(page, V6_STORES, 60);
}

export type StoreSpecs = Record<string, { keyPath: string; autoIncrement?: boolean; indexes: ReadonlyArray<readonly [string, boolean, boolean]> }>;

/** Deletes the library the background created and creates it empty with `stores`, at IndexedDB `version` (Dexie's × 10). */
export async function createEmptyLibrary(page: Page, stores: StoreSpecs, version: number): Promise<void> {
  // The background holds the library open and would reopen (and upgrade) it at once.
  await stopServiceWorkers(page);
  await page.evaluate(
    ({ stores, version }) =>
      new Promise<void>((resolve, reject) => {
        const deletion = indexedDB.deleteDatabase('papershelf');
        deletion.onerror = () => reject(deletion.error);
        deletion.onsuccess = () => {
          const open = indexedDB.open('papershelf', version);
          open.onerror = () => reject(open.error);
          open.onupgradeneeded = () => {
            for (const [name, spec] of Object.entries(stores)) {
              const store = open.result.createObjectStore(name, { keyPath: spec.keyPath, autoIncrement: spec.autoIncrement === true });
              for (const [index, multiEntry, unique] of spec.indexes) store.createIndex(index as string, index as string, { multiEntry: multiEntry as boolean, unique: unique as boolean });
            }
          };
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    { stores: stores as unknown as Record<string, { keyPath: string; autoIncrement?: boolean; indexes: Array<[string, boolean, boolean]> }>, version },
  );
}

/**
 * Sends the real papers to the page once, with the text of `recordFrom`: the page makes the
 * records itself (sending a million records through DevTools took ~2 ms each here).
 */
async function prepareMaker(page: Page): Promise<void> {
  const sources: SourcePaper[] = realPapers().map(({ title, abstract, authors, categories, date }) => ({ title, abstract, authors, categories, date }));
  await page.evaluate(`globalThis.recordFrom = ${recordFrom.toString()};`);
  await page.evaluate((text) => {
    (globalThis as unknown as { sources: unknown }).sources = JSON.parse(text);
  }, JSON.stringify(sources));
}

/**
 * Writes the saved or the hidden records of a `size` library, made in the page, 50,000 per
 * transaction with relaxed durability (a benchmark's set-up: a lost tail on a crash does not
 * matter, and at a million records each commit's flush cost minutes). `idTag` starts each id:
 * 'arxiv:' as schema v7 stores them, '' (bare) as versions before it did.
 */
export async function seed(page: Page, options: { size: number; savedEvery?: number; hidden: 'full' | 'trimmed'; only: 'saved' | 'hidden'; idTag?: string }, database = 'papershelf'): Promise<void> {
  const step = 200_000;
  for (let start = 0; start < options.size; start += step) {
    await page.evaluate(
      ({ start, end, savedEvery, hidden, only, database, idTag }) =>
        new Promise<void>((resolve, reject) => {
          const make = (globalThis as unknown as { recordFrom: (source: unknown, index: number, savedEvery: number, hidden: string, idTag: string) => { savedAt?: number } }).recordFrom;
          const sources = (globalThis as unknown as { sources: unknown[] }).sources;
          const open = indexedDB.open(database);
          open.onerror = () => reject(open.error);
          open.onupgradeneeded = () => open.result.createObjectStore('papers', { keyPath: 'id' });
          open.onsuccess = () => {
            const db = open.result;
            let index = start;
            const next = () => {
              if (index >= end) {
                db.close();
                resolve();
                return;
              }
              const tx = db.transaction('papers', 'readwrite', { durability: 'relaxed' });
              const store = tx.objectStore('papers');
              const stop = Math.min(end, index + 50_000);
              for (; index < stop; index++) {
                const isSaved = index % savedEvery === 0;
                if (isSaved !== (only === 'saved')) continue;
                store.put(make(sources[index % sources.length], index, savedEvery, hidden, idTag));
              }
              tx.oncomplete = next;
              tx.onerror = () => reject(tx.error);
            };
            next();
          };
        }),
      { start, end: Math.min(options.size, start + step), savedEvery: options.savedEvery ?? SAVED_EVERY, hidden: options.hidden, only: options.only, database, idTag: options.idTag ?? 'arxiv:' },
    );
  }
}

/**
 * Records in the settings that the background's trim of older hides (lib/background/older-hides-trim.ts)
 * is done: the library is written as that trim leaves it. Left to run, it would read the hidden
 * papers 500 a second (three minutes at 100,000 records, half an hour at a million) in read-write
 * transactions that hold up the popup's reads, a one-time cost of libraries from before trimming.
 */
async function markHidesTrimmed(page: Page): Promise<void> {
  await page.evaluate(
    (key) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key, value: { done: true } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    TRIM_PROGRESS_KEY,
  );
}

function folderBytes(session: Session): number {
  const root = join(session.userDataDir, 'Default', 'IndexedDB');
  const folders = readdirSync(root).filter((name) => name.startsWith(`chrome-extension_${session.extensionId}`));
  let bytes = 0;
  for (const folder of folders) bytes += Number(execFileSync('du', ['-sb', join(root, folder)]).toString().split('\t')[0]);
  return bytes;
}

async function storage(session: Session, page: Page): Promise<StorageFigures> {
  // LevelDB writes its log and compacts in the background: give it a moment to settle.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  return { estimate, folder: folderBytes(session) };
}

/** The upgrade to the latest schema, run by the first extension page that opens the library. */
export async function upgrade(session: Session, helper: Page): Promise<number> {
  const started = Date.now();
  const popup = await session.openPopup();
  await helper.waitForFunction(async (latest) => (await indexedDB.databases()).some((db) => db.name === 'papershelf' && (db.version ?? 0) >= latest), LATEST_SCHEMA_VERSION * 10, { timeout: 1_800_000, polling: 100 });
  const ms = Date.now() - started;
  await popup.waitForFunction(() => performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 600_000, polling: 200 });
  await popup.close();
  return ms;
}

interface OpenSample {
  firstRows: number;
  firstPaint: number;
  savedRead: number;
}

async function measureOpen(session: Session): Promise<OpenSample> {
  const { firstRows, firstPaint, done } = await measurePopupOpen(session, 'papershelf:library-saved', 600_000);
  return { firstRows, firstPaint, savedRead: done };
}

/** The full-page library, opened as a reader opens it (its figures are taken as the popup's). */
async function openLibraryPage(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  return page;
}

/**
 * "attention" typed as soon as the search box exists → the index's complete answer on screen, in
 * the popup or (`open`) the library page, whose Papers section has the page's first search box.
 */
async function measureSearchAtOpen(session: Session, open = openPopup): Promise<{ ms: number; found: number }> {
  const page = await open(session);
  await page.locator('input[type="search"]').waitFor();
  const result = await page.evaluate(async () => {
    const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    box.value = 'attention';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const mark = performance.getEntriesByName('papershelf:indexed-search')[0] as PerformanceMark | undefined;
      const saved = performance.getEntriesByName('papershelf:library-saved').length > 0;
      if (mark || saved) {
        // Painted in the frame after the answer arrived.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { ms: performance.now(), found: mark ? (mark.detail as { found: number }).found : -1 };
      }
    }
  });
  await page.close();
  return result;
}

/** The hidden view: its first page of rows, then the next page. */
async function measureHiddenPages(session: Session): Promise<{ first: number; next: number }> {
  const page = await openPopup(session);
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 600_000, polling: 100 });
  await page.waitForFunction(() => /of [\d,]+ saved papers/.test(document.querySelector('.count')?.textContent ?? ''), undefined, { timeout: 600_000, polling: 100 });
  const started = Date.now();
  await page.locator('input[name="show"][value="hidden"]').check();
  await page.locator('[role="row"]').first().waitFor({ timeout: 600_000 });
  const first = Date.now() - started;
  // A library small enough to hold has no pages (LiveLibrary's maxInMemory).
  if (!(await page.getByRole('button', { name: /^Show \d+ more$/ }).isVisible())) {
    await page.close();
    return { first, next: Number.NaN };
  }
  const before = await page.locator('.count').textContent();
  const again = Date.now();
  await page.getByRole('button', { name: /^Show \d+ more$/ }).click();
  await page.waitForFunction((text) => document.querySelector('.count')?.textContent !== text, before, { timeout: 120_000, polling: 20 });
  const next = Date.now() - again;
  await page.close();
  return { first, next };
}

async function measureInteraction(session: Session, saved: number, open = openPopup): Promise<{ keystrokes: number[]; tagChanges: number[]; heapMb: number }> {
  const page = await open(session);
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 600_000, polling: 100 });
  await page.waitForFunction(
    (size) => performance.getEntriesByName('papershelf:search-prepared').some((mark) => (mark as PerformanceMark).detail?.papers === size),
    saved,
    { timeout: 600_000, polling: 200 },
  );
  await page.locator('.tag-chips button').first().waitFor({ timeout: 600_000 });
  const result = await typeAndFilter(session, page);
  await page.close();
  return result;
}

/** The expected answer to "attention" over the saved papers, from the records (the full scan). */
function expectedMatches(records: number): number {
  const saved: PaperRecord[] = [];
  for (let index = 0; index < records; index += SAVED_EVERY) saved.push(realRecord(index, { size: records, hidden: 'trimmed', savedEvery: SAVED_EVERY }));
  return filterPapers(saved, { ...DEFAULT_QUERY, text: 'attention' }).length;
}

/** Bytes on disk per hidden record, whole and trimmed: two databases of `count` hides each. */
export async function hiddenRecordBytes(count: number): Promise<{ full: number; trimmed: number }> {
  const session = await launchScale();
  try {
    const page = await helperPage(session);
    const base = await storage(session, page);
    await seed(page, { size: count * 2, savedEvery: 2, hidden: 'full', only: 'hidden' }, 'hides-full');
    const full = await storage(session, page);
    await seed(page, { size: count * 2, savedEvery: 2, hidden: 'trimmed', only: 'hidden' }, 'hides-trimmed');
    const trimmed = await storage(session, page);
    return { full: (full.folder - base.folder) / count, trimmed: (trimmed.folder - full.folder) / count };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

/** Where a long run is, on stderr (a million records take most of an hour on a loaded machine). */
function stage(records: number, what: string): void {
  console.error(`${new Date().toISOString().slice(11, 19)} ${records.toLocaleString('en')}: ${what}`);
}

export async function benchScale(records: number, runs: number, floor: number): Promise<ScaleRow> {
  stage(records, 'writing the library');
  const session = await launchScale();
  try {
    const helper = await helperPage(session);
    await createV6(helper);
    const started = Date.now();
    await seed(helper, { size: records, hidden: 'trimmed', only: 'saved' });
    const afterSaved = await storage(session, helper);
    await seed(helper, { size: records, hidden: 'trimmed', only: 'hidden' });
    const seedMs = Date.now() - started;
    await markHidesTrimmed(helper);
    const afterHidden = await storage(session, helper);
    stage(records, 'upgrade');
    const upgradeMs = await upgrade(session, helper);
    const afterIndex = await storage(session, helper);
    // The helper holds every real paper to make records from (~80 MB of strings), and the
    // extension's pages share one renderer and one JavaScript heap: left open, it counted in the
    // popup's and the library page's heap figures.
    await helper.close();
    stage(records, 'popup');
    await measureOpen(session); // warm-up, discarded
    const opens: OpenSample[] = [];
    const searches: Array<{ ms: number; found: number }> = [];
    for (let run = 0; run < runs; run++) {
      opens.push(await measureOpen(session));
      searches.push(await measureSearchAtOpen(session));
    }
    const saved = Math.ceil(records / SAVED_EVERY);
    const hidden = await measureHiddenPages(session);
    const popupSearch = searchFigures(searches, await measureInteraction(session, saved));
    stage(records, 'library page');
    const librarySearch = POPUP_ONLY ? undefined : await measureSearch(session, saved, Math.min(runs, 3), openLibraryPage);
    const library = POPUP_ONLY ? undefined : await measureLibraryPage(session, bulkEditIds(records));
    stage(records, 'backup and restore');
    // Below ~100,000 records the backup is under the import's 20 MB and is restored through the preview instead.
    const backup = !POPUP_ONLY && !PAGES_ONLY && records >= 100_000 ? await backupOrSay(session) : undefined;
    return {
      library,
      librarySearch,
      backup,
      records,
      saved,
      seedMs,
      afterSaved,
      afterHidden,
      afterIndex,
      upgradeMs,
      floor,
      firstRows: median(opens.map((open) => open.firstRows)),
      firstPaint: median(opens.map((open) => open.firstPaint)),
      savedRead: median(opens.map((open) => open.savedRead)),
      popupSearch,
      searchExpected: expectedMatches(records),
      hiddenFirstPage: hidden.first,
      hiddenNextPage: hidden.next,
    };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

/**
 * The 10,000 papers the bulk edit tags, as a reader selects them in "All": every saved paper
 * first, then hidden ones when fewer than 10,000 are saved (at 100,000 records: 5,000 of each;
 * tagging a hidden paper saves it, as on a card).
 */
function bulkEditIds(records: number): string[] {
  const ids: string[] = [];
  for (let index = 0; index < records && ids.length < BULK; index += SAVED_EVERY) ids.push(realRecord(index, { size: records, hidden: 'trimmed', savedEvery: SAVED_EVERY }).id);
  for (let index = 0; index < records && ids.length < BULK; index++) if (index % SAVED_EVERY !== 0) ids.push(realRecord(index, { size: records, hidden: 'trimmed', savedEvery: SAVED_EVERY }).id);
  return ids;
}

export function bulkEditKinds(records: number): { saved: number; hidden: number } {
  const saved = Math.min(BULK, Math.ceil(records / SAVED_EVERY));
  return { saved, hidden: Math.min(BULK, records) - saved };
}

/** The BibTeX export of the saved papers of a `records` library (its exporter, in this process). */
export function benchSavedExport(records: number): { ms: number; bytes: number; saved: number } {
  const saved: PaperRecord[] = [];
  for (let index = 0; index < records; index += SAVED_EVERY) saved.push(realRecord(index, { size: records, hidden: 'trimmed', savedEvery: SAVED_EVERY }));
  exportBibtex(saved.slice(0, 500)); // warm-up
  const started = performance.now();
  const text = exportBibtex(saved);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(text), saved: saved.length };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const check = (ok: boolean) => (ok ? '✓' : '✗');

/** `hides` undefined: the shorter runs do not measure them. */
export function printScale(rows: readonly ScaleRow[], hides: { full: number; trimmed: number } | undefined, runs: number): void {
  const load = execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ');
  console.log(`\nThe library at scale (real arXiv papers repeated; 1 in ${SAVED_EVERY} saved, half of those tagged; the rest hidden, trimmed), Chromium, median of ${runs} popups; load average ${load}.`);
  if (!hides) console.log('Bytes on disk per hidden record, whole against trimmed: not measured in this shorter run.\n');
  else console.log(`Bytes on disk per hidden record (IndexedDB folder, 20,000 each): kept whole ${hides.full.toFixed(0)} B, trimmed ${hides.trimmed.toFixed(0)} B (${(hides.full / hides.trimmed).toFixed(1)}x smaller).\n`);
  console.log('| records | IndexedDB on disk (estimate) | saved papers alone | per hidden record | index | opening: v7 to v9 upgrades (ids tagged already; v7 and v8 each build an index) | writing it raw |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const hidden = row.records - row.saved;
    console.log(
      `| ${row.records.toLocaleString('en')} | ${mb(row.afterIndex.folder)} (${mb(row.afterIndex.estimate)}) | ${mb(row.afterSaved.folder)} | ${((row.afterHidden.folder - row.afterSaved.folder) / hidden).toFixed(0)} B | ${mb(row.afterIndex.folder - row.afterHidden.folder)} | ${ms(row.upgradeMs)} | ${ms(row.seedMs)} |`,
    );
  }
  console.log(`\nPopup; goals: first rows ≤ floor + ${GOALS.firstRowsAfterFloor} ms, a search typed at open complete < ${GOALS.searchAtOpen} ms, p95 < ${GOALS.p95} ms, heap < ${GOALS.heapMb} MB. Baseline for the search: every saved paper read (what a complete search without the index waits for).\n`);
  console.log('| records | floor (first paint, no script) | first rows | popup first paint | typed at open: complete answer | found / full scan | baseline: saved papers read | keystroke p50 / p95 | tag filter p50 / p95 | hidden view: first page / next | JS heap |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.records.toLocaleString('en')} | ${ms(row.floor)} | ${ms(row.firstRows)} (+${ms(row.firstRows - row.floor)}) ${check(row.firstRows - row.floor <= GOALS.firstRowsAfterFloor)} | ${ms(row.firstPaint)} | ${atOpenCells(row.popupSearch, row.searchExpected)} | ${ms(row.savedRead)} | ${typingCells(row.popupSearch)} | ${ms(row.hiddenFirstPage)} / ${ms(row.hiddenNextPage)} | ${heapCell(row.popupSearch)} |`,
    );
  }
}

/** A page's search typed at open, and what it found against the full scan: two cells. */
function atOpenCells(search: SearchFigures, expected: number): string {
  const found = search.found < 0 ? `the saved papers, read whole, answered first / ${expected}` : `${search.found} / ${expected} ${check(search.found === expected)}`;
  return `${ms(search.atOpen)} ${check(search.atOpen < GOALS.searchAtOpen)} | ${found}`;
}

/** Keystroke and tag filter, p50 / p95: two cells. */
function typingCells(search: SearchFigures): string {
  return `${ms(search.keystroke.p50)} / ${ms(search.keystroke.p95)} ${check(search.keystroke.p95 < GOALS.p95)} | ${ms(search.tagFilter.p50)} / ${ms(search.tagFilter.p95)} ${check(search.tagFilter.p95 < GOALS.p95)}`;
}

const heapCell = (search: SearchFigures) => `${search.heapMb.toFixed(0)} MB ${check(search.heapMb < GOALS.heapMb)}`;

export function printLibraryPage(rows: readonly ScaleRow[]): void {
  console.log(`\nThe full-page library, same library and run; goals: export of the saved papers < ${GOALS.exportMs / 1000} s; a bulk edit shows progress (one step per chunk of 2,000); backup and restore streamed, nothing lost.\n`);
  console.log('| records | saved papers read | hidden view: first page | export of the saved, button to download | bulk tag of 10,000 selected (chunks of 2,000, progress after each): which / total / slowest chunk |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const { library } = row;
    if (!library) continue;
    const kinds = bulkEditKinds(row.records);
    console.log(
      `| ${row.records.toLocaleString('en')} | ${ms(library.savedRead)} | ${ms(library.hiddenFirstPage)} | ${ms(library.exportMs)} ${check(library.exportMs < GOALS.exportMs)} | ${library.bulkCount.toLocaleString('en')} (${kinds.saved.toLocaleString('en')} saved + ${kinds.hidden.toLocaleString('en')} hidden) in ${library.bulkChunkMs.length} chunks / ${ms(library.bulkEditMs)} / ${ms(Math.max(...library.bulkChunkMs))} |`,
    );
  }
  console.log(`\nThe library page's search, same library and run (at most 3 opens); goals as the popup's: a search typed at open complete < ${GOALS.searchAtOpen} ms, p95 < ${GOALS.p95} ms, heap < ${GOALS.heapMb} MB. Baseline: the saved papers read, above.\n`);
  console.log('| records | typed at open: complete answer | found / full scan | keystroke p50 / p95 | tag filter p50 / p95 | JS heap |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    const search = row.librarySearch;
    if (!search) continue;
    console.log(
      `| ${row.records.toLocaleString('en')} | ${atOpenCells(search, row.searchExpected)} | ${typingCells(search)} | ${heapCell(search)} |`,
    );
  }
  if (!rows.some((row) => row.backup)) return console.log('\nBackup and restore: not run in this shorter run.');
  console.log('\n| records | backup: button to download | file | page heap: before → peak | check of the file (streamed) | restore into an empty profile | page heap: before → peak | records restored / in the library | checksum of every record |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const { backup } = row;
    if (!backup) continue;
    console.log(
      `| ${row.records.toLocaleString('en')} | ${ms(backup.backupMs)} | ${mb(backup.backupBytes)} | ${backup.backupBaseMb.toFixed(0)} → ${backup.backupPeakMb.toFixed(0)} MB | ${ms(backup.checkMs)} | ${ms(backup.restoreMs)} | ${backup.restoreBaseMb.toFixed(0)} → ${backup.restorePeakMb.toFixed(0)} MB | ${backup.restored.toLocaleString('en')} / ${backup.records.toLocaleString('en')} ${check(backup.restored === backup.records)} | ${backup.restoredChecksum.toString(16)} / ${backup.checksum.toString(16)} ${check(backup.restoredChecksum === backup.checksum)} |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!BROWSER_PATH) throw new Error('The scale benchmark needs Chromium (see scripts/find-browser.ts).');
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '100000,1000000').split(',').map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const floor = await measureFloor(runs);
  const hides = POPUP_ONLY || PAGES_ONLY ? undefined : await hiddenRecordBytes(20_000);
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    rows.push(await benchScale(size, runs, floor));
    printScale(rows, hides, runs);
    if (!POPUP_ONLY) printLibraryPage(rows);
  }
  for (const size of POPUP_ONLY || PAGES_ONLY ? [] : sizes) {
    const exported = benchSavedExport(size);
    console.log(`\nBibTeX export of the ${exported.saved.toLocaleString('en')} saved papers of ${size.toLocaleString('en')}: ${ms(exported.ms)} (${mb(exported.bytes)}) ${check(exported.ms < GOALS.exportMs)} (goal < ${GOALS.exportMs / 1000} s)`);
  }
}
