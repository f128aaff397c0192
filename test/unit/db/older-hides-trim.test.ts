// @vitest-environment node
/**
 * A library hidden into before trimming existed keeps every abstract: the background trims its
 * hides older than the ranker's window, a batch at a time, and goes on where it stopped after a
 * restart. The window's hides, saved and tagged papers stay whole; hides of one instant that
 * straddle two batches are all trimmed; once done it never reads the library again.
 */
import { describe, expect, it } from 'vitest';
import { trimOlderHidesInBatches, TRIM_PROGRESS_KEY } from '../../../lib/background/older-hides-trim';
import { trimmedHide } from '../../../lib/db/hidden-trim';
import type { PaperRecord } from '../../../lib/paper/model';
import { paperIdOf } from '../../../lib/paper/paper-id';
import { fakeLibraries } from '../fake-library';

const setup = fakeLibraries('papershelf-older-hides-trim-test');
const WINDOW = 10;

function hidden(index: number, at: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  const arxiv = `2401.${String(10_000 + index)}`;
  const id = paperIdOf('arxiv', arxiv);
  return { id, title: `Paper ${index}`, authors: ['Ada Lovelace'], abstract: 'We study bounds at length.', comments: '12 pages', publishedAt: '2024-01-02', sources: { arxiv: `https://arxiv.org/abs/${arxiv}` }, citationKey: `paper${index}`, tags: [], hiddenAt: at, createdAt: at, updatedAt: at, ...extra };
}

/** 60 hides: the newest 10 in the window; 25 of the older ones at one instant (a Replace); one saved, one tagged. */
function library(): PaperRecord[] {
  return Array.from({ length: 60 }, (_, index) => {
    const at = index < 25 ? 1_000 : 1_000 + index * 10;
    if (index === 3) return hidden(index, at, { savedAt: 5_000 });
    if (index === 30) return hidden(index, at, { tags: ['keep'] });
    return hidden(index, at);
  });
}

describe('trimming the hides that predate trimming', () => {
  it('trims every older hide, batch by batch, and leaves the window, saved and tagged papers whole', async () => {
    const { db } = setup();
    const records = library();
    await db.papers.bulkPut(records);
    let pauses = 0;
    const trimmed = await trimOlderHidesInBatches(db, async () => void pauses++, WINDOW + 1, WINDOW);

    const newest = new Set([...records].sort((a, b) => b.hiddenAt! - a.hiddenAt!).slice(0, WINDOW).map((paper) => paper.id));
    const expected = records.map((paper) => (newest.has(paper.id) ? paper : (trimmedHide(paper) ?? paper)));
    expect(await db.papers.orderBy(':id').toArray()).toEqual([...expected].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(trimmed).toBe(60 - WINDOW - 2);
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect((await db.settings.get(TRIM_PROGRESS_KEY))?.value).toEqual({ done: true });

    // Done: a later start reads nothing, and an old hide written since stays as written.
    await db.papers.put(hidden(100, 10));
    expect(await trimOlderHidesInBatches(db, async () => {}, 7, WINDOW)).toBe(0);
    expect((await db.papers.get('arxiv:2401.10100'))?.abstract).toBeDefined();
  }, 30_000);

  it('goes on where it stopped when the background stopped part-way', async () => {
    const { db } = setup();
    await db.papers.bulkPut(library());
    // Stopped after its second batch (the pause never returns).
    let batches = 0;
    const stopped = trimOlderHidesInBatches(db, () => (++batches >= 2 ? new Promise(() => {}) : Promise.resolve()), 7, WINDOW);
    await expect.poll(() => batches).toBe(2);
    void stopped;
    const progress = (await db.settings.get(TRIM_PROGRESS_KEY))?.value as { cursor: { before: number } };
    expect(progress.cursor.before).toBeGreaterThan(0);
    const left = (await db.papers.toArray()).filter((paper) => paper.hiddenAt! < progress.cursor.before && paper.abstract !== undefined && paper.savedAt === undefined && paper.tags.length === 0);
    expect(left.length).toBeGreaterThan(0);

    const rest = await trimOlderHidesInBatches(db, async () => {}, 7, WINDOW);
    expect(rest).toBe(left.length);
    expect((await db.settings.get(TRIM_PROGRESS_KEY))?.value).toEqual({ done: true });
  }, 30_000);
});
