// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { startForYou } from '../../../lib/for-you/service';
import { RANKING_MODEL_KEY } from '../../../lib/for-you/model-store';
import { ForYouReplySchema, scoredPaper, type ForYouReply } from '../../../lib/messaging/for-you-protocol';
import type { PaperInput } from '../../../lib/paper/model';

const setup = fakeLibraries('papershelf-for-you-test');

const splat = (n: number): PaperInput => ({
  id: `arxiv:2609.${String(10000 + n)}`,
  title: `Gaussian splatting for ${['fast', 'dynamic', 'sparse', 'large', 'urban'][n % 5]} novel view synthesis`,
  abstract: 'We render radiance fields with 3D Gaussians for novel view synthesis in real time.',
  site: 'arxiv',
  url: `https://arxiv.org/abs/2609.${String(10000 + n)}`,
});
const parse = (n: number): PaperInput => ({
  id: `arxiv:2609.${String(20000 + n)}`,
  title: `Dependency parsing of ${['legal', 'medical', 'news', 'spoken'][n % 4]} text number ${n}`,
  abstract: 'A treebank and a parser for syntactic dependency parsing of low-resource languages.',
  site: 'arxiv',
  url: `https://arxiv.org/abs/2609.${String(20000 + n)}`,
});
// A listing page scores its cards under their arXiv ids.
const card = (paper: PaperInput) => scoredPaper(paper.id.replace(/^arxiv:/, ''), paper);
const LIKED = card({ ...splat(99), title: 'Dynamic Gaussian splatting of faces' });
const DISLIKED = card({ ...parse(99), title: 'Dependency parsing for spoken dialogue' });

async function start(saves: number, hides: number) {
  const { db, repo } = setup();
  for (let n = 0; n < saves; n++) await repo.save(splat(n));
  for (let n = 0; n < hides; n++) await repo.hide(parse(n));
  let pushes = 0;
  const service = startForYou(db, repo, () => pushes++);
  const scores = async () => ForYouReplySchema.parse(await service.answer({ type: 'content:getScores', papers: [LIKED, DISLIKED] }, 'content')) as ForYouReply;
  return { db, repo, service, scores, pushes: () => pushes };
}

describe('For you in the background', () => {
  it('waits for 5 saves and 20 hides, saying how many more, with no scores', async () => {
    const { scores } = await start(3, 20);
    const reply = await scores();
    expect(reply.status).toBe('learning');
    expect(reply.hint).toBe('For you: save 2 more papers to rank this page by your interests.');
    expect(reply.scores).toEqual([]);
  });

  it('scores papers like the saved ones above papers like the hidden ones, and says why', async () => {
    const { scores, db } = await start(5, 20);
    const reply = await scores();
    expect(reply.status).toBe('ready');
    // One score and one "why" per paper, in the request's order.
    expect(reply.scores).toHaveLength(2);
    expect(reply.scores[0]).toBeGreaterThan(reply.scores[1]!);
    expect(reply.why[0]).toMatch(/gaussian splatting|novel view/);
    expect(await db.settings.get(RANKING_MODEL_KEY)).toBeDefined();
  });

  it('learns a save within the update delay, and tells the tabs', async () => {
    const { scores, repo, service, pushes } = await start(5, 20);
    const before = (await scores()).scores[1]!;
    await repo.save(parse(50));
    await repo.save(parse(51));
    service.libraryChanged();
    await service.idle();
    expect((await scores()).scores[1]).toBeGreaterThan(before);
    expect(pushes()).toBe(1);
  });

  it('updates from the last fit after a save, and brings in its new words at the rebuild that waits for a pause', async () => {
    const { repo, service, db } = await start(5, 20);
    await service.answer({ type: 'content:getScores', papers: [] }, 'content');
    const storedTerms = async () => ((await db.settings.get(RANKING_MODEL_KEY))?.value as { model: { terms: string[]; saved: number } }).model;
    await repo.save({ ...splat(60), title: 'Quokka splatting' });
    await repo.save({ ...splat(61), title: 'Quokka rendering' });
    service.libraryChanged();
    await service.idle();
    const updated = await storedTerms();
    expect(updated.saved).toBe(7);
    expect(updated.terms).not.toContain('quokka');
    await service.rebuildNow();
    expect((await storedTerms()).terms).toContain('quokka');
  });

  it('scores papers a run sent before by their id alone, and says which ids it has no words for', async () => {
    const { service } = await start(5, 20);
    const ask = async (run: string | undefined, papers: unknown[]) => ForYouReplySchema.parse(await service.answer({ type: 'content:getScores', ...(run && { run }), papers }, 'content'));
    const first = await ask('run0000001', [LIKED, DISLIKED]);
    expect(first.unknown).toBeUndefined();
    // The same run, after a save: ids alone give the same scores and the same why.
    const again = await ask('run0000001', [[LIKED[0]], [DISLIKED[0]]]);
    expect(again).toMatchObject({ status: 'ready', scores: first.scores, why: first.why });
    expect(again.unknown).toBeUndefined();
    // Another run (or a worker that lost them) has no words for them: placeholders, and their positions.
    const fresh = card(splat(77));
    const other = await ask('run0000002', [fresh, [LIKED[0]]]);
    expect(other.unknown).toEqual([1]);
    expect(other.scores).toHaveLength(2);
    expect(other.why[1]).toBe('');
    expect(other.scores[0]).toBeGreaterThan(0);
    expect((await ask(undefined, [[LIKED[0]]])).unknown).toEqual([0]);
  });

  it('rebuilds a missing or unreadable model from the library', async () => {
    const { db, repo } = await start(5, 20);
    await db.settings.put({ key: RANKING_MODEL_KEY, value: { signature: 'x', model: { format: 1, terms: 'broken' } } });
    const service = startForYou(db, repo, () => undefined);
    const reply = ForYouReplySchema.parse(await service.answer({ type: 'content:getScores', papers: [LIKED] }, 'content'));
    expect(reply.status).toBe('ready');
    expect(reply.scores).toHaveLength(1);
  });

  it('reset forgets every earlier save and hide; off in Settings gives no scores', async () => {
    const { scores, service, repo } = await start(5, 20);
    expect((await scores()).status).toBe('ready');
    expect(await service.answer({ type: 'ui:resetRanking' }, 'page')).toMatchObject({ ok: true, result: { saved: 0, hidden: 0, ready: false } });
    expect((await scores()).scores).toEqual([]);
    await repo.saveSettings({ ...(await repo.getSettings()), forYou: false });
    expect((await scores()).status).toBe('off');
  });

  it('a dismissed hint stays dismissed on every listing until For you is reset', async () => {
    const { scores, service } = await start(3, 20);
    expect((await scores()).hint).not.toBe('');
    const dismissed = ForYouReplySchema.parse(await service.answer({ type: 'content:dismissHint' }, 'content'));
    expect(dismissed).toMatchObject({ status: 'learning', hint: '' });
    expect((await scores()).hint).toBe('');
    await service.answer({ type: 'ui:resetRanking' }, 'page');
    expect((await scores()).hint).toBe('For you: save 5 more papers and hide 20 more to rank this page by your interests.');
  });

  it('remembers the page order the reader chose', async () => {
    const { service } = await start(0, 0);
    const on = ForYouReplySchema.parse(await service.answer({ type: 'content:setForYouOrder', on: true }, 'content'));
    expect(on.forYouOrder).toBe(true);
  });

  it('leaves other messages to the main protocol, and refuses a request from the wrong side or malformed', async () => {
    const { service } = await start(0, 0);
    expect(service.answer({ type: 'content:getStates', ids: [] }, 'content')).toBeUndefined();
    expect(await service.answer({ type: 'ui:resetRanking' }, 'content')).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'content:getScores', papers: 'all' }, 'content')).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'content:getScores', papers: [] }, undefined)).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'content:getScores', run: 'not a token!', papers: [] }, 'content')).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'content:getScores', run: 'run0000001', papers: [['2609.00001', 'only a title']] }, 'content')).toMatchObject({ ok: false });
  });

  it('gives a listing a one-time token for its relay frame, which the frame spends once; scores the frame forwards', async () => {
    const { service } = await start(5, 20);
    const issued = (await service.answer({ type: 'content:relayToken' }, 'content')) as { ok: true; token: string };
    expect(issued.token).toMatch(/^[0-9a-z]{32}$/);
    // Only a listing's content script gets one.
    expect(await service.answer({ type: 'content:relayToken' }, 'page')).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'content:relayToken' }, undefined)).toMatchObject({ ok: false });
    // A token nobody was given, a malformed one, or one from nobody of ours is refused.
    expect(await service.answer({ type: 'relay:checkToken', token: 'a'.repeat(32) }, 'page')).toEqual({ ok: true, valid: false });
    expect(await service.answer({ type: 'relay:checkToken', token: 'short' }, 'page')).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'relay:checkToken', token: issued.token }, undefined)).toMatchObject({ ok: false });
    expect(await service.answer({ type: 'relay:checkToken', token: issued.token }, 'page')).toEqual({ ok: true, valid: true });
    expect(await service.answer({ type: 'relay:checkToken', token: issued.token }, 'page')).toEqual({ ok: true, valid: false });
    // The frame is a page of the extension: it may ask for scores, and gets what the listing would.
    const viaFrame = ForYouReplySchema.parse(await service.answer({ type: 'content:getScores', papers: [LIKED, DISLIKED] }, 'page'));
    const direct = ForYouReplySchema.parse(await service.answer({ type: 'content:getScores', papers: [LIKED, DISLIKED] }, 'content'));
    expect(viaFrame.scores).toEqual(direct.scores);
    expect(viaFrame.why).toEqual(direct.why);
    expect(await service.answer({ type: 'content:setForYouOrder', on: true }, 'page')).toMatchObject({ ok: false });
  });
});
