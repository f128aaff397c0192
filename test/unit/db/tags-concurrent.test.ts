// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository, rebaseTags } from '../../../lib/db/repository';
import { handleContentRequest } from '../../../lib/messaging/handler';

// A listing page names the paper by its arXiv id.
const paper = { id: '2409.00001', title: 'Shared', site: 'arxiv' as const, url: 'https://arxiv.org/abs/2409.00001' };

describe('tag edits from several tabs at once', () => {
  it('keep every tab\'s tag when each sends the tags it showed as the base', async () => {
    const db = new PapershelfDatabase('tags-concurrent', { indexedDB: new IDBFactory(), IDBKeyRange });
    const repo = new PaperRepository(db);
    // Ten tabs all showing no tags each add their own, at the same time.
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, tab) => handleContentRequest(repo, { type: 'content:setTags', paper, tags: [`tab-${tab}`], base: [] })),
    );
    expect(replies.every(({ reply }) => reply.ok)).toBe(true);
    expect([...(await repo.get(`arxiv:${paper.id}`))!.tags].sort()).toEqual(Array.from({ length: 10 }, (_, tab) => `tab-${tab}`).sort());
    db.close();
  });

  it('without a base, the list replaces what is stored (older content scripts)', async () => {
    const db = new PapershelfDatabase('tags-concurrent-old', { indexedDB: new IDBFactory(), IDBKeyRange });
    const repo = new PaperRepository(db);
    await repo.setTags({ ...paper, id: `arxiv:${paper.id}` }, ['a', 'b']);
    await handleContentRequest(repo, { type: 'content:setTags', paper, tags: ['c'] });
    expect((await repo.get(`arxiv:${paper.id}`))!.tags).toEqual(['c']);
    db.close();
  });
});

describe('rebaseTags', () => {
  it.each([
    ['nothing changed in between: the edit as given', ['a', 'c'], ['a', 'b'], ['a', 'b'], ['a', 'c']],
    ['another tab added one: both additions', ['a', 'x'], ['a'], ['a', 'y'], ['a', 'y', 'x']],
    ['another tab added one, this one removed one', [], ['a'], ['a', 'y'], ['y']],
    ['removed meanwhile by another tab, kept removed', ['a', 'b'], ['a', 'b'], ['b'], ['b']],
    ['added by both tabs: once, in the stored spelling', ['LLM'], [], ['llm'], ['llm']],
    ['removal ignores case', [], ['LLM'], ['llm', 'z'], ['z']],
  ])('%s', (_label, tags, base, stored, expected) => {
    expect(rebaseTags(tags, base, stored)).toEqual(expected);
  });
});
