// @vitest-environment node
/**
 * `editMetadata` (the library page's "Correct the metadata"): the fields the user changes become
 * the user's, in one transaction, and neither enrichment nor a page visit overwrites them after.
 * Refusals are in words and store nothing; `previous` is the Undo.
 */
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { PaperRepository, RepositoryError } from '../../../lib/db/repository';
import { handleUiRequest } from '../../../lib/messaging/handler';
import { EditResultSchema, UiRequestSchema } from '../../../lib/messaging/protocol';
import { LIMITS, type PaperInput, type PaperRecord } from '../../../lib/paper/model';

const setup = fakeLibraries('papershelf-edit-metadata-test');

const A = 'arxiv:2409.00001';

function card(overrides: Partial<PaperInput> = {}): PaperInput {
  return { id: A, title: 'A Paper About Thing…', authors: ['Ada Lovelace'], authorCount: 4, publishedAt: '2024-09-02', site: 'huggingface', url: `https://huggingface.co/papers/${A}`, ...overrides };
}

async function saved(repo: PaperRepository): Promise<PaperRecord> {
  await repo.save(card());
  return (await repo.get(A))!;
}

async function refusal(edit: Promise<unknown>): Promise<string> {
  const error = await edit.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RepositoryError);
  return (error as Error).message;
}

describe('editMetadata', () => {
  it('writes the changed fields, marks them as the user\'s, and answers the paper as it was', async () => {
    const { repo } = setup();
    const before = await saved(repo);
    const edit = await repo.editMetadata(A, { title: '  A Paper   About Things ', authors: [' Ada  Lovelace', '', 'Charles Babbage '], publishedAt: '2024-08-30' });
    const after = (await repo.get(A))!;
    expect(after).toMatchObject({ title: 'A Paper About Things', authors: ['Ada Lovelace', 'Charles Babbage'], publishedAt: '2024-08-30' });
    expect(after.fieldSources).toEqual({ title: 'user', authors: 'user', publishedAt: 'user' });
    expect([...after.userEdited!].sort()).toEqual(['authors', 'publishedAt', 'title']);
    // The user's list is the whole list: the card's "4 authors" is gone.
    expect(after.authorCount).toBeUndefined();
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
    // Untouched: state, tags, key.
    expect(after).toMatchObject({ savedAt: before.savedAt, tags: before.tags, citationKey: before.citationKey });
    expect(edit).toEqual({ states: {}, previous: [before] });
  });

  it('marks only the fields whose value changes; the same values change nothing', async () => {
    const { repo } = setup();
    const before = await saved(repo);
    const same = await repo.editMetadata(A, { title: before.title, authors: before.authors, publishedAt: before.publishedAt });
    expect(same.previous).toEqual([]);
    expect(await repo.get(A)).toEqual(before);

    await repo.editMetadata(A, { title: before.title, publishedAt: '2024-08-30' });
    const after = (await repo.get(A))!;
    expect(after.userEdited).toEqual(['publishedAt']);
    expect(after.fieldSources).toEqual({ publishedAt: 'user' });
    expect(after.authorCount).toBe(4);

    // A later edit adds to what is marked, each field once.
    await repo.editMetadata(A, { publishedAt: '2024-08-31', authors: ['Grace Hopper'] });
    expect((await repo.get(A))!.userEdited).toEqual(['publishedAt', 'authors']);
  });

  it('is final: enrichment and page visits fill other fields but never overwrite the user\'s', async () => {
    const { repo } = setup();
    await saved(repo);
    await repo.editMetadata(A, { title: 'My Title', authors: ['Only Me'] });
    await repo.applyFetched([
      { id: A, source: 'arxiv-api', title: 'arXiv Title That Is Much Longer Than Mine', authors: ['A One', 'B Two', 'C Three'], publishedAt: '2024-08-29', abstract: 'From arXiv.', primaryCategory: 'cs.CL' },
    ]);
    let record = (await repo.get(A))!;
    expect(record).toMatchObject({ title: 'My Title', authors: ['Only Me'], publishedAt: '2024-08-29', abstract: 'From arXiv.', primaryCategory: 'cs.CL' });
    expect(record.authorCount).toBeUndefined();

    // A card seen again, with more names and another title.
    await repo.save(card({ title: 'Another Title From The Page', authors: ['A One', 'B Two', 'C Three', 'D Four'] }));
    record = (await repo.get(A))!;
    expect(record).toMatchObject({ title: 'My Title', authors: ['Only Me'] });
  });

  it('refuses in words, and stores nothing, an empty title, no authors, a date that is not one, an unknown paper, an empty edit', async () => {
    const { db, repo } = setup();
    await saved(repo);
    const before = await db.papers.toArray();
    expect(await refusal(repo.editMetadata(A, { title: '   ' }))).toBe('A title cannot be empty.');
    expect(await refusal(repo.editMetadata(A, { title: 'x'.repeat(LIMITS.title + 1) }))).toBe('A title is at most 2,000 characters.');
    expect(await refusal(repo.editMetadata(A, { authors: ['', '  '] }))).toBe('Name at least one author.');
    expect(await refusal(repo.editMetadata(A, { authors: ['x'.repeat(LIMITS.author + 1)] }))).toMatch(/^An author's name is at most 500 characters/);
    expect(await refusal(repo.editMetadata(A, { publishedAt: '2024-9-1' }))).toBe('"2024-9-1" is not a date: write it as YYYY-MM-DD, for example 2017-06-12.');
    expect(await refusal(repo.editMetadata(A, { publishedAt: '2023-02-29' }))).toMatch(/is not a date/);
    expect(await refusal(repo.editMetadata(A, { publishedAt: '0999-01-01' }))).toMatch(/is not a date/);
    expect(await refusal(repo.editMetadata(A, {}))).toBe('Nothing to change: give a title, authors or a date.');
    expect(await refusal(repo.editMetadata('arxiv:2409.99999', { title: 'Nobody' }))).toBe('arXiv:2409.99999 is not in the library.');
    // One bad field refuses the whole edit.
    expect(await refusal(repo.editMetadata(A, { title: 'Fine', publishedAt: 'soon' }))).toMatch(/is not a date/);
    expect(await db.papers.toArray()).toEqual(before);
    // A leap day that exists is a date.
    await repo.editMetadata(A, { publishedAt: '2024-02-29' });
    expect((await repo.get(A))!.publishedAt).toBe('2024-02-29');
  });

  it('is undone by restorePapers with what it answered', async () => {
    const { repo } = setup();
    const before = await saved(repo);
    const edit = await repo.editMetadata(A, { authors: ['Someone Else'] });
    await repo.restorePapers(edit.previous);
    expect(await repo.get(A)).toEqual(before);
  });
});

describe('ui:editMetadata', () => {
  it('runs through the handler and answers an EditResult', async () => {
    const { repo } = setup();
    const before = await saved(repo);
    const { reply, followUp } = await handleUiRequest(repo, { type: 'ui:editMetadata', id: A, authors: ['Ada Lovelace', 'Charles Babbage'] });
    if (!reply.ok) throw new Error(reply.error);
    expect(EditResultSchema.parse(reply.result)).toEqual({ changed: 1, previous: [before] });
    // Nothing a listing tab shows changed: nothing to broadcast.
    expect(followUp.states).toBeUndefined();
    expect((await repo.get(A))!.userEdited).toEqual(['authors']);
  });

  it('says in words what is wrong, and a malformed request writes nothing', async () => {
    const { db, repo } = setup();
    await saved(repo);
    const before = await db.papers.toArray();
    expect((await handleUiRequest(repo, { type: 'ui:editMetadata', id: A, publishedAt: '31/12/2024' })).reply).toEqual({
      ok: false,
      error: '"31/12/2024" is not a date: write it as YYYY-MM-DD, for example 2017-06-12.',
    });
    const { reply: tooLong } = await handleUiRequest(repo, { type: 'ui:editMetadata', id: A, title: 'x'.repeat(LIMITS.title + 1) });
    expect(tooLong).toEqual({ ok: false, error: 'Papershelf refused this request: the title is longer than 2,000 characters.' });
    expect(UiRequestSchema.safeParse({ type: 'ui:editMetadata', id: 'not an id', title: 'x' }).success).toBe(false);
    expect(await db.papers.toArray()).toEqual(before);
  });
});
