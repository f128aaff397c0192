// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest, handleUiRequest, isOwnContentScript, isOwnExtensionPage, type SenderInfo } from '../../../lib/messaging/handler';
import { ContentRequestSchema, UiRequestSchema } from '../../../lib/messaging/protocol';

/**
 * Each kind of sender has its own requests. The background sends an extension page's messages to
 * `handleUiRequest` and a content script's to `handleContentRequest`: a well-formed request of
 * the other kind must be refused there, whatever it asks, and change nothing. A content script
 * runs in a page the site controls; it must never get to delete, import or restore.
 */
/** A listing page names a paper by its arXiv id; the extension's pages by its PaperId. */
const ID = '2409.12345';
const PAPER_ID = `arxiv:${ID}`;
const paper = { id: ID, title: 'A Paper', site: 'huggingface', url: `https://huggingface.co/papers/${ID}` };
const record = { id: PAPER_ID, title: 'A Paper', authors: [], sources: {}, tags: [], savedAt: 1, createdAt: 1, updatedAt: 1 };

/** One valid request of every type each handler knows, so a new type cannot be forgotten here. */
const UI_REQUESTS: Record<string, unknown> = {
  'ui:saveSettings': { type: 'ui:saveSettings', settings: { bibtexJournalStyle: 'eprint', bibtexAscii: false } },
  'ui:saveRules': { type: 'ui:saveRules', rules: [] },
  'ui:setCitationKey': { type: 'ui:setCitationKey', id: PAPER_ID, key: 'forged' },
  'ui:refreshMetadata': { type: 'ui:refreshMetadata', ids: [PAPER_ID] },
  'ui:import': { type: 'ui:import', papers: [{ entry: 'x', metadata: { id: 'arxiv:2409.99999', title: 'Forged' }, tags: [], saved: true }], mode: 'merge' },
  'ui:replaceLibrary': { type: 'ui:replaceLibrary', papers: [{ entry: 'x', metadata: { id: 'arxiv:2409.99999', title: 'Forged' }, tags: [], saved: true }] },
  'ui:setTags': { type: 'ui:setTags', id: PAPER_ID, tags: ['forged'] },
  'ui:setNote': { type: 'ui:setNote', id: PAPER_ID, note: 'forged' },
  'ui:bulkTags': { type: 'ui:bulkTags', ids: [PAPER_ID], add: ['forged'], remove: [] },
  'ui:renameTag': { type: 'ui:renameTag', from: 'kept', to: 'forged' },
  'ui:deleteTag': { type: 'ui:deleteTag', tag: 'kept' },
  'ui:unsave': { type: 'ui:unsave', ids: [PAPER_ID] },
  'ui:unhide': { type: 'ui:unhide', ids: [PAPER_ID] },
  'ui:deletePapers': { type: 'ui:deletePapers', ids: [PAPER_ID] },
  'ui:restorePapers': { type: 'ui:restorePapers', papers: [record] },
  'ui:backupRestored': { type: 'ui:backupRestored' },
  'ui:editMetadata': { type: 'ui:editMetadata', id: PAPER_ID, title: 'Forged' },
};
const CONTENT_REQUESTS: Record<string, unknown> = {
  'content:getStates': { type: 'content:getStates', ids: [ID] },
  'content:save': { type: 'content:save', paper },
  'content:unsave': { type: 'content:unsave', id: ID },
  'content:setTags': { type: 'content:setTags', paper, tags: ['forged'] },
  'content:hide': { type: 'content:hide', paper },
  'content:unhide': { type: 'content:unhide', id: ID },
  'content:getPageContext': { type: 'content:getPageContext' },
  'content:getTagCounts': { type: 'content:getTagCounts' },
};

const open: PapershelfDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function library() {
  const db = new PapershelfDatabase('direction-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  const repo = new PaperRepository(db, () => 1_700_000_000_000);
  await repo.setTags({ ...paper, id: PAPER_ID, site: 'huggingface' }, ['kept']);
  const snapshot = async () => ({ papers: await db.papers.toArray(), settings: await db.settings.toArray(), enrichment: await db.enrichment.toArray() });
  return { repo, snapshot };
}

describe('requests sent to the wrong handler', () => {
  it('cover every type of both protocols', () => {
    const types = (schema: typeof UiRequestSchema | typeof ContentRequestSchema) => schema.options.map((option) => option.shape.type.value).sort();
    expect(Object.keys(UI_REQUESTS).sort()).toEqual(types(UiRequestSchema));
    expect(Object.keys(CONTENT_REQUESTS).sort()).toEqual(types(ContentRequestSchema));
    // Each sample is a request its own handler accepts: the refusals below are about direction only.
    for (const request of Object.values(UI_REQUESTS)) expect(UiRequestSchema.safeParse(request).success, JSON.stringify(request)).toBe(true);
    for (const request of Object.values(CONTENT_REQUESTS)) expect(ContentRequestSchema.safeParse(request).success, JSON.stringify(request)).toBe(true);
  });

  it.each(Object.entries(UI_REQUESTS))('%s from a content script is refused and changes nothing', async (_type, request) => {
    const { repo, snapshot } = await library();
    const before = await snapshot();
    expect((await handleContentRequest(repo, request)).reply).toEqual({ ok: false, error: 'Papershelf rejected a malformed request.' });
    expect(await snapshot()).toEqual(before);
  });

  it.each(Object.entries(CONTENT_REQUESTS))('%s from an extension page is not run as a content script\'s', async (_type, request) => {
    const { repo, snapshot } = await library();
    const before = await snapshot();
    const { reply } = await handleUiRequest(repo, request, { refreshMetadata: async () => undefined });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toBe('Papershelf refused this request: the kind of request is not one Papershelf can read.');
    expect(await snapshot()).toEqual(before);
  });
});

describe('who a sender is', () => {
  const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
  const senders: Array<[string, SenderInfo]> = [
    ['a content script', { id: EXTENSION_ID, tab: { id: 1 }, url: 'https://huggingface.co/papers' }],
    ['the popup', { id: EXTENSION_ID, url: `${ORIGIN}popup.html` }],
    ['the library page in a tab', { id: EXTENSION_ID, tab: { id: 2 }, url: `${ORIGIN}library.html` }],
    ['a content script in a frame without a url', { id: EXTENSION_ID, tab: { id: 1 } }],
    ['another extension', { id: 'z'.repeat(32), tab: { id: 1 }, url: 'https://huggingface.co/papers' }],
    ['a web page (no extension id)', { tab: { id: 1 }, url: 'https://huggingface.co/papers' }],
    ['a page claiming our origin in its url', { tab: { id: 1 }, url: `${ORIGIN}popup.html` }],
  ];

  it.each(senders)('%s is at most one of content script and extension page', (_label, sender) => {
    const asContent = isOwnContentScript(sender, EXTENSION_ID, ORIGIN);
    const asPage = isOwnExtensionPage(sender, EXTENSION_ID, ORIGIN);
    expect(asContent && asPage).toBe(false);
    // Nothing without our id is either.
    if (sender.id !== EXTENSION_ID) expect(asContent || asPage).toBe(false);
  });
});
