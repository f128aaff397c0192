// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest, handleUiRequest, isOwnContentScript, isOwnExtensionPage } from '../../../lib/messaging/handler';
import { MAX_IDS_PER_MESSAGE, ReplySchema, type Reply } from '../../../lib/messaging/protocol';
import type { PaperInput } from '../../../lib/paper/model';

const setup = fakeLibraries('papershelf-handler-test');

/** A listing page names a paper by its arXiv id; the library and its pages by its PaperId. */
const ID = '2409.12345';
const PAPER_ID = `arxiv:${ID}`;
const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';

function paper(overrides: Partial<PaperInput> = {}): PaperInput {
  return { id: ID, title: 'A Paper', site: 'huggingface', url: `https://huggingface.co/papers/${ID}`, ...overrides };
}

/** The reply a request gets; what follows from it is checked where that matters. */
const contentReply = async (repo: PaperRepository, raw: unknown): Promise<Reply> => (await handleContentRequest(repo, raw)).reply;
const uiReply = async (repo: PaperRepository, raw: unknown): Promise<Reply> => (await handleUiRequest(repo, raw)).reply;

function expectError(reply: Reply): string {
  expect(reply.ok).toBe(false);
  if (reply.ok) throw new Error('unreachable');
  return reply.error;
}

const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

describe('isOwnContentScript', () => {
  it('accepts a message from this extension sent by a tab', () => {
    expect(isOwnContentScript({ id: EXTENSION_ID, tab: { id: 7 }, url: 'https://huggingface.co/papers' }, EXTENSION_ID, ORIGIN)).toBe(true);
  });

  it('does not take an extension page shown in a tab for a content script', () => {
    expect(isOwnContentScript({ id: EXTENSION_ID, tab: { id: 7 }, url: `${ORIGIN}popup.html` }, EXTENSION_ID, ORIGIN)).toBe(false);
  });

  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', tab: { id: 7 } }],
    ['no tab (an extension page)', { id: EXTENSION_ID }],
    ['tab explicitly undefined', { id: EXTENSION_ID, tab: undefined }],
    ['no sender id', { tab: { id: 7 } }],
    ['undefined sender id', { id: undefined, tab: { id: 7 } }],
    ['empty sender', {}],
  ])('rejects %s', (_label, sender) => {
    expect(isOwnContentScript(sender, EXTENSION_ID, ORIGIN)).toBe(false);
  });
});

describe('isOwnExtensionPage', () => {
  it.each([
    ['the popup', { id: EXTENSION_ID, url: `${ORIGIN}popup.html` }, true],
    ['the popup shown in a tab', { id: EXTENSION_ID, tab: { id: 3 }, url: `${ORIGIN}popup.html` }, true],
    ['a content script', { id: EXTENSION_ID, tab: { id: 3 }, url: 'https://arxiv.org/list/cs.LG/new' }, false],
    ['another extension page', { id: 'b'.repeat(32), url: `chrome-extension://${'b'.repeat(32)}/popup.html` }, false],
    ['a look-alike origin', { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}.evil/x` }, false],
    ['no url', { id: EXTENSION_ID }, false],
  ])('%s → %s', (_label, sender, expected) => {
    expect(isOwnExtensionPage(sender, EXTENSION_ID, ORIGIN)).toBe(expected);
  });
});

describe('handleContentRequest: malformed requests', () => {
  const cases: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'content:save'],
    ['an array', [{ type: 'content:save', paper: paper() }]],
    ['an unknown type', { type: 'content:delete', id: ID }],
    ['a background-direction type', { type: 'background:statesChanged', states: {} }],
    ['no type', { paper: paper() }],
    ['save without paper', { type: 'content:save' }],
    ['save with a paper without title', { type: 'content:save', paper: { ...paper(), title: undefined } }],
    ['save with a paper without url', { type: 'content:save', paper: { ...paper(), url: undefined } }],
    ['save with an unknown site', { type: 'content:save', paper: { ...paper(), site: 'example' } }],
    ['unsave without id', { type: 'content:unsave' }],
    ['setTags without tags', { type: 'content:setTags', paper: paper() }],
    ['setTags with a 65-char tag', { type: 'content:setTags', paper: paper(), tags: ['x'.repeat(65)] }],
    ['setTags with an empty tag', { type: 'content:setTags', paper: paper(), tags: ['  '] }],
    ['a version-suffixed id (unsave)', { type: 'content:unsave', id: '2409.12345v2' }],
    ['a version-suffixed id (save)', { type: 'content:save', paper: paper({ id: '2409.12345v2' }) }],
    ['a version-suffixed id (getStates)', { type: 'content:getStates', ids: ['2409.12345v2'] }],
    ['an arXiv:-prefixed id (hide)', { type: 'content:hide', paper: paper({ id: 'arXiv:2409.12345' }) }],
    ['a 10,001-character title', { type: 'content:save', paper: paper({ title: 'x'.repeat(10_001) }) }],
    ['6000 ids', { type: 'content:getStates', ids: Array.from({ length: 6000 }, (_, i) => `2410.${String(i).padStart(5, '0')}`) }],
    ['a non-https url', { type: 'content:save', paper: paper({ url: `http://huggingface.co/papers/${ID}` }) }],
    ['a javascript: url', { type: 'content:hide', paper: paper({ url: 'javascript:alert(1)' }) }],
    ['ids nested one level too deep', { type: 'content:getStates', ids: [[ID]] }],
    ['the paper nested inside another object', { type: 'content:save', paper: { paper: paper() } }],
    ['the id as an object', { type: 'content:unhide', id: { id: ID } }],
  ];

  it.each(cases)('rejects %s with an error reply and writes nothing', async (_label, raw) => {
    const { db, repo } = setup();
    const reply = await contentReply(repo, raw);
    expect(expectError(reply)).toBe('Papershelf rejected a malformed request.');
    expect(ReplySchema.safeParse(reply).success).toBe(true);
    expect(await db.papers.count()).toBe(0);
  });

  it('accepts exactly MAX_IDS_PER_MESSAGE ids', async () => {
    const { repo } = setup();
    const ids = Array.from({ length: MAX_IDS_PER_MESSAGE }, (_, i) => `2410.${String(i).padStart(5, '0')}`);
    const reply = await contentReply(repo, { type: 'content:getStates', ids });
    // Accepted, and none of them is in the (empty) library: the reply leaves them all out.
    expect(reply).toEqual({ ok: true, result: {} });
  });
});

describe('handleContentRequest: valid requests', () => {
  it('round-trips every request type through the repository', async () => {
    const { db, repo } = setup();
    const other = '2409.00002';

    // Ids the library has nothing on are left out of the reply; the tab takes them as empty.
    expect(await contentReply(repo, { type: 'content:getStates', ids: [ID, other] })).toEqual({ ok: true, result: {} });
    expect(await contentReply(repo, { type: 'content:save', paper: paper() })).toEqual({
      ok: true,
      result: { [ID]: { saved: true, hidden: false, tags: [] } },
    });
    expect((await repo.get(PAPER_ID))?.title).toBe('A Paper');

    expect(await contentReply(repo, { type: 'content:setTags', paper: paper(), tags: [' llm ', 'LLM', 'rl'] })).toEqual({
      ok: true,
      result: { [ID]: { saved: true, hidden: false, tags: ['llm', 'rl'] } },
    });
    expect(await contentReply(repo, { type: 'content:hide', paper: paper() })).toEqual({
      ok: true,
      result: { [ID]: { saved: true, hidden: true, tags: ['llm', 'rl'] } },
    });
    expect(await contentReply(repo, { type: 'content:unsave', id: ID })).toEqual({
      ok: true,
      result: { [ID]: { saved: false, hidden: true, tags: ['llm', 'rl'] } },
    });
    expect(await contentReply(repo, { type: 'content:unhide', id: ID })).toEqual({
      ok: true,
      result: { [ID]: { saved: false, hidden: false, tags: ['llm', 'rl'] } },
    });
    expect(await contentReply(repo, { type: 'content:getStates', ids: [ID, other] })).toEqual({
      ok: true,
      result: { [ID]: { saved: false, hidden: false, tags: ['llm', 'rl'] } },
    });
    expect(await db.papers.count()).toBe(1);
  });

  it('does not store properties the schema does not know', async () => {
    const { repo } = setup();
    const reply = await contentReply(repo, { type: 'content:save', paper: { ...paper(), injected: '<script>' }, extra: 1 });
    expect(reply.ok).toBe(true);
    expect(await repo.get(PAPER_ID)).not.toHaveProperty('injected');
  });
});

describe('handleContentRequest: storage errors', () => {
  function failingRepo(error: unknown): PaperRepository {
    const fail = async () => {
      throw error;
    };
    return { getStates: fail, save: fail, unsave: fail, setTags: fail, hide: fail, unhide: fail } as unknown as PaperRepository;
  }

  it('turns a QuotaExceededError into a reply saying storage is full', async () => {
    const quota = new Error('The quota has been exceeded.');
    quota.name = 'QuotaExceededError';
    const reply = await contentReply(failingRepo(quota), { type: 'content:save', paper: paper() });
    const message = expectError(reply);
    expect(message).toMatch(/storage is full/);
    expect(message).not.toMatch(/QuotaExceededError/);
  });

  it('recognises a quota error by name even without "quota" in its message', async () => {
    const quota = new Error('disk');
    quota.name = 'QuotaExceededError';
    expect(expectError(await contentReply(failingRepo(quota), { type: 'content:hide', paper: paper() }))).toMatch(/storage is full/);
  });

  it('reports any other failure in words, never with its exception text, never throwing', async () => {
    const reply = await contentReply(failingRepo(new Error('Database connection lost')), { type: 'content:unsave', id: ID });
    expect(expectError(reply)).toBe('Papershelf could not save this change: its database failed unexpectedly. Nothing was changed.');
    const odd = await contentReply(failingRepo('plain string'), { type: 'content:getStates', ids: [ID] });
    expect(expectError(odd)).toBe('Papershelf could not save this change: its database failed unexpectedly. Nothing was changed.');
  });
});

describe('what follows from a listing page\'s request: a change is pushed to every tab, a save goes to the metadata queue', () => {
  it.each([
    [{ type: 'content:save', paper: paper() }, true],
    [{ type: 'content:unsave', id: ID }, true],
    [{ type: 'content:setTags', paper: paper(), tags: ['a'] }, true],
    [{ type: 'content:hide', paper: paper() }, true],
    [{ type: 'content:unhide', id: ID }, true],
    [{ type: 'content:getStates', ids: [ID] }, false],
    [{ type: 'content:save' }, false],
    [{ type: 'content:unsave', id: '2409.12345v2' }, false],
    [{ type: 'content:delete', id: ID }, false],
    [null, false],
  ])('%j → %s', async (raw, expected) => {
    const { repo } = setup();
    const { followUp } = await handleContentRequest(repo, raw);
    expect(followUp.states !== undefined).toBe(expected);
    expect(followUp.libraryEdited).toBe(expected);
    // Saving and tagging save the paper.
    expect(followUp.reconsider).toEqual(expected && ['content:save', 'content:setTags'].includes((raw as { type: string }).type) ? [PAPER_ID] : []);
  });
});

describe('handleUiRequest', () => {
  it('saves settings and reads them back', async () => {
    const { repo } = setup();
    const settings = { bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: false, metadataLookups: false, forYou: false };
    expect(await uiReply(repo, { type: 'ui:saveSettings', settings })).toEqual({ ok: true });
    expect(await repo.getSettings()).toEqual(settings);
  });

  it('turns the keymap on by default, also for settings saved before it existed', async () => {
    const { repo } = setup();
    expect((await repo.getSettings()).keyboardShortcuts).toBe(true);
    await uiReply(repo, { type: 'ui:saveSettings', settings: { bibtexJournalStyle: 'eprint', bibtexAscii: false } });
    expect((await repo.getSettings()).keyboardShortcuts).toBe(true);
  });

  it('saves rules, gives them to listing pages with the keymap setting, and says which requests change that', async () => {
    const { repo } = setup();
    const rule = { id: 'r1', enabled: true, target: 'text', match: 'word', pattern: 'diffusion', action: 'hide', createdAt: 1 };
    const save = { type: 'ui:saveRules', rules: [rule] };
    const saved = await handleUiRequest(repo, save);
    expect(saved.reply).toEqual({ ok: true });
    expect(saved.followUp.pageContext).toBe(true);
    await contentReply(repo, { type: 'content:save', paper: paper() });
    expect((await handleUiRequest(repo, { type: 'ui:setCitationKey', id: PAPER_ID, key: 'k' })).followUp.pageContext).toBe(false);
    const reply = await contentReply(repo, { type: 'content:getPageContext' });
    expect(reply).toEqual({ ok: true, result: { rules: [rule], keyboardShortcuts: true } });
    expect((await handleContentRequest(repo, { type: 'content:getPageContext' })).followUp).toEqual({ libraryEdited: false, pageContext: false, libraryChanged: false, reconsider: [] });
  });

  it('names the papers an import or an Undo brought back, for the metadata queue to consider again', async () => {
    const { repo } = setup();
    await contentReply(repo, { type: 'content:save', paper: paper() });
    const deleted = await handleUiRequest(repo, { type: 'ui:deletePapers', ids: [PAPER_ID] });
    const records = deleted.reply.ok ? (deleted.reply.result as { deleted: unknown[] }).deleted : [];
    expect(records).toHaveLength(1);
    expect(deleted.followUp.reconsider).toEqual([]);
    const restored = await handleUiRequest(repo, { type: 'ui:restorePapers', papers: records });
    expect(restored.followUp.reconsider).toEqual([PAPER_ID]);
    expect(restored.followUp.libraryChanged).toBe(false);
    // A malformed request names nothing.
    expect((await handleUiRequest(repo, { type: 'ui:restorePapers', papers: [{ id: 'nope' }] })).followUp.reconsider).toEqual([]);
  });

  it("leaves a backup's chunks' follow-ups to one ui:backupRestored: no states for tabs, no For you, only saved papers looked up", async () => {
    const { repo, db } = setup();
    await contentReply(repo, { type: 'content:save', paper: paper() });
    await contentReply(repo, { type: 'content:hide', paper: paper({ id: '2409.54321', url: 'https://huggingface.co/papers/2409.54321' }) });
    const records = (await db.papers.toArray()) as unknown[];
    expect(records).toHaveLength(2);
    const chunk = await handleUiRequest(repo, { type: 'ui:restorePapers', papers: records, fromBackup: true });
    expect(chunk.reply).toEqual({ ok: true, result: { restored: 2 } });
    expect(chunk.followUp).toEqual({ libraryEdited: false, pageContext: false, libraryChanged: false, reconsider: [PAPER_ID] });
    // The same records as an Undo: tabs hear the states, For you learns again.
    const undo = await handleUiRequest(repo, { type: 'ui:restorePapers', papers: records });
    expect(Object.keys(undo.followUp.states ?? {}).sort()).toEqual([PAPER_ID, 'arxiv:2409.54321']);
    expect(undo.followUp.libraryEdited).toBe(true);
    const done = await handleUiRequest(repo, { type: 'ui:backupRestored' });
    expect(done.reply).toEqual({ ok: true });
    expect(done.followUp).toEqual({ libraryEdited: true, pageContext: false, libraryChanged: true, reconsider: [] });
  });

  it('refuses a rule list with an invalid regular expression, with the reason, and keeps the old list', async () => {
    const { repo } = setup();
    const good = { id: 'r1', enabled: true, target: 'text', match: 'word', pattern: 'diffusion', action: 'hide', createdAt: 1 };
    await uiReply(repo, { type: 'ui:saveRules', rules: [good] });
    const bad = { ...good, id: 'r2', match: 'regex', pattern: '(unclosed' };
    const reply = await uiReply(repo, { type: 'ui:saveRules', rules: [good, bad] });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toBe('Papershelf refused this request: the pattern of rule 2 is not one Papershelf can read.');
    expect(await repo.getRules()).toEqual([good]);
  });

  it('imports papers in one go and answers with the counts', async () => {
    const { repo, db } = setup();
    const paper = { entry: 'a', metadata: { id: PAPER_ID, title: 'Imported' }, tags: ['x'], saved: true };
    const reply = await uiReply(repo, { type: 'ui:import', papers: [paper], mode: 'merge' });
    expect(reply).toMatchObject({ ok: true, result: { new: 1, merged: 0 } });
    expect(await db.papers.count()).toBe(1);
  });

  it('says where a malformed request is wrong, and writes nothing', async () => {
    const { repo, db } = setup();
    const bad = { entry: 'a', metadata: { id: `${PAPER_ID}v2`, title: 'Versioned id' }, tags: [], saved: true };
    const reply = await uiReply(repo, { type: 'ui:import', papers: [bad], mode: 'merge' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toBe('Papershelf refused this request: the arXiv id of paper 1 is not written as Papershelf stores ids (such as arxiv:2409.12345, without a version).');
    expect(await db.papers.count()).toBe(0);
  });

  it('refuses a citation key another paper holds, in words', async () => {
    const { repo } = setup();
    await repo.save({ ...paper(), id: PAPER_ID });
    await repo.save({ ...paper(), id: 'arxiv:2409.00002', url: 'https://arxiv.org/abs/2409.00002' });
    expect(await uiReply(repo, { type: 'ui:setCitationKey', id: 'arxiv:2409.00002', key: 'mine' })).toEqual({ ok: true });
    const clash = await uiReply(repo, { type: 'ui:setCitationKey', id: PAPER_ID, key: 'mine' });
    expect(clash).toEqual({ ok: false, error: 'The key "mine" is already used by arXiv:2409.00002.' });
  });
});

describe('handleContentRequest: fields no page reads', () => {
  it('drops a DOI, a journal reference and a venue sent by a listing page', async () => {
    const { repo } = setup();
    const extra = { doi: '10.1234/evil', journalRef: 'Forged 1 (2026)', venue: { kind: 'journal', name: 'Forged' } };
    for (const type of ['content:save', 'content:hide'] as const) {
      const reply = await contentReply(repo, { type, paper: { ...paper(), ...extra } });
      expect(reply.ok).toBe(true);
    }
    await contentReply(repo, { type: 'content:setTags', paper: { ...paper(), ...extra }, tags: ['x'] });
    const stored = await repo.get(PAPER_ID);
    expect(stored).toBeDefined();
    expect(stored).not.toHaveProperty('doi');
    expect(stored).not.toHaveProperty('journalRef');
    expect(stored).not.toHaveProperty('venue');
  });
});
