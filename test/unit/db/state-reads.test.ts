// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { heldStretches, MAX_GAP, MAX_SKIPPED, MIN_RUN, planStateReads } from '../../../lib/db/state-reads';

const id = (number: number, month = '2609') => `${month}.${String(number).padStart(5, '0')}`;
const run = (from: number, count: number, step = 1, month?: string) => Array.from({ length: count }, (_, index) => id(from + index * step, month));

describe('planStateReads', () => {
  it('reads a day of new submissions as one range and asks every id exactly once', () => {
    const ids = [...run(12_000, 300, 3), id(12_000)];
    const plan = planStateReads(ids);
    expect(plan.ranges).toEqual([{ lower: id(12_000), upper: id(12_897), ids: run(12_000, 300, 3) }]);
    expect(plan.singles).toEqual([]);
  });

  it('splits where the step passes MAX_GAP, so no range holds more than MAX_GAP keys per id asked', () => {
    const ids = [...run(100, 10, MAX_GAP), ...run(5_000, 10, 1)];
    const plan = planStateReads(ids);
    expect(plan.ranges.map((range) => [range.lower, range.upper])).toEqual([
      [id(100), id(100 + 9 * MAX_GAP)],
      [id(5_000), id(5_009)],
    ]);
    for (const range of plan.ranges) expect(Number(range.upper.slice(5)) - Number(range.lower.slice(5)) + 1).toBeLessThanOrEqual(MAX_GAP * range.ids.length);
  });

  it('reads scattered, old-style and short runs one by one', () => {
    const scattered = [id(10), id(10_000), id(20_000)];
    const short = run(30_000, MIN_RUN - 1);
    const old = ['hep-th/9901001', 'math.AG/0601001'];
    const plan = planStateReads([...scattered, ...short, ...old]);
    expect(plan.ranges).toEqual([]);
    expect(new Set(plan.singles)).toEqual(new Set([...scattered, ...short, ...old]));
  });

  it('never puts ids of two months, or 4- and 5-digit numbers, in one range (their keys do not sort as numbers)', () => {
    const ids = [...run(1, 5, 1, '2608'), ...run(1, 5, 1, '2609'), '1412.0001', '1412.0002', '1412.0003', '1412.0004'];
    const plan = planStateReads(ids);
    expect(plan.ranges.map((range) => range.ids)).toEqual([run(1, 5, 1, '2608'), run(1, 5, 1, '2609'), ['1412.0001', '1412.0002', '1412.0003', '1412.0004']]);
  });

  it('works on tagged keys too (the tag is part of the stem)', () => {
    const tagged = run(700, 6).map((bare) => `arxiv:${bare}`);
    expect(planStateReads(tagged).ranges).toEqual([{ lower: tagged[0], upper: tagged[5], ids: tagged }]);
  });
});

describe('heldStretches', () => {
  it('reads the asked keys a stretch at a time, carrying at most MAX_SKIPPED unasked keys in a row', () => {
    const held = run(1, 30);
    const asked = new Set([...run(1, 5), id(5 + MAX_SKIPPED + 1), ...run(20, 3)]);
    expect(heldStretches(held, asked)).toEqual([
      { lower: id(1), upper: id(5 + MAX_SKIPPED + 1) },
      { lower: id(20), upper: id(22) },
    ]);
  });

  it('reads nothing when the range holds none of the asked keys', () => {
    expect(heldStretches(run(1, 10), new Set([id(50)]))).toEqual([]);
  });
});

describe('getStates through ranges', () => {
  const open: PapershelfDatabase[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });

  it('answers exactly what one get per id answers, with neighbours the page does not show in the library', async () => {
    const db = new PapershelfDatabase('papershelf-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    open.push(db);
    const repo = new PaperRepository(db, () => 1_700_000_000_000);
    // The library (tagged keys, as stored since v7): every id of 2609.01000–2609.01199 hidden, every 7th saved and tagged, plus an old-style id.
    const record = (key: string, saved: boolean) => ({
      id: key,
      title: `Paper ${key}`,
      authors: [],
      sources: {},
      tags: saved ? ['to read'] : [],
      createdAt: 1,
      updatedAt: 1,
      ...(saved ? { savedAt: 1 } : { hiddenAt: 1 }),
    });
    await db.papers.bulkPut([...run(1_000, 200).map((key) => record(`arxiv:${key}`, Number(key.slice(5)) % 7 === 0)), record('arxiv:hep-th/9901001', false)]);
    // The page: a run through the library's ids and past them, a scattered id, an old-style id.
    const asked = [...run(1_150, 100, 2), id(50_000), 'hep-th/9901001', 'hep-th/9901002'].map((key) => `arxiv:${key}`);
    const states = await repo.getStates(asked);
    const oneByOne = await db.papers.bulkGet(asked);
    expect(Object.keys(states)).toEqual(asked);
    asked.forEach((key, index) => {
      const record = oneByOne[index];
      expect(states[key], key).toEqual({ saved: record?.savedAt !== undefined, hidden: record?.hiddenAt !== undefined, tags: record?.tags ?? [] });
    });
    expect(Object.values(states).filter((state) => state.hidden).length).toBe(25 - 3 + 1);
  });
});
