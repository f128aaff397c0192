// @vitest-environment node
/**
 * Counts made in steps (lib/ui/stepped-count.ts) equal IndexedDB's own count: for a store's records
 * (a remainder shorter than a step, exactly a step, empty) and for a sparse index of dates with
 * gaps, bursts and many papers at the same instant.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { requested } from '../../../lib/db/library-connection';
import { countNumberIndexInSteps, countStoreInSteps } from '../../../lib/ui/stepped-count';

async function storeWith(records: Array<{ id: string; hiddenAt?: number }>): Promise<IDBObjectStore> {
  const factory = new IDBFactory();
  const open = factory.open('counts', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('papers', { keyPath: 'id' }).createIndex('hiddenAt', 'hiddenAt');
  const db = await requested(open);
  const write = db.transaction('papers', 'readwrite');
  for (const record of records) write.objectStore('papers').put(record);
  await new Promise((resolve) => (write.oncomplete = resolve));
  return db.transaction('papers', 'readonly').objectStore('papers');
}

describe('counting in steps', () => {
  for (const size of [0, 1, 99, 100, 101, 1_234]) {
    it(`counts a store of ${size} records as count() does`, async () => {
      const store = await storeWith(Array.from({ length: size }, (_, index) => ({ id: `arxiv:${String(index).padStart(5, '0')}` })));
      expect(await countStoreInSteps(store, IDBKeyRange, 100)).toBe(size);
    });
  }

  it('counts a sparse index of dates with gaps, bursts and shared instants as count() does', async () => {
    const records: Array<{ id: string; hiddenAt?: number }> = [];
    const at = 1_766_966_400_000;
    for (let index = 0; index < 3_000; index++) {
      // A quiet start, a burst of 800 hides in one instant, a year's gap, then one a minute.
      const hiddenAt = index % 7 === 0 ? undefined : index < 500 ? at + index * 86_400_000 : index < 1_300 ? at + 600 * 86_400_000 : at + 965 * 86_400_000 + index * 60_000;
      records.push(hiddenAt === undefined ? { id: `p${index}` } : { id: `p${index}`, hiddenAt });
    }
    const store = await storeWith(records);
    const expected = await requested(store.index('hiddenAt').count());
    expect(expected).toBeGreaterThan(2_000);
    for (const step of [1, 50, 400, 10_000]) expect(await countNumberIndexInSteps(store.index('hiddenAt'), IDBKeyRange, step)).toBe(expected);
  });

  it('counts an index whose entries share one date, and an empty one', async () => {
    const store = await storeWith([{ id: 'a', hiddenAt: 5 }, { id: 'b', hiddenAt: 5 }, { id: 'c' }]);
    expect(await countNumberIndexInSteps(store.index('hiddenAt'), IDBKeyRange, 1)).toBe(2);
    const empty = await storeWith([{ id: 'a' }]);
    expect(await countNumberIndexInSteps(empty.index('hiddenAt'), IDBKeyRange, 1)).toBe(0);
  });
});
