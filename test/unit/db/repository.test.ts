// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { InvalidPaperError, PaperRepository, RepositoryError } from '../../../lib/db/repository';
import type { PaperInput } from '../../../lib/paper/model';

const open: PapershelfDatabase[] = [];

/** A fresh IndexedDB factory per test, and a clock that ticks 1 ms per read unless set. */
function setup(factory = new IDBFactory()) {
  const db = new PapershelfDatabase('papershelf-test', { indexedDB: factory, IDBKeyRange });
  open.push(db);
  const clock = { time: 1_700_000_000_000 };
  const repo = new PaperRepository(db, () => clock.time++);
  return { db, repo, clock, factory };
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function paper(id: string, overrides: Partial<PaperInput> = {}): PaperInput {
  return { id, title: `Paper ${id}`, site: 'huggingface', url: `https://huggingface.co/papers/${id}`, ...overrides };
}

const ID = 'arxiv:2409.12345';
const EMPTY = { saved: false, hidden: false, tags: [] };

describe('PaperRepository', () => {
  describe('save / unsave', () => {
    it('saves a new paper and returns its state', async () => {
      const { repo, clock } = setup();
      clock.time = 5_000;
      expect(await repo.save(paper(ID))).toEqual({ [ID]: { saved: true, hidden: false, tags: [] } });
      expect(await repo.get(ID)).toMatchObject({ id: ID, title: `Paper ${ID}`, savedAt: 5_000, createdAt: 5_000 });
    });

    it('keeps the first save time when saved again', async () => {
      const { repo, clock } = setup();
      clock.time = 5_000;
      await repo.save(paper(ID));
      clock.time = 9_000;
      await repo.save(paper(ID, { title: 'Fixed typo' }));
      expect(await repo.get(ID)).toMatchObject({ title: 'Fixed typo', savedAt: 5_000, updatedAt: 9_000 });
    });

    it('unsave keeps the record, its tags and its hidden state', async () => {
      const { repo } = setup();
      await repo.setTags(paper(ID), ['llm']);
      await repo.hide(paper(ID));
      expect(await repo.unsave(ID)).toEqual({ [ID]: { saved: false, hidden: true, tags: ['llm'] } });
      const record = await repo.get(ID);
      expect(record).toBeDefined();
      expect(record).not.toHaveProperty('savedAt');
      expect(await repo.listSaved()).toEqual([]);
    });

    it('unsave of an unknown id writes nothing', async () => {
      const { db, repo } = setup();
      expect(await repo.unsave(ID)).toEqual({ [ID]: EMPTY });
      expect(await db.papers.count()).toBe(0);
    });
  });

  describe('hide / unhide', () => {
    it('hides with metadata and unhides without losing the save', async () => {
      const { repo } = setup();
      await repo.save(paper(ID));
      expect(await repo.hide(paper(ID, { site: 'arxiv', url: `https://arxiv.org/abs/${ID}` }))).toEqual({
        [ID]: { saved: true, hidden: true, tags: [] },
      });
      expect((await repo.get(ID))?.sources).toEqual({ huggingface: `https://huggingface.co/papers/${ID}`, arxiv: `https://arxiv.org/abs/${ID}` });
      expect(await repo.unhide(ID)).toEqual({ [ID]: { saved: true, hidden: false, tags: [] } });
      expect(await repo.get(ID)).not.toHaveProperty('hiddenAt');
    });

    it('hiding an unknown paper stores it hidden but not saved', async () => {
      const { repo } = setup();
      expect(await repo.hide(paper(ID))).toEqual({ [ID]: { saved: false, hidden: true, tags: [] } });
      expect(await repo.listSaved()).toEqual([]);
    });

    it('unhide of an unknown id writes nothing', async () => {
      const { db, repo } = setup();
      expect(await repo.unhide(ID)).toEqual({ [ID]: EMPTY });
      expect(await db.papers.count()).toBe(0);
    });
  });

  describe('setTags', () => {
    it('saves an unsaved paper and replaces the tag list', async () => {
      const { repo } = setup();
      expect(await repo.setTags(paper(ID), ['a', 'b'])).toEqual({ [ID]: { saved: true, hidden: false, tags: ['a', 'b'] } });
      expect(await repo.setTags(paper(ID), ['c'])).toEqual({ [ID]: { saved: true, hidden: false, tags: ['c'] } });
      expect((await repo.listSaved()).map((p) => p.id)).toEqual([ID]);
    });

    it('trims and de-duplicates case-insensitively, keeping the first spelling', async () => {
      const { repo } = setup();
      const states = await repo.setTags(paper(ID), ['  LLM ', 'llm', 'Vision', 'vision ', 'RL']);
      expect(states[ID]?.tags).toEqual(['LLM', 'Vision', 'RL']);
      expect((await repo.get(ID))?.tags).toEqual(['LLM', 'Vision', 'RL']);
    });

    it('rejects an empty tag and stores nothing', async () => {
      const { db, repo } = setup();
      await expect(repo.setTags(paper(ID), ['ok', '   '])).rejects.toThrow(RepositoryError);
      await expect(repo.setTags(paper(ID), [''])).rejects.toThrow('A tag cannot be empty.');
      expect(await db.papers.count()).toBe(0);
    });

    it('clearing the tags keeps the paper saved; clearing on an unknown paper writes nothing', async () => {
      const { db, repo } = setup();
      await repo.setTags(paper(ID), ['x']);
      expect(await repo.setTags(paper(ID), [])).toEqual({ [ID]: { saved: true, hidden: false, tags: [] } });
      expect(await repo.setTags(paper('arxiv:2409.00001'), [])).toEqual({ 'arxiv:2409.00001': EMPTY });
      expect(await db.papers.count()).toBe(1);
    });
  });

  describe('getStates', () => {
    it('answers 500 ids, a few known, in one call', async () => {
      const { repo } = setup();
      const ids = Array.from({ length: 500 }, (_, i) => `arxiv:2410.${String(i).padStart(5, '0')}`);
      await repo.save(paper(ids[3]!));
      await repo.hide(paper(ids[250]!));
      await repo.setTags(paper(ids[499]!), ['later']);

      const states = await repo.getStates(ids);
      expect(Object.keys(states)).toHaveLength(500);
      expect(states[ids[3]!]).toEqual({ saved: true, hidden: false, tags: [] });
      expect(states[ids[250]!]).toEqual({ saved: false, hidden: true, tags: [] });
      expect(states[ids[499]!]).toEqual({ saved: true, hidden: false, tags: ['later'] });
      expect(states[ids[0]!]).toEqual(EMPTY);
      expect(Object.values(states).filter((s) => s.saved || s.hidden)).toHaveLength(3);
    });

    it('gives every unknown id its own empty state object', async () => {
      const { repo } = setup();
      const states = await repo.getStates(['arxiv:2401.00001', 'arxiv:2401.00002']);
      expect(states['arxiv:2401.00001']).toEqual(EMPTY);
      expect(states['arxiv:2401.00001']).not.toBe(states['arxiv:2401.00002']);
      expect(Object.isFrozen(states['arxiv:2401.00001'])).toBe(false);
    });
  });

  describe('metadata merge', () => {
    it('a second save from another site keeps the longer author list and both source URLs', async () => {
      const { repo } = setup();
      await repo.save(paper(ID, { authors: ['A. One', 'B. Two', 'C. Three'], upvotes: 12 }));
      await repo.save(paper(ID, { site: 'arxiv', url: `https://arxiv.org/abs/${ID}`, authors: ['A. One'], abstract: 'We study things.' }));
      const record = await repo.get(ID);
      expect(record?.authors).toEqual(['A. One', 'B. Two', 'C. Three']);
      expect(record?.sources).toEqual({ huggingface: `https://huggingface.co/papers/${ID}`, arxiv: `https://arxiv.org/abs/${ID}` });
      expect(record).toMatchObject({ abstract: 'We study things.', upvotes: 12 });
    });
  });

  describe('validation', () => {
    it('rejects a 10,000-character title that bypassed the input schema and stores nothing', async () => {
      const { db, repo } = setup();
      await expect(repo.save(paper(ID, { title: 'x'.repeat(10_000) }))).rejects.toThrow(InvalidPaperError);
      await expect(repo.save(paper(ID, { title: 'x'.repeat(10_000) }))).rejects.toThrow(/title/);
      expect(await db.papers.count()).toBe(0);
    });

    it('rejects a versioned (non-canonical) id', async () => {
      const { db, repo } = setup();
      await expect(repo.save(paper('2409.12345v2'))).rejects.toThrow('the arXiv id is not written as Papershelf stores ids (such as arxiv:2409.12345, without a version)');
      await expect(repo.hide(paper('arXiv:2409.12345'))).rejects.toThrow(InvalidPaperError);
      expect(await db.papers.count()).toBe(0);
    });

    it('leaves an existing record unchanged when an update is invalid', async () => {
      const { repo } = setup();
      await repo.save(paper(ID));
      const before = await repo.get(ID);
      await expect(repo.hide(paper(ID, { url: 'http://insecure.example/paper' }))).rejects.toThrow(InvalidPaperError);
      expect(await repo.get(ID)).toEqual(before);
    });

    it('does not store properties the record schema does not know', async () => {
      const { repo } = setup();
      await repo.save({ ...paper(ID), injected: '<script>' } as PaperInput);
      expect(await repo.get(ID)).not.toHaveProperty('injected');
    });
  });

  describe('concurrency', () => {
    it('20 parallel saves, hides and tag edits on one id lose nothing', async () => {
      const { db, repo } = setup();
      const operations = Array.from({ length: 20 }, (_, i) => {
        if (i % 4 === 0) return repo.hide(paper(ID));
        if (i % 4 === 1) return repo.save(paper(ID, { site: 'arxiv', url: `https://arxiv.org/abs/${ID}` }));
        return repo.setTags(paper(ID), [`tag-${i}`, 'shared']);
      });
      await Promise.all(operations);

      const record = await repo.get(ID);
      // Transactions run in the order they were started, so the last setTags call (i = 19) wins.
      expect(record?.tags).toEqual(['tag-19', 'shared']);
      expect(record?.savedAt).toBeDefined();
      expect(record?.hiddenAt).toBeDefined();
      expect(record?.sources).toEqual({ huggingface: `https://huggingface.co/papers/${ID}`, arxiv: `https://arxiv.org/abs/${ID}` });
      expect(await db.papers.count()).toBe(1);
    });

    it('parallel saves of different papers are all stored', async () => {
      const { repo } = setup();
      const ids = Array.from({ length: 50 }, (_, i) => `arxiv:2411.${String(i).padStart(5, '0')}`);
      await Promise.all(ids.map((id) => repo.save(paper(id))));
      expect(await repo.listSaved()).toHaveLength(50);
    });
  });

  describe('listSaved', () => {
    it('lists saved papers newest first and leaves out hidden-only papers', async () => {
      const { repo, clock } = setup();
      clock.time = 1_000;
      await repo.save(paper('arxiv:2401.00001'));
      clock.time = 3_000;
      await repo.save(paper('arxiv:2401.00003'));
      clock.time = 2_000;
      await repo.setTags(paper('arxiv:2401.00002'), ['t']);
      await repo.hide(paper('arxiv:2401.00004'));
      expect((await repo.listSaved()).map((p) => p.id)).toEqual(['arxiv:2401.00003', 'arxiv:2401.00002', 'arxiv:2401.00001']);
    });
  });

  describe('persistence', () => {
    it('keeps the library after the database is closed and reopened', async () => {
      const first = setup();
      await first.repo.setTags(paper(ID), ['keep']);
      await first.repo.hide(paper('arxiv:2401.00009'));
      first.db.close();

      const second = setup(first.factory);
      expect(await second.repo.getStates([ID, 'arxiv:2401.00009', 'arxiv:2401.00010'])).toEqual({
        [ID]: { saved: true, hidden: false, tags: ['keep'] },
        'arxiv:2401.00009': { saved: false, hidden: true, tags: [] },
        'arxiv:2401.00010': EMPTY,
      });
    });
  });
});

describe('importPapers', () => {
  // Imports run through the same repository as every other write: one transaction, all or nothing.
  const incoming = (id: string, extra: Partial<import('../../../lib/import/plan').IncomingPaper> = {}) => ({
    entry: id,
    metadata: { id, title: `Paper ${id}`, authors: ['Grace Hopper'], publishedAt: '2024-01-02' },
    tags: ['imported'],
    saved: true,
    ...extra,
  });

  it('adds new papers with keys, merges known ones, and reports the counts', async () => {
    const { repo } = setup();
    await repo.save({ id: 'arxiv:2401.00001', title: 'Known', site: 'arxiv', url: 'https://arxiv.org/abs/2401.00001' });
    await repo.setTags({ id: 'arxiv:2401.00001', title: 'Known', site: 'arxiv', url: 'https://arxiv.org/abs/2401.00001' }, ['mine']);
    const counts = await repo.importPapers([incoming('arxiv:2401.00001'), incoming('arxiv:2401.00002', { citationKey: 'hopper2024own' })], 'merge');
    expect(counts).toMatchObject({ new: 1, merged: 1, rejected: 0 });
    expect((await repo.get('arxiv:2401.00001'))?.tags).toEqual(['mine', 'imported']);
    expect((await repo.get('arxiv:2401.00002'))?.citationKey).toBe('hopper2024own');
    expect((await repo.get('arxiv:2401.00002'))?.savedAt).toBeDefined();
  });

  it('gives an incoming paper a fresh key when another paper already holds its key', async () => {
    const { repo } = setup();
    await repo.importPapers([incoming('arxiv:2401.00001', { citationKey: 'taken' })], 'merge');
    await repo.importPapers([incoming('arxiv:2401.00002', { citationKey: 'taken' })], 'merge');
    expect((await repo.get('arxiv:2401.00001'))?.citationKey).toBe('taken');
    expect((await repo.get('arxiv:2401.00002'))?.citationKey).toMatch(/^hopper2024paper/);
  });

  it('replace empties the library first', async () => {
    const { repo, db } = setup();
    await repo.save({ id: 'arxiv:2401.00009', title: 'Old', site: 'arxiv', url: 'https://arxiv.org/abs/2401.00009' });
    await repo.replaceLibrary({ papers: [incoming('arxiv:2401.00001')] });
    expect((await db.papers.toArray()).map((record) => record.id)).toEqual(['arxiv:2401.00001']);
  });

  it('stores nothing when one record cannot be stored', async () => {
    const { repo, db } = setup();
    await repo.save({ id: 'arxiv:2401.00009', title: 'Kept', site: 'arxiv', url: 'https://arxiv.org/abs/2401.00009' });
    const bad = incoming('arxiv:2401.00002', { fields: {}, createdAt: -5 });
    await expect(repo.replaceLibrary({ papers: [incoming('arxiv:2401.00001'), bad] })).rejects.toThrow();
    expect((await db.papers.toArray()).map((record) => record.id)).toEqual(['arxiv:2401.00009']);
  });
});
