// What one edit (a paper's tags) costs in time and bytes written, in two storage designs, for
// libraries of 1,000, 10,000 and 100,000 papers (scripts/bench-library.ts), inside real Chromium:
// - PaperMemory's: the whole library is one JSON value under one key of `chrome.storage.local`,
//   read and written back whole on every edit (vict0rsch/PaperMemory, src/shared/js/utils/state.js,
//   `addOrUpdatePaper`). Measured in a minimal extension generated here, because that design
//   needs the `storage` permission, which Papershelf does not have and must not get;
// - Papershelf's: one IndexedDB record per paper, written by the background in one Dexie
//   transaction; measured with the built extension through its own `ui:setTags` message.
// Part of `npm run bench`; on its own: `node scripts/bench-storage-designs.ts`.
// BENCH_STORAGE_SIZES=1000,10000 picks the sizes, BENCH_EDITS the edits timed per size.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { PaperRecord } from '../lib/paper/model';
import { BROWSER_PATH, launch, removeProfile } from '../test/e2e/harness.ts';
import { syntheticLibrary } from './bench-library.ts';
import { seedLibrary } from './seed-library.ts';
import { median, percentile } from './bench-stats.ts';

const SIZES = (process.env.BENCH_STORAGE_SIZES ?? '1000,10000,100000').split(',').map(Number).filter((size) => size > 0);
/** Timed edits per size: fewer at 100,000, where one PaperMemory edit takes about a minute here. */
const editsFor = (size: number) => Number(process.env.BENCH_EDITS ?? (size >= 100_000 ? 5 : 15));
/** The first edits wake the service worker and warm the caches: not what a user's edit costs. */
const WARM_UP = 2;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Result {
  /** Each timed edit, ms, warm-ups left out. */
  edits: number[];
  /** PaperMemory only: the `set` of each timed edit. */
  sets?: number[];
  bytes: number;
}

/**
 * PaperMemory's storage as a minimal MV3 extension. The code is a file of the extension because
 * the extension pages' CSP forbids inline scripts; the empty service worker is there only so that
 * the extension's id can be read from its URL, as the harness does.
 */
const PAPERMEMORY_FILES: Record<string, string> = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'PaperMemory storage design (bench)',
    version: '1.0',
    // What PaperMemory's manifest asks for; without unlimitedStorage the quota is 10 MB.
    permissions: ['storage', 'unlimitedStorage'],
    background: { service_worker: 'worker.js' },
  }),
  'worker.js': '',
  'bench.html': '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bench.js"></script>',
  'bench.js': `
    // The library is gathered here in batches (one DevTools message of 100 MB would be too much)
    // and stored as PaperMemory stores it: one object keyed by id, under the one key "papers".
    let pending = {};
    globalThis.addBatch = (records) => { for (const record of records) pending[record.id] = record; };
    globalThis.storeLibrary = async () => { await chrome.storage.local.set({ papers: pending }); pending = {}; };
    // One edit as addOrUpdatePaper does it: read the whole library, change one paper, write it all back.
    globalThis.editTags = async (id, tags) => {
      const started = performance.now();
      const { papers } = await chrome.storage.local.get('papers');
      papers[id] = { ...papers[id], tags };
      const setStarted = performance.now();
      await chrome.storage.local.set({ papers });
      const ended = performance.now();
      return { total: ended - started, set: ended - setStarted };
    };
    // Chrome keeps a storage value as its JSON: what each edit writes.
    globalThis.storedBytes = async () => new TextEncoder().encode(JSON.stringify((await chrome.storage.local.get('papers')).papers)).length;
  `,
};

type PaperMemoryPage = typeof globalThis & {
  addBatch(records: PaperRecord[]): void;
  storeLibrary(): Promise<void>;
  editTags(id: string, tags: string[]): Promise<{ total: number; set: number }>;
  storedBytes(): Promise<number>;
};

async function benchPaperMemory(papers: readonly PaperRecord[], edited: readonly string[]): Promise<Result> {
  const extensionDir = mkdtempSync(join(tmpdir(), 'papermemory-design-'));
  for (const [name, text] of Object.entries(PAPERMEMORY_FILES)) writeFileSync(join(extensionDir, name), text);
  const profile = mkdtempSync(join(tmpdir(), 'papermemory-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER_PATH,
    headless: true,
    args: [...FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/bench.html`);
    for (let start = 0; start < papers.length; start += 5_000) {
      await page.evaluate((batch) => (globalThis as PaperMemoryPage).addBatch(batch), papers.slice(start, start + 5_000));
    }
    await page.evaluate(() => (globalThis as PaperMemoryPage).storeLibrary());
    const edits: number[] = [];
    const sets: number[] = [];
    for (const [index, id] of edited.entries()) {
      const took = await page.evaluate(([id, tag]) => (globalThis as PaperMemoryPage).editTags(id, [tag]), [id, `bench-${index}`] as const);
      if (index < WARM_UP) continue;
      edits.push(took.total);
      sets.push(took.set);
    }
    return { edits, sets, bytes: await page.evaluate(() => (globalThis as PaperMemoryPage).storedBytes()) };
  } finally {
    await context.close();
    removeProfile(profile);
    removeProfile(extensionDir);
  }
}

type ExtensionPage = typeof globalThis & { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok?: boolean; error?: string } | undefined> } } };

async function benchPapershelf(papers: readonly PaperRecord[], edited: readonly string[]): Promise<Result> {
  const session = await launch(mkdtempSync(join(tmpdir(), 'papershelf-storage-')));
  try {
    await seedLibrary(session, papers);
    const page = await session.context.newPage();
    // The library page may send `ui:*` messages, as its Tags editor does. Its own scripts are kept
    // from running: loading and drawing 100,000 papers would compete for the CPU with the edits
    // timed here, which are the background's work only.
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`chrome-extension://${session.extensionId}/library.html`);
    const edits: number[] = [];
    for (const [index, id] of edited.entries()) {
      const took = await page.evaluate(
        async ([id, tag]) => {
          const started = performance.now();
          const reply = await (globalThis as ExtensionPage).chrome.runtime.sendMessage({ type: 'ui:setTags', id, tags: [tag] });
          const ms = performance.now() - started;
          if (!reply?.ok) throw new Error(`ui:setTags failed: ${JSON.stringify(reply)}`);
          return ms;
        },
        [id, `bench-${index}`] as const,
      );
      if (index >= WARM_UP) edits.push(took);
    }
    // Bytes: each edited record as stored (its serialised size), the median over the edited papers.
    const sizes = await page.evaluate(
      (ids) =>
        new Promise<number[]>((resolve, reject) => {
          const open = indexedDB.open('papershelf');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('papers').objectStore('papers').getAll();
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const wanted = new Set(ids);
              const records = (request.result as PaperRecord[]).filter((record) => wanted.has(record.id));
              open.result.close();
              resolve(records.map((record) => new TextEncoder().encode(JSON.stringify(record)).length));
            };
          };
        }),
      edited.slice(WARM_UP),
    );
    return { edits, bytes: median(sizes) };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

const p95 = (values: readonly number[]) => percentile(values, 95);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const bytes = (value: number) => (value < 2 ** 20 ? `${value.toLocaleString('en')} B` : `${(value / 2 ** 20).toFixed(1)} MB`);
/** An error as one table cell: its first line, without the pipes that would split the cell. */
const failure = (error: unknown) => `failed: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.replaceAll('|', '/')}`;

export async function benchStorageDesigns(): Promise<void> {
  if (!BROWSER_PATH) throw new Error('The storage-design bench needs Chromium.');
  const header = ['papers', 'design', 'ms per edit (median)', 'p95', 'of which set (median)', 'bytes written per edit', 'ratio of bytes vs Papershelf'];
  const rows: string[][] = [];
  for (const size of SIZES) {
    const papers = syntheticLibrary(size);
    // The same papers in both designs, spread over the library, a different one each edit.
    const edited = Array.from({ length: WARM_UP + editsFor(size) }, (_, index) => papers[(index * 7_919) % size]!.id);
    const outcomes: Array<Result | string> = [];
    for (const bench of [benchPaperMemory, benchPapershelf]) outcomes.push(await bench(papers, edited).catch(failure));
    const [memory, shelf] = outcomes;
    const label = size.toLocaleString('en');
    for (const [design, result] of [['PaperMemory (one chrome.storage.local value)', memory], ['Papershelf (one IndexedDB record per paper)', shelf]] as const) {
      if (typeof result !== 'object') {
        rows.push([label, design, String(result), '', '', '', '']);
        continue;
      }
      const ratio = typeof shelf === 'object' ? `${Math.round(result.bytes / shelf.bytes).toLocaleString('en')}x` : '';
      rows.push([label, design, ms(median(result.edits)), ms(p95(result.edits)), result.sets ? ms(median(result.sets)) : '', bytes(result.bytes), ratio]);
    }
  }
  console.log(`\nOne edit (a paper's tags) in two storage designs, ${SIZES.map(editsFor).join('/')} edits per size after ${WARM_UP} warm-ups, in Chromium (${new Date().toISOString().slice(0, 10)}):`);
  console.log('- PaperMemory: get("papers"), change one paper, set({ papers }) in chrome.storage.local; bytes = the whole library as JSON, which Chrome stores again on each edit.');
  console.log('- Papershelf: `ui:setTags` from an extension page to the background, until its reply; bytes = the edited record serialised as JSON (IndexedDB also updates its index entries).\n');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchStorageDesigns();
