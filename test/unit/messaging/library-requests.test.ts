// @vitest-environment node
/**
 * The library-edit requests of extension pages, through handleUiRequest: what each answers (the
 * result a page reads, the states the background broadcasts), and that a malformed or refused
 * request is an error in words that writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { handleUiRequest, type Handled } from '../../../lib/messaging/handler';
import {
  DeleteResultSchema,
  EditResultSchema,
  MAX_PAPERS_PER_UI_REQUEST,
  ReplySchema,
  RestoreResultSchema,
  UiRequestSchema,
} from '../../../lib/messaging/protocol';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';

const setup = fakeLibraries('papershelf-ui-requests-test');

const A = 'arxiv:2409.00001';
const B = 'arxiv:2409.00002';

function paper(id: string): PaperInput {
  return { id, title: `Paper ${id}`, site: 'arxiv', url: `https://arxiv.org/abs/${id}` };
}

/** The page's reply, which must be ok, with the states the background pushes to listing tabs. */
function ok({ reply, followUp }: Handled): { ok: true; result?: unknown; states?: Handled['followUp']['states'] } {
  expect(ReplySchema.safeParse(reply).success).toBe(true);
  if (!reply.ok) throw new Error(`expected ok, got: ${reply.error}`);
  return { ...reply, ...(followUp.states && { states: followUp.states }) };
}

function failed({ reply, followUp }: Handled): string {
  expect(ReplySchema.safeParse(reply).success).toBe(true);
  if (reply.ok) throw new Error('expected an error reply');
  expect(followUp.states, 'a refused request pushes nothing').toBeUndefined();
  return reply.error;
}

async function seeded() {
  const context = setup();
  await context.repo.setTags(paper(A), ['nlp']);
  await context.repo.hide(paper(B));
  return context;
}

describe('handleUiRequest: library edits', () => {
  it('ui:setTags answers with the paper as it was and broadcasts its new state', async () => {
    const { repo } = await seeded();
    const reply = ok(await handleUiRequest(repo, { type: 'ui:setTags', id: A, tags: ['nlp', 'LLM'] }));
    const result = EditResultSchema.parse(reply.result);
    expect(result.changed).toBe(1);
    expect(result.previous[0]?.tags).toEqual(['nlp']);
    expect(reply.states).toEqual({ [A]: { saved: true, hidden: false, tags: ['nlp', 'LLM'] } });
  });

  it('ui:setNote, ui:bulkTags, ui:renameTag, ui:deleteTag, ui:unsave and ui:unhide each do their one thing', async () => {
    const { repo } = await seeded();
    ok(await handleUiRequest(repo, { type: 'ui:setNote', id: A, note: 'Good.' }));
    expect((await repo.get(A))?.note).toBe('Good.');

    const bulk = ok(await handleUiRequest(repo, { type: 'ui:bulkTags', ids: [A, B], add: ['survey'], remove: ['NLP'] }));
    expect(EditResultSchema.parse(bulk.result).changed).toBe(2);
    expect(bulk.states).toEqual({ [A]: { saved: true, hidden: false, tags: ['survey'] }, [B]: { saved: true, hidden: true, tags: ['survey'] } });

    ok(await handleUiRequest(repo, { type: 'ui:renameTag', from: 'SURVEY', to: 'review' }));
    expect((await repo.get(B))?.tags).toEqual(['review']);

    const deleted = ok(await handleUiRequest(repo, { type: 'ui:deleteTag', tag: 'Review' }));
    expect(EditResultSchema.parse(deleted.result).changed).toBe(2);
    expect((await repo.get(A))?.tags).toEqual([]);

    const unsaved = ok(await handleUiRequest(repo, { type: 'ui:unsave', ids: [A, B] }));
    expect(unsaved.states).toEqual({ [A]: { saved: false, hidden: false, tags: [] }, [B]: { saved: false, hidden: true, tags: [] } });
    const unhidden = ok(await handleUiRequest(repo, { type: 'ui:unhide', ids: [B] }));
    expect(unhidden.states).toEqual({ [B]: { saved: false, hidden: false, tags: [] } });
  });

  it('an edit that changes nothing answers changed: 0 and no states to broadcast', async () => {
    const { repo } = await seeded();
    const reply = ok(await handleUiRequest(repo, { type: 'ui:unhide', ids: [A] }));
    expect(reply).toEqual({ ok: true, result: { changed: 0, previous: [] } });
  });

  it('ui:deletePapers answers with the removed records, and ui:restorePapers with them undoes it', async () => {
    const { db, repo } = await seeded();
    const before = await db.papers.toArray();
    const deleted = ok(await handleUiRequest(repo, { type: 'ui:deletePapers', ids: [A, B] }));
    const { deleted: records } = DeleteResultSchema.parse(deleted.result);
    expect(records).toEqual(before);
    expect(deleted.states).toEqual({ [A]: { saved: false, hidden: false, tags: [] }, [B]: { saved: false, hidden: false, tags: [] } });
    expect(await db.papers.count()).toBe(0);

    // As the page sends them back: through JSON, like any extension message.
    const papers = JSON.parse(JSON.stringify(records)) as PaperRecord[];
    const restored = ok(await handleUiRequest(repo, { type: 'ui:restorePapers', papers }));
    expect(RestoreResultSchema.parse(restored.result)).toEqual({ restored: 2 });
    expect(restored.states).toEqual({ [A]: { saved: true, hidden: false, tags: ['nlp'] }, [B]: { saved: false, hidden: true, tags: [] } });
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('the page gets the reply without the states, which are for the listing tabs', async () => {
    const { repo } = await seeded();
    const handled = await handleUiRequest(repo, { type: 'ui:setTags', id: A, tags: [] });
    expect(ok(handled).states).toBeDefined();
    expect(handled.reply).toEqual({ ok: true, result: ok(handled).result });
    expect(handled.reply).not.toHaveProperty('states');
  });

  it('a refused edit is an error in words and writes nothing', async () => {
    const { db, repo } = await seeded();
    const before = await db.papers.toArray();
    expect(failed(await handleUiRequest(repo, { type: 'ui:setTags', id: 'arxiv:2409.99999', tags: ['x'] }))).toBe('arXiv:2409.99999 is not in the library.');
    expect(failed(await handleUiRequest(repo, { type: 'ui:bulkTags', ids: [A, B], add: ['a,b'], remove: [] }))).toBe(
      'A tag cannot contain a comma: commas separate tags.',
    );
    expect(failed(await handleUiRequest(repo, { type: 'ui:renameTag', from: 'nlp', to: 'x,y' }))).toBe('A tag cannot contain a comma: commas separate tags.');
    const record = before[0]!;
    expect(failed(await handleUiRequest(repo, { type: 'ui:restorePapers', papers: [record, record] }))).toBe(`arXiv:${record.id.slice('arxiv:'.length)} is listed twice; nothing was restored.`);
    expect(await db.papers.toArray()).toEqual(before);
  });
});

describe('handleUiRequest: malformed library edits', () => {
  const tooMany = Array.from({ length: MAX_PAPERS_PER_UI_REQUEST + 1 }, (_, i) => `arxiv:2410.${String(i % 100_000).padStart(5, '0')}`);
  const record: PaperRecord = { id: A, title: 'T', authors: [], sources: {}, tags: [], createdAt: 1, updatedAt: 1 };
  const cases: Array<[string, unknown, RegExp]> = [
    ['setTags without id', { type: 'ui:setTags', tags: [] }, /the arXiv id is missing\.$/],
    ['setTags with a versioned id', { type: 'ui:setTags', id: `${A}v2`, tags: [] }, /the arXiv id is not written as Papershelf stores ids \(such as arxiv:2409\.12345, without a version\)\.$/],
    ['setTags with a 65-character tag', { type: 'ui:setTags', id: A, tags: ['x'.repeat(65)] }, /tag 1 is longer than 64 characters\.$/],
    ['setTags with 501 tags', { type: 'ui:setTags', id: A, tags: Array.from({ length: 501 }, (_, i) => `t${i}`) }, /the tag list has more than 500 entries\.$/],
    ['setNote over the limit', { type: 'ui:setNote', id: A, note: 'x'.repeat(20_001) }, /the note is longer than 20,000 characters\.$/],
    ['bulkTags with no ids', { type: 'ui:bulkTags', ids: [], add: ['x'], remove: [] }, /the list of arXiv ids is empty\.$/],
    ['bulkTags without remove', { type: 'ui:bulkTags', ids: [A], add: ['x'] }, /the list of tags to remove is missing\.$/],
    ['unsave with 100,001 ids', { type: 'ui:unsave', ids: tooMany }, /the list of arXiv ids has more than 100,000 entries\.$/],
    ['deletePapers with an id that is not one', { type: 'ui:deletePapers', ids: [A, 'javascript:alert(1)'] }, /arXiv id 2 is not written as Papershelf stores ids \(such as arxiv:2409\.12345, without a version\)\.$/],
    ['renameTag with an empty name', { type: 'ui:renameTag', from: 'x', to: '   ' }, /the new tag name is empty\.$/],
    ['deleteTag without a tag', { type: 'ui:deleteTag' }, /the tag is missing\.$/],
    ['restorePapers with an invalid record', { type: 'ui:restorePapers', papers: [{ ...record, title: '' }] }, /the title of paper 1 is empty\.$/],
    ['restorePapers with nothing', { type: 'ui:restorePapers', papers: [] }, /the paper list is empty\.$/],
  ];

  it.each(cases)('rejects %s, saying what is wrong in words, and writes nothing', async (_label, raw, where) => {
    const { db, repo } = await seeded();
    const before = await db.papers.toArray();
    const error = failed(await handleUiRequest(repo, raw));
    expect(error).toMatch(/^Papershelf refused this request: /);
    expect(error).toMatch(where);
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('accepts exactly MAX_PAPERS_PER_UI_REQUEST ids', () => {
    // The schema alone: fake-indexeddb takes seconds to look up 100,000 ids.
    const ids = Array.from({ length: MAX_PAPERS_PER_UI_REQUEST }, (_, i) => `arxiv:2410.${String(i).padStart(5, '0')}`);
    expect(UiRequestSchema.safeParse({ type: 'ui:unhide', ids }).success).toBe(true);
  });
});
