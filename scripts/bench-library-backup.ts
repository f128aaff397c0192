// The full-page library at scale (issue 16), measured in the library built by
// bench-library-scale.ts (same session, same run): the saved papers read, the hidden view's first
// page, the BibTeX export of every saved paper (the Export section's button to the download), a
// bulk edit of 10,000 papers sent as the Papers section sends it (chunks of 2,000), and the backup
// (the Backup section's button to the download: time, file size, the page's peak heap); then that
// backup restored into an empty profile through the Import section (the streamed check, then the
// chunks: time, peak heap), with the count and a checksum of every record compared to the library
// it came from.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { removeProfile, type Session } from '../test/e2e/harness.ts';
import { inIndexBuckets } from '../lib/library-page/chunks.ts';
import { recordChecksum, CHECKSUM_START } from './library-checksum.ts';

export const BULK = 10_000;
const CHUNK = 2_000;
const LONG = 3_600_000;

export interface LibraryPageFigures {
  savedRead: number;
  hiddenFirstPage: number;
  exportMs: number;
  bulkEditMs: number;
  bulkChunkMs: number[];
  /** How many papers the bulk edit tagged. */
  bulkCount: number;
}

export interface BackupFigures {
  records: number;
  checksum: number;
  backupMs: number;
  backupBytes: number;
  backupPeakMb: number;
  backupBaseMb: number;
  checkMs: number;
  restoreMs: number;
  restorePeakMb: number;
  restoreBaseMb: number;
  restored: number;
  restoredChecksum: number;
}

/** Samples the page's JavaScript heap every 250 ms until stopped: the peak and where it started, in MB. */
async function heapSampler(page: Page): Promise<{ stop(): Promise<{ peak: number; base: number }> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const used = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 2 ** 20;
  const base = await used();
  let peak = base;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await used().catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
      return { peak, base };
    },
  };
}

/** Count and checksum of every record of the library, read in id order a batch at a time, in the page. */
async function libraryChecksum(page: Page): Promise<{ count: number; checksum: number }> {
  await page.evaluate(`globalThis.recordChecksum = ${recordChecksum.toString()};`);
  return page.evaluate(
    (start) =>
      new Promise<{ count: number; checksum: number }>((resolve, reject) => {
        const checksumOf = (globalThis as unknown as { recordChecksum: (hash: number, record: unknown) => number }).recordChecksum;
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          let count = 0;
          let checksum = start;
          const next = (after: IDBValidKey | undefined) => {
            const store = db.transaction('papers').objectStore('papers');
            const request = store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), 5_000);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const records = request.result as Array<{ id: string }>;
              for (const record of records) checksum = checksumOf(checksum, record);
              count += records.length;
              if (records.length < 5_000) {
                db.close();
                resolve({ count, checksum });
              } else next(records[records.length - 1]!.id);
            };
          };
          next(undefined);
        };
      }),
    CHECKSUM_START,
  );
}

/** The library page's Papers, Export and bulk edit figures; `ids` are the 10,000 papers to tag (saved first, then hidden ones when fewer are saved). */
export async function measureLibraryPage(session: Session, ids: readonly string[]): Promise<LibraryPageFigures> {
  const started = Date.now();
  const { page } = await session.openLibrary();
  const exportButton = page.locator('section[aria-labelledby="export-heading"]').getByRole('button', { name: 'Export BibTeX' });
  await page.waitForFunction(() => !(document.querySelector('#export-tag') as HTMLSelectElement | null)?.disabled, undefined, { timeout: LONG, polling: 100 });
  const savedRead = Date.now() - started;

  const papers = page.locator('section.papers');
  const hiddenStarted = Date.now();
  await papers.locator('label.segment', { hasText: 'Hidden' }).click();
  // Its first row on screen (a row of the hidden view says its state), as the popup's figure.
  await papers.locator('[role="row"] .paper-state').first().waitFor({ timeout: LONG });
  const hiddenFirstPage = Date.now() - hiddenStarted;
  await papers.locator('label.segment', { hasText: 'Saved' }).click();

  const exportStarted = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), exportButton.click()]);
  const exportMs = Date.now() - exportStarted;
  await download.delete();

  // As the Papers section sends a bulk edit (lib/library-page/chunks.ts runInChunks): chunks of
  // 2,000, one after the other, every open page held off following the library until the last
  // (lib/ui/library-hold.ts's channel and message), in the index's bucket order (chunks.ts
  // inIndexBuckets). BENCH_BULK_UNHELD=1 sends them without the hold; BENCH_BULK_ORDER=selected in
  // the order given, as the page did before it grouped them.
  const chunks = await page.evaluate(
    async ({ ids, size, held }) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome;
      const hold = (on: boolean) => {
        if (!held) return;
        const channel = new BroadcastChannel('papershelf:library-hold');
        channel.postMessage({ held: on });
        channel.close();
      };
      const times: number[] = [];
      hold(true);
      try {
        for (let start = 0; start < ids.length; start += size) {
          const began = performance.now();
          const reply = await runtime.sendMessage({ type: 'ui:bulkTags', ids: ids.slice(start, start + size), add: ['bench-bulk'], remove: [] });
          if (!reply.ok) throw new Error(reply.error);
          times.push(performance.now() - began);
          hold(true);
        }
      } finally {
        hold(false);
      }
      return times;
    },
    { ids: bulkOrder(ids.slice(0, BULK)), size: CHUNK, held: process.env.BENCH_BULK_UNHELD !== '1' },
  );
  await page.close();
  return { savedRead, hiddenFirstPage, exportMs, bulkEditMs: chunks.reduce((sum, ms) => sum + ms, 0), bulkChunkMs: chunks, bulkCount: Math.min(BULK, ids.length) };
}

/** The backup of the session's library, then restored into a fresh profile from `launchFresh`. */
export async function measureBackupRestore(session: Session, launchFresh: () => Promise<Session>): Promise<BackupFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'papershelf-bench-backup-'));
  const file = join(folder, 'backup.json');
  try {
    const { page } = await session.openLibrary();
    const before = await libraryChecksum(page);
    const heap = await heapSampler(page);
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), page.getByRole('button', { name: 'Download backup' }).click()]);
    const backupMs = Date.now() - started;
    const backupHeap = await heap.stop();
    await download.saveAs(file);
    await page.close();

    const fresh = await launchFresh();
    try {
      const { page: restorePage } = await fresh.openLibrary();
      const restoreHeap = await heapSampler(restorePage);
      const checkStarted = Date.now();
      // The page checks the file as it is chosen: at a million records that alone takes minutes.
      await restorePage.locator('#import-file').setInputFiles(file, { timeout: LONG });
      const restore = restorePage.getByRole('button', { name: /^Restore [\d,]+ papers?$/ });
      await restore.waitFor({ timeout: LONG });
      const checkMs = Date.now() - checkStarted;
      const restoreStarted = Date.now();
      await restore.click();
      await restorePage.waitForFunction(() => /^(Restored|Nothing was restored)/.test(document.querySelector('section[aria-labelledby="import-heading"] .done, section[aria-labelledby="import-heading"] .problem')?.textContent ?? ''), undefined, { timeout: LONG, polling: 500 });
      const restoreMs = Date.now() - restoreStarted;
      const restoredHeap = await restoreHeap.stop();
      const after = await libraryChecksum(restorePage);
      return {
        records: before.count,
        checksum: before.checksum,
        backupMs,
        backupBytes: statSync(file).size,
        backupPeakMb: backupHeap.peak,
        backupBaseMb: backupHeap.base,
        checkMs,
        restoreMs,
        restorePeakMb: restoredHeap.peak,
        restoreBaseMb: restoredHeap.base,
        restored: after.count,
        restoredChecksum: after.checksum,
      };
    } finally {
      await fresh.close();
      removeProfile(fresh.userDataDir);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The order the page sends a bulk edit's ids in (or, for a baseline, the order they were selected in). */
function bulkOrder(ids: readonly string[]): string[] {
  return process.env.BENCH_BULK_ORDER === 'selected' ? ids.slice() : inIndexBuckets(ids, (id) => id);
}
