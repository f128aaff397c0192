// @vitest-environment node
/**
 * Long edits go out in chunks, one after the other: progress after each, every chunk's Undo
 * records kept, and a failure stops the rest and says how far it got. A multi-chunk edit goes in
 * the search index's bucket order, so that each chunk rewrites few of the buckets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, inIndexBuckets, runInChunks, type ChunkAnswer } from '../../../lib/library-page/chunks';
import { PAPER_BUCKETS, paperBucketOf } from '../../../lib/search/word-index';
import { followLibraryHolds } from '../../../lib/ui/library-hold';

const stopFollowing: Array<() => void> = [];
afterEach(() => stopFollowing.splice(0).forEach((stop) => stop()));

/** An open page following holds (Node's BroadcastChannel delivers as a browser's does): when it was held and released. */
function openPage() {
  const events: string[] = [];
  stopFollowing.push(
    followLibraryHolds(() => {
      events.push('held');
      return () => events.push('released');
    }),
  );
  return events;
}

/** Lets the channel's messages arrive. */
const settle = async () => {
  for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
};

const items = Array.from({ length: 10 }, (_, index) => index);

describe('runInChunks', () => {
  it('sends every item once, in order, in chunks of the size asked, and reports progress', async () => {
    const sent: number[][] = [];
    const progress: number[] = [];
    const result = await runInChunks(
      items,
      async (chunk): Promise<ChunkAnswer<string>> => {
        sent.push(chunk);
        return { ok: true, previous: chunk.filter((item) => item % 2 === 0).map(String) };
      },
      (done) => progress.push(done),
      4,
    );
    expect(sent).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(progress).toEqual([4, 8, 10]);
    expect(result).toEqual({ done: 10, previous: ['0', '2', '4', '6', '8'] });
  });

  it('stops at the first failure, keeping what the chunks before it did', async () => {
    let calls = 0;
    const result = await runInChunks(
      items,
      async (chunk): Promise<ChunkAnswer<number>> => (++calls === 2 ? { ok: false, error: 'storage is full' } : { ok: true, previous: chunk }),
      undefined,
      4,
    );
    expect(calls).toBe(2);
    expect(result).toEqual({ done: 4, previous: [0, 1, 2, 3], error: 'storage is full' });
  });

  it('sends nothing for nothing', async () => {
    let calls = 0;
    expect(await runInChunks([], async () => ({ ok: true, previous: [++calls] }))).toEqual({ done: 0, previous: [] });
    expect(calls).toBe(0);
  });

  it('holds every open page off following the library over several chunks, and releases it after the last, or a failure', async () => {
    const page = openPage();
    const seen: string[][] = [];
    await runInChunks(
      items,
      async (chunk): Promise<ChunkAnswer<string>> => {
        await settle();
        seen.push([...page]);
        return { ok: true, previous: chunk.map(String) };
      },
      () => {},
      4,
    );
    await settle();
    // Held before the first chunk's write landed, once for the whole edit, released at the end.
    expect(seen).toEqual([['held'], ['held'], ['held']]);
    expect(page).toEqual(['held', 'released']);

    page.length = 0;
    await runInChunks(items, async (): Promise<ChunkAnswer<string>> => ({ ok: false, error: 'The library could not be written.' }), () => {}, 4);
    await settle();
    expect(page).toEqual(['held', 'released']);
  });

  it('holds nothing for an edit of one chunk (the page follows that write as any other)', async () => {
    const page = openPage();
    await runInChunks(items, async (chunk): Promise<ChunkAnswer<string>> => ({ ok: true, previous: chunk.map(String) }), () => {}, 10);
    await settle();
    expect(page).toEqual([]);
  });
});

describe('inIndexBuckets', () => {
  const ids = Array.from({ length: 10_000 }, (_, index) => `arxiv:24${String(index % 12).padStart(2, '0')}.${String(10_000 + index * 7)}`);
  const bucketsPerChunk = (list: readonly string[]) =>
    Array.from({ length: Math.ceil(list.length / CHUNK_SIZE) }, (_, chunk) => new Set(list.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE).map(paperBucketOf)).size);

  it('keeps every item once, grouping a multi-chunk edit so that each chunk touches few of the index buckets', () => {
    const ordered = inIndexBuckets(ids, (id) => id);
    expect([...ordered].sort()).toEqual([...ids].sort());
    // In the reader's order, each chunk of 2,000 falls in nearly all 512 buckets; grouped, about a fifth.
    expect(Math.min(...bucketsPerChunk(ids))).toBeGreaterThan(450);
    expect(Math.max(...bucketsPerChunk(ordered))).toBeLessThan(120);
    // A bucket is split between two chunks at most once: the buckets touched add up to about 512.
    expect(bucketsPerChunk(ordered).reduce((sum, count) => sum + count, 0)).toBeLessThan(PAPER_BUCKETS + 5);
  });

  it('keeps the order within a bucket, and leaves a one-chunk edit as it is', () => {
    const records = ids.map((id, index) => ({ id, index }));
    const ordered = inIndexBuckets(records, (record) => record.id);
    for (let i = 1; i < ordered.length; i++) {
      const [before, after] = [ordered[i - 1]!, ordered[i]!];
      if (paperBucketOf(before.id) === paperBucketOf(after.id)) expect(before.index).toBeLessThan(after.index);
    }
    const few = ids.slice(0, CHUNK_SIZE);
    expect(inIndexBuckets(few, (id) => id)).toEqual(few);
  });
});
