// @vitest-environment node
/**
 * The repository's library edits (popup and library page): tags on one paper or many, renaming,
 * merging and deleting a tag, notes, unsave/unhide of many, delete and its Undo. Every edit is one
 * transaction: a refusal stores nothing.
 */
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { PapershelfDatabase } from '../../../lib/db/database';
import { MAX_UNDO_BYTES, PaperRepository, RepositoryError } from '../../../lib/db/repository';
import { LIMITS, type PaperInput, type PaperRecord } from '../../../lib/paper/model';

const setup = fakeLibraries('papershelf-edits-test');

function paper(id: string, overrides: Partial<PaperInput> = {}): PaperInput {
  return { id, title: `Paper ${id}`, authors: ['Ada Lovelace'], site: 'arxiv', url: `https://arxiv.org/abs/${id}`, ...overrides };
}

const A = 'arxiv:2409.00001';
const B = 'arxiv:2409.00002';
const C = 'arxiv:2409.00003';
const UNKNOWN = 'arxiv:2409.99999';

async function all(db: PapershelfDatabase): Promise<PaperRecord[]> {
  return db.papers.toArray();
}

async function tagsOf(repo: PaperRepository, id: string): Promise<string[] | undefined> {
  return (await repo.get(id))?.tags;
}

/** Runs an edit that must be refused, and checks it says so in words and stores nothing. */
async function expectRefused(db: PapershelfDatabase, edit: () => Promise<unknown>, message: RegExp | string): Promise<void> {
  const before = await all(db);
  const error = await edit().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RepositoryError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
  expect(await all(db)).toEqual(before);
}

describe('setTagsOf', () => {
  it('replaces the tags, cleaned, in the library spelling, and returns the paper as it was', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['LLM']);
    await repo.save(paper(B));
    const before = await repo.get(B);
    const edit = await repo.setTagsOf(B, ['  llm ', 'to   read', 'LLM']);
    expect(await tagsOf(repo, B)).toEqual(['LLM', 'to read']);
    expect(edit.states).toEqual({ [B]: { saved: true, hidden: false, tags: ['LLM', 'to read'] } });
    expect(edit.previous).toEqual([before]);
  });

  it('saves a hidden paper that gets tags, as tagging a card does; clearing the tags keeps it saved', async () => {
    const { repo } = setup();
    await repo.hide(paper(A));
    const edit = await repo.setTagsOf(A, ['revisit']);
    expect(edit.states[A]).toEqual({ saved: true, hidden: true, tags: ['revisit'] });
    await repo.setTagsOf(A, []);
    expect(await repo.get(A)).toMatchObject({ tags: [], savedAt: expect.any(Number) });
  });

  it('changes nothing when the tags are the same', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['x']);
    const before = await repo.get(A);
    expect(await repo.setTagsOf(A, ['x'])).toEqual({ states: {}, previous: [] });
    expect(await repo.get(A)).toEqual(before);
  });

  it('refuses a bad tag and a paper the library does not hold, in words', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['x']);
    await expectRefused(db, () => repo.setTagsOf(A, ['x', 'a,b']), 'A tag cannot contain a comma: commas separate tags.');
    await expectRefused(db, () => repo.setTagsOf(UNKNOWN, ['x']), `arXiv:${UNKNOWN.slice('arxiv:'.length)} is not in the library.`);
    await expectRefused(db, () => repo.setTagsOf(A, Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`)), /at most 500 tags/);
  });
});

describe('setNote', () => {
  it('sets, replaces and (when blank) removes the note', async () => {
    const { repo } = setup();
    await repo.save(paper(A));
    expect((await repo.setNote(A, 'Read section 3.')).previous).toHaveLength(1);
    expect((await repo.get(A))?.note).toBe('Read section 3.');
    await repo.setNote(A, 'Section 4 instead.\nAnd 5.');
    expect((await repo.get(A))?.note).toBe('Section 4 instead.\nAnd 5.');
    const edit = await repo.setNote(A, '   ');
    expect(edit.previous[0]?.note).toBe('Section 4 instead.\nAnd 5.');
    expect(await repo.get(A)).not.toHaveProperty('note');
    expect(await repo.setNote(A, '')).toEqual({ states: {}, previous: [] });
  });

  it('refuses a note over the limit and an unknown paper', async () => {
    const { db, repo } = setup();
    await repo.save(paper(A));
    await expectRefused(db, () => repo.setNote(A, 'x'.repeat(LIMITS.note + 1)), 'A note is at most 20,000 characters.');
    await expectRefused(db, () => repo.setNote(UNKNOWN, 'hello'), `arXiv:${UNKNOWN.slice('arxiv:'.length)} is not in the library.`);
  });
});

describe('bulkTags', () => {
  it('adds and removes on many papers, skipping unknown ids and papers it would not change', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['Old', 'keep']);
    await repo.setTags(paper(B), ['x']);
    // Another spelling of the same tag, as an older library may hold (setTags would spell it "Old").
    await db.papers.update(B, { tags: ['OLD'] });
    await repo.setTags(paper(C), ['LLM']);
    const edit = await repo.bulkTags([A, B, UNKNOWN, A], ['llm', 'New one'], ['old']);
    expect(await tagsOf(repo, A)).toEqual(['keep', 'LLM', 'New one']);
    expect(await tagsOf(repo, B)).toEqual(['LLM', 'New one']);
    expect(await tagsOf(repo, C)).toEqual(['LLM']);
    expect(Object.keys(edit.states).sort()).toEqual([A, B]);
    expect(edit.previous.map((record) => record.tags)).toEqual([['Old', 'keep'], ['OLD']]);
    // Again: nothing left to change.
    expect(await repo.bulkTags([A, B], ['llm'], ['old'])).toEqual({ states: {}, previous: [] });
  });

  it("keeps the paper's own spelling of a tag it has, and saves a hidden paper that gains one", async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['Vision']);
    await repo.hide(paper(B));
    await repo.bulkTags([A, B], ['VISION'], []);
    expect(await tagsOf(repo, A)).toEqual(['Vision']);
    expect(await repo.get(B)).toMatchObject({ tags: ['Vision'], savedAt: expect.any(Number), hiddenAt: expect.any(Number) });
  });

  it('removing only never saves a paper', async () => {
    const { repo } = setup();
    await repo.setTags(paper(A), ['x']);
    await repo.unsave(A);
    await repo.bulkTags([A], [], ['X']);
    expect(await repo.get(A)).toMatchObject({ tags: [] });
    expect(await repo.get(A)).not.toHaveProperty('savedAt');
  });

  it('refuses, storing nothing: a bad tag, a tag both added and removed, a paper that would exceed the tag limit', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['x']);
    await repo.setTags(paper(B), Array.from({ length: LIMITS.tags }, (_, i) => `t${i}`));
    await expectRefused(db, () => repo.bulkTags([A], ['\u0007bell'], []), 'A tag cannot contain control characters.');
    await expectRefused(db, () => repo.bulkTags([A], ['Both'], ['both']), 'The tag "Both" cannot be both added and removed.');
    // A is fine, B is not: neither changes.
    await expectRefused(db, () => repo.bulkTags([A, B], ['one more'], []), `arXiv:${B.slice('arxiv:'.length)} would have 501 tags; a paper can have at most 500.`);
  });
});

describe('renameTag', () => {
  it('renames every spelling of a tag, found ignoring case', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['first', 'ml', 'last']);
    await repo.setTags(paper(B), ['x']);
    await db.papers.update(B, { tags: ['ML'] });
    await repo.setTags(paper(C), ['other']);
    const edit = await repo.renameTag('Ml', 'machine learning');
    expect(await tagsOf(repo, A)).toEqual(['first', 'machine learning', 'last']);
    expect(await tagsOf(repo, B)).toEqual(['machine learning']);
    expect(await tagsOf(repo, C)).toEqual(['other']);
    expect(Object.keys(edit.states).sort()).toEqual([A, B]);
    expect(await repo.tagCounts()).toEqual([
      { tag: 'machine learning', count: 2 },
      { tag: 'first', count: 1 },
      { tag: 'last', count: 1 },
      { tag: 'other', count: 1 },
    ]);
  });

  it('merges into a tag the library has, in its spelling; a paper with both keeps one', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['nlp', 'LLM']);
    await repo.setTags(paper(B), ['x']);
    await db.papers.update(B, { tags: ['NLP'] });
    await repo.setTags(paper(C), ['LLM', 'x']);
    const edit = await repo.renameTag('nlp', 'llm');
    expect(await tagsOf(repo, A)).toEqual(['LLM']);
    expect(await tagsOf(repo, B)).toEqual(['LLM']);
    expect(await tagsOf(repo, C)).toEqual(['LLM', 'x']);
    // In index order (spellings sort by code unit); sorted here by id.
    expect(edit.previous.map((record) => [record.id, record.tags]).sort()).toEqual([
      [A, ['nlp', 'LLM']],
      [B, ['NLP']],
    ]);
    expect(await repo.tagCounts()).toEqual([
      { tag: 'LLM', count: 3 },
      { tag: 'x', count: 1 },
    ]);
  });

  it('respells a tag ("llm" to "LLM") everywhere, and leaves unsaved papers unsaved', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['llm']);
    await repo.setTags(paper(B), ['x']);
    await db.papers.update(B, { tags: ['Llm'] });
    await repo.unsave(B);
    await repo.renameTag('LLM', 'LLM');
    expect(await tagsOf(repo, A)).toEqual(['LLM']);
    expect(await tagsOf(repo, B)).toEqual(['LLM']);
    expect(await repo.get(B)).not.toHaveProperty('savedAt');
  });

  it('changes nothing for a tag no paper has, and refuses a bad new name', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['x']);
    expect(await repo.renameTag('nothing', 'y')).toEqual({ states: {}, previous: [] });
    await expectRefused(db, () => repo.renameTag('x', 'a,b'), 'A tag cannot contain a comma: commas separate tags.');
  });
});

describe('deleteTag', () => {
  it('removes every spelling from every paper and returns those papers as they were', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['draft', 'keep']);
    await repo.setTags(paper(B), ['x']);
    await db.papers.update(B, { tags: ['DRAFT'] });
    await repo.setTags(paper(C), ['keep']);
    const edit = await repo.deleteTag('Draft');
    expect(await tagsOf(repo, A)).toEqual(['keep']);
    expect(await tagsOf(repo, B)).toEqual([]);
    expect(await tagsOf(repo, C)).toEqual(['keep']);
    expect(edit.previous.map((record) => record.id).sort()).toEqual([A, B]);
    expect(edit.states[B]).toEqual({ saved: true, hidden: false, tags: [] });
    expect(await repo.deleteTag('draft')).toEqual({ states: {}, previous: [] });
  });
});

describe('unsaveMany / unhideMany', () => {
  it('clears only what is set, keeps every record, and returns the papers as they were', async () => {
    const { db, repo } = setup();
    await repo.save(paper(A));
    await repo.hide(paper(B));
    await repo.save(paper(C));
    await repo.hide(paper(C));
    const unsaved = await repo.unsaveMany([A, B, C, UNKNOWN]);
    expect(unsaved.previous.map((record) => record.id)).toEqual([A, C]);
    expect(unsaved.states).toEqual({ [A]: { saved: false, hidden: false, tags: [] }, [C]: { saved: false, hidden: true, tags: [] } });
    const unhidden = await repo.unhideMany([A, B, C]);
    expect(unhidden.previous.map((record) => record.id)).toEqual([B, C]);
    expect(await db.papers.count()).toBe(3);
    expect(await db.papers.where('savedAt').above(0).count()).toBe(0);
    expect(await db.papers.where('hiddenAt').above(0).count()).toBe(0);
  });
});

describe('deletePapers and restorePapers (Undo)', () => {
  it('deletes exactly the papers named, returns them, and Undo puts them back exactly', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A, { abstract: 'An abstract.' }), ['x']);
    await repo.hide(paper(B));
    await repo.save(paper(C));
    await repo.setNote(A, 'mine');
    const before = await all(db);
    const edit = await repo.deletePapers([A, B, UNKNOWN]);
    expect(edit.previous).toEqual(before.filter((record) => record.id !== C));
    expect(edit.states).toEqual({ [A]: { saved: false, hidden: false, tags: [] }, [B]: { saved: false, hidden: false, tags: [] } });
    expect((await all(db)).map((record) => record.id)).toEqual([C]);

    const restored = await repo.restorePapers(edit.previous);
    expect(restored.states).toEqual({ [A]: { saved: true, hidden: false, tags: ['x'] }, [B]: { saved: false, hidden: true, tags: [] } });
    expect(restored.previous).toEqual([]);
    expect(await all(db)).toEqual(before);
  });

  it('gives a restored paper a fresh citation key when another paper took its key meanwhile', async () => {
    const { repo } = setup();
    await repo.save(paper(A, { title: 'Attention', authors: ['Ashish Vaswani'], publishedAt: '2017-06-12' }));
    const key = (await repo.get(A))!.citationKey!;
    await repo.save(paper(B));
    const { previous } = await repo.deletePapers([A]);
    await repo.setCitationKey(B, key);
    await repo.restorePapers(previous);
    const back = await repo.get(A);
    expect(back?.citationKey).toBeDefined();
    expect(back?.citationKey).not.toBe(key);
    expect({ ...back, citationKey: key }).toEqual(previous[0]);
    expect((await repo.get(B))?.citationKey).toBe(key);
  });

  it('Undo of a tag edit: restoring the previous records puts the tags back', async () => {
    const { db, repo } = setup();
    await repo.setTags(paper(A), ['nlp']);
    await repo.setTags(paper(B), ['LLM']);
    const before = await all(db);
    const edit = await repo.renameTag('nlp', 'LLM');
    await repo.restorePapers(edit.previous);
    expect(await all(db)).toEqual(before);
  });

  it('refuses a restore that names a paper twice or holds an invalid record, storing nothing', async () => {
    const { db, repo } = setup();
    await repo.save(paper(A));
    const record = (await repo.get(A))!;
    await expectRefused(db, () => repo.restorePapers([record, record]), `arXiv:${A.slice('arxiv:'.length)} is listed twice; nothing was restored.`);
    const invalid = { ...record, id: B, tags: ['ok', ''] };
    const error = await repo.restorePapers([{ ...record, id: C }, invalid]).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as Error).message).toMatch(/^Invalid paper "arxiv:2409\.00002": tag 2 is empty/);
    expect((await all(db)).map((paper) => paper.id)).toEqual([A]);
  });

  // 62 MB of records written and indexed: seconds on a loaded machine.
  it('refuses a delete whose Undo would not fit in a message, deleting nothing', { timeout: 30_000 }, async () => {
    const { db, repo } = setup();
    // 25 papers of 2.5 MB each (the most authors a record may hold): 62.5 MB > MAX_UNDO_BYTES.
    const authors = Array.from({ length: LIMITS.authors }, (_, i) => `${'x'.repeat(LIMITS.author - 6)}${String(i).padStart(6, '0')}`);
    const ids = Array.from({ length: 25 }, (_, i) => `arxiv:2409.${String(i + 100).padStart(5, '0')}`);
    const now = 1_700_000_000_000;
    await db.papers.bulkPut(ids.map((id) => ({ id, title: 'Big', authors, sources: {}, tags: [], savedAt: now, createdAt: now, updatedAt: now })));
    expect(25 * LIMITS.authors * LIMITS.author).toBeGreaterThan(MAX_UNDO_BYTES);
    const error = await repo.deletePapers(ids).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RepositoryError);
    expect((error as Error).message).toBe('25 papers are too many to change at once with Undo (over 48 MB of data). Nothing was changed: choose fewer papers and try again.');
    expect(await db.papers.count()).toBe(25);
    // Fewer at a time works.
    expect((await repo.deletePapers(ids.slice(0, 5))).previous).toHaveLength(5);
    expect(await db.papers.count()).toBe(20);
  });
});
