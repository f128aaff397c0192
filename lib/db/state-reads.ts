/**
 * How to read the states of a listing's papers with few IndexedDB requests. One `get` per id costs
 * a round trip to the browser's storage process each (2000 of them are most of a listing's
 * question); a key range costs one request for every key it holds. A day's listing is mostly new
 * submissions whose numbers follow each other, so ids close together are read as one range of
 * keys (at most MAX_GAP keys per id, however full the library); the records found there are read
 * a stretch of keys at a time (heldStretches), and only the scattered ids one by one.
 */

/** The widest step between two ids of one range: it bounds the keys read per id asked. */
export const MAX_GAP = 16;
/** Fewer ids than this are cheaper read one by one than through a range. */
export const MIN_RUN = 4;

export interface KeyRange {
  lower: string;
  upper: string;
  /** The asked ids inside the range. */
  ids: string[];
}

export interface StateReadPlan {
  ranges: KeyRange[];
  /** Ids read one by one (old-style ids, ids far from any other). */
  singles: string[];
}

/**
 * A key ends in an arXiv number `YYMM.NNNNN` (whatever precedes it: a tag such as `arxiv:`). Keys
 * with the same stem and as many digits sort as their numbers do, which is what makes a range exact.
 */
const NUMBERED = /^(.*\d{4}\.)(\d{4,5})$/;

export function planStateReads(ids: readonly string[]): StateReadPlan {
  const byStem = new Map<string, Array<{ id: string; number: number }>>();
  const singles: string[] = [];
  for (const id of new Set(ids)) {
    const match = NUMBERED.exec(id);
    if (!match) {
      singles.push(id);
      continue;
    }
    const stem = `${match[1]}#${match[2]!.length}`;
    let list = byStem.get(stem);
    if (!list) byStem.set(stem, (list = []));
    list.push({ id, number: Number(match[2]) });
  }
  const ranges: KeyRange[] = [];
  for (const list of byStem.values()) {
    list.sort((a, b) => a.number - b.number);
    let run: typeof list = [];
    const close = () => {
      if (run.length >= MIN_RUN) ranges.push({ lower: run[0]!.id, upper: run.at(-1)!.id, ids: run.map((entry) => entry.id) });
      else singles.push(...run.map((entry) => entry.id));
      run = [];
    };
    for (const entry of list) {
      if (run.length > 0 && entry.number - run.at(-1)!.number > MAX_GAP) close();
      run.push(entry);
    }
    close();
  }
  return { ranges, singles };
}

/** Keys held but not asked that a stretch may carry along before it ends (records read for nothing). */
export const MAX_SKIPPED = 4;

/**
 * The stretches of `held` (the keys of one range, in key order) worth reading as one request each:
 * every asked key found, with at most MAX_SKIPPED unasked keys in a row between two of them.
 */
export function heldStretches(held: readonly string[], asked: ReadonlySet<string>): Array<{ lower: string; upper: string }> {
  const stretches: Array<{ lower: string; upper: string }> = [];
  let lower: string | undefined;
  let upper = '';
  let skipped = 0;
  for (const key of held) {
    if (asked.has(key)) {
      lower ??= key;
      upper = key;
      skipped = 0;
    } else if (lower !== undefined && ++skipped > MAX_SKIPPED) {
      stretches.push({ lower, upper });
      lower = undefined;
    }
  }
  if (lower !== undefined) stretches.push({ lower, upper });
  return stretches;
}
