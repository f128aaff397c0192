// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { handleContentRequest, handleUiRequest } from '../../../lib/messaging/handler';
import { ContentRequestSchema, UiRequestSchema } from '../../../lib/messaging/protocol';
import { CONTENT_RESULTS, PAGE_RESULTS, readContentReply, readPageReply } from '../../../lib/messaging/requests';
import { ForYouUiRequestSchema } from '../../../lib/messaging/for-you-protocol';
import { SyncUiRequestSchema } from '../../../lib/messaging/sync-protocol';
import { fakeLibraries } from '../fake-library';

/**
 * The request table (lib/messaging/requests.ts) against what the background really answers: each
 * request's reply, read with its entry, gives a typed result. A handler that answers another
 * shape than its entry says fails here, not in a page that reads `undefined`.
 */
const setup = fakeLibraries('papershelf-requests-test');

/** A listing page names a paper by its arXiv id; the extension's pages by its PaperId. */
const ID = '2409.12345';
const PAPER_ID = `arxiv:${ID}`;
const paper = { id: ID, title: 'A Paper', site: 'arxiv' as const, url: `https://arxiv.org/abs/${ID}` };
const typesOf = (schema: { options: ReadonlyArray<{ shape: { type: { value: string } } }> }) => schema.options.map((option) => option.shape.type.value);

describe('the request table', () => {
  it('has one entry for every request of the extension pages and of listing pages', () => {
    expect(Object.keys(PAGE_RESULTS).sort()).toEqual([...typesOf(UiRequestSchema), ...typesOf(ForYouUiRequestSchema), ...typesOf(SyncUiRequestSchema)].sort());
    expect(Object.keys(CONTENT_RESULTS).sort()).toEqual(typesOf(ContentRequestSchema).sort());
  });

  it('reads what the background answers a listing page, request by request', async () => {
    const { repo } = setup();
    const requests = [
      { type: 'content:save', paper },
      { type: 'content:setTags', paper, tags: ['a'] },
      { type: 'content:hide', paper },
      { type: 'content:unhide', id: ID },
      { type: 'content:unsave', id: ID },
      { type: 'content:getStates', ids: [ID, '2409.00002'] },
      { type: 'content:getPageContext' },
      { type: 'content:getTagCounts' },
    ] as const;
    for (const request of requests) {
      const { reply } = await handleContentRequest(repo, request);
      expect(readContentReply(request.type, reply), request.type).toMatchObject({ ok: true });
    }
  });

  it('reads what the background answers an extension page, request by request', async () => {
    const { repo } = setup();
    await repo.setTags({ ...paper, id: PAPER_ID }, ['a']);
    const deleted = await handleUiRequest(repo, { type: 'ui:deletePapers', ids: [PAPER_ID] });
    const answer = readPageReply('ui:deletePapers', deleted.reply);
    if (!answer?.ok) throw new Error('the delete was not read');
    expect(answer.result.deleted.map((record) => record.id)).toEqual([PAPER_ID]);
    const requests = [
      { type: 'ui:restorePapers', papers: answer.result.deleted },
      { type: 'ui:setTags', id: PAPER_ID, tags: ['b'] },
      { type: 'ui:setNote', id: PAPER_ID, note: 'Read it.' },
      { type: 'ui:bulkTags', ids: [PAPER_ID], add: ['c'], remove: [] },
      { type: 'ui:renameTag', from: 'c', to: 'd' },
      { type: 'ui:deleteTag', tag: 'd' },
      { type: 'ui:editMetadata', id: PAPER_ID, title: 'A Better Title' },
      { type: 'ui:setCitationKey', id: PAPER_ID, key: 'mine' },
      { type: 'ui:unhide', ids: [PAPER_ID] },
      { type: 'ui:unsave', ids: [PAPER_ID] },
      { type: 'ui:saveRules', rules: [] },
    ] as const;
    for (const request of requests) {
      const { reply } = await handleUiRequest(repo, request);
      expect(readPageReply(request.type, reply), request.type).toMatchObject({ ok: true });
    }
  });

  it('gives the background\'s error in words, and nothing for a reply of another shape', () => {
    expect(readPageReply('ui:setTags', { ok: false, error: 'arXiv:2409.99999 is not in the library.' })).toEqual({ ok: false, error: 'arXiv:2409.99999 is not in the library.' });
    expect(readPageReply('ui:setTags', { ok: true, result: { restored: 1 } })).toBeUndefined();
    expect(readPageReply('ui:saveSettings', { ok: true })).toEqual({ ok: true, result: undefined });
    expect(readContentReply('content:getStates', { ok: true, states: {} })).toBeUndefined();
  });
});
