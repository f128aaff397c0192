import type { PaperRecord } from '../paper/model';
import type { PapershelfDatabase } from './database';
import { heldStretches, planStateReads } from './state-reads';

/**
 * The records the library holds among `ids`, in one read transaction: ids close together through
 * key ranges (keys only), then the records found there a stretch at a time, and one `get` per
 * scattered id (state-reads.ts says why).
 */
export async function readHeld(db: PapershelfDatabase, ids: readonly string[]): Promise<Map<string, PaperRecord>> {
  const plan = planStateReads(ids);
  return db.transaction('r', db.papers, async () => {
    const keyLists = await Promise.all(plan.ranges.map((range) => db.papers.where(':id').between(range.lower, range.upper, true, true).primaryKeys()));
    const asked = new Set(ids);
    const stretches = keyLists.flatMap((keys) => heldStretches(keys, asked));
    const [inStretches, singles] = await Promise.all([
      Promise.all(stretches.map((stretch) => db.papers.where(':id').between(stretch.lower, stretch.upper, true, true).toArray())),
      db.papers.bulkGet(plan.singles),
    ]);
    const held = new Map<string, PaperRecord>();
    for (const record of inStretches.flat()) if (asked.has(record.id)) held.set(record.id, record);
    singles.forEach((record, index) => {
      if (record) held.set(plan.singles[index]!, record);
    });
    return held;
  });
}
