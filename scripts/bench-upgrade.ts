// Schema v7's upgrade (tagged paper ids) on a big library, in Chromium with the built extension.
// Part of `npm run bench` (in a tsx process of its own), or alone:
// `npm run build && npx tsx scripts/bench-upgrade.ts` (100,000 records; BENCH_SCALE_SIZES=100000,1000000
// adds a million).
//
// Each size gets a fresh profile. The library is the real arXiv papers of ../shared/data repeated
// under fresh ids (scripts/real-library.ts), one in 20 saved, the rest hidden and trimmed, written
// straight into IndexedDB under bare arXiv ids as schema v6 stored them (its search index left
// empty: v7 rebuilds it either way). The first extension page that opens the library runs the
// upgrade: every record moves to its tagged key, in batches, and the index is rebuilt. Baseline
// from the same run: the time it took to write those records in the first place.
import type { Page } from 'playwright-core';
import { createEmptyLibrary, helperPage, launchScale, seed, upgrade, V6_STORES } from './bench-library-scale.ts';
import { BROWSER_PATH, removeProfile } from '../test/e2e/harness.ts';

export interface UpgradeRow {
  records: number;
  writeMs: number;
  upgradeMs: number;
  tagged: number;
}

export async function benchUpgrade(records: number): Promise<UpgradeRow> {
  const session = await launchScale();
  try {
    const helper = await helperPage(session);
    await createEmptyLibrary(helper, V6_STORES, 60);
    const started = Date.now();
    await seed(helper, { size: records, hidden: 'trimmed', only: 'saved', idTag: '' });
    await seed(helper, { size: records, hidden: 'trimmed', only: 'hidden', idTag: '' });
    const writeMs = Date.now() - started;
    await checkNotUpgraded(helper, records);
    const upgradeMs = await upgrade(session, helper);
    return { records, writeMs, upgradeMs, tagged: await countTagged(helper) };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

/**
 * The library still at v6 with every paper under its bare id, before the timer starts: a service
 * worker woken during the seeding (an alarm) would open the library and run the upgrade early,
 * and the figure would time only what was left of it.
 */
async function checkNotUpgraded(page: Page, records: number): Promise<void> {
  const { version, bare } = await page.evaluate(
    () =>
      new Promise<{ version: number; bare: number }>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('papers').objectStore('papers').count(IDBKeyRange.upperBound('arxiv:', true));
          count.onsuccess = () => {
            db.close();
            resolve({ version: db.version, bare: count.result });
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
  if (version !== 60 || bare !== records) throw new Error(`The library was not left at v6 before the upgrade was timed (IndexedDB version ${version}, ${bare.toLocaleString('en')} of ${records.toLocaleString('en')} papers under bare ids): the figure would mean nothing.`);
}

/** How many papers are stored under an `arxiv:` key once the upgrade is done: all of them, or the figure means nothing. */
async function countTagged(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('papers').objectStore('papers').count(IDBKeyRange.bound('arxiv:', 'arxiv;', false, true));
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function printUpgrade(rows: readonly UpgradeRow[]): void {
  console.log('\nSchema v7 upgrade (every paper moved to its tagged id, search index rebuilt), Chromium, one run per size');
  console.log('| Records | Writing them (baseline) | v7 upgrade | Upgrade / writing | Per 1,000 records | Tagged after |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.records.toLocaleString('en')} | ${seconds(row.writeMs)} | ${seconds(row.upgradeMs)} | ${(row.upgradeMs / row.writeMs).toFixed(2)}× | ${((row.upgradeMs / row.records) * 1000).toFixed(0)} ms | ${row.tagged.toLocaleString('en')}${row.tagged === row.records ? '' : ' (NOT ALL)'} |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!BROWSER_PATH) throw new Error('The upgrade benchmark needs Chromium (see scripts/find-browser.ts).');
  const asked = (process.env.BENCH_SCALE_SIZES ?? '').split(',').map(Number).filter((size) => size > 0);
  // A million records takes minutes to write and to upgrade here: only when asked for.
  const sizes = asked.length > 0 ? asked : [100_000];
  const rows: UpgradeRow[] = [];
  for (const size of sizes) {
    rows.push(await benchUpgrade(size));
    printUpgrade(rows);
  }
}
