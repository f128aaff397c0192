import { describe, expect, it, vi } from 'vitest';
import { FIRST_REQUEST_PAPERS, relevanceIn } from '../../../lib/content/for-you';
import { listingOf, scoring, start } from './for-you-harness';
import type { CardMount } from '../../../lib/content/card-mount';
import type { Relevance } from '../../../lib/content/controls-view';
import type { ListingRun } from '../../../lib/content/listing-run';
import { MAX_WHY, ScoredPaperSchema, WORDED_PAPERS_PER_REQUEST, type ScoredPaper } from '../../../lib/messaging/for-you-protocol';
import { LIMITS } from '../../../lib/paper/model';
import type { SiteAdapter } from '../../../lib/sites/types';

describe('For you on a listing page', () => {
  it('asks about each card with its words read without validation, cut to what a message may carry', async () => {
    const huge = { title: 't'.repeat(LIMITS.title + 500), abstract: 'a'.repeat(LIMITS.abstract + 10), authors: Array.from({ length: LIMITS.authors + 3 }, () => 'n'.repeat(LIMITS.author + 1)) };
    const { listing, adapter, readPaper } = listingOf(1, () => huge);
    const sent: unknown[] = [];
    const { controller } = start(listing, async (message) => {
      sent.push(message);
      return { ok: false };
    });
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    controller.abort();
    const request = sent[0] as { type: string; papers: unknown[] };
    expect(request.type).toBe('content:getScores');
    expect(readPaper).not.toHaveBeenCalled();
    // The background validates each paper: an over-long card must not make it refuse the whole batch.
    const scored = ScoredPaperSchema.safeParse(request.papers[0]);
    expect(scored.success).toBe(true);
    const [id, title, abstract, ...authors] = scored.data!;
    expect(id).toBe('2409.10000');
    expect(title).toHaveLength(LIMITS.title);
    expect(abstract).toHaveLength(LIMITS.abstract);
    expect(authors).toHaveLength(LIMITS.authors);
  });

  it('marks the cards of each reply once, however many replies the page takes', async () => {
    const count = WORDED_PAPERS_PER_REQUEST + 100;
    const { listing, adapter, shown, mounts } = listingOf(count);
    const requests: Array<{ papers: ScoredPaper[] }> = [];
    const { controller } = start(listing, scoring(requests));
    await vi.waitFor(() => expect(mounts.every((mount) => mount.card.element.hasAttribute('data-papershelf-score'))).toBe(true));
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.flatMap(({ papers }) => papers.map(([id]) => id))).toEqual(mounts.map((mount) => mount.card.id));
    // Each card's mark drawn exactly once: a later reply never redraws the cards of an earlier one.
    for (const [id, calls] of shown) expect(calls.filter(Boolean), id).toHaveLength(1);
    const last = mounts.at(-1)!;
    expect(last.card.element.getAttribute('data-papershelf-score')).toBe(String((count - 1) / 100));
    expect(shown.get(last.card.id)![0]).toEqual(relevanceIn((count - 1) / 100, `Paper ${count - 1}`));
    // The run's end takes the scores away with the controls.
    controller.abort();
    expect(document.querySelectorAll('[data-papershelf-score]')).toHaveLength(0);
  });

  it('leaves unmarked, and counts, the cards whose score or reason in a reply is not one; marks the others', async () => {
    const { listing, mounts } = listingOf(6);
    const score = scoring([]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { controller } = start(listing, async (message) => {
      const reply = (await score(message)) as { scores: unknown[]; why: unknown[] };
      reply.scores[1] = 'high';
      reply.scores[2] = Number.POSITIVE_INFINITY;
      reply.why[3] = { toString: () => 'not words' };
      reply.why[4] = 'w'.repeat(MAX_WHY + 1);
      return reply;
    });
    try {
      await vi.waitFor(() => expect(mounts[5]!.card.element.hasAttribute('data-papershelf-score')).toBe(true));
      expect(mounts.map((mount) => mount.card.element.getAttribute('data-papershelf-score'))).toEqual(['0', null, null, null, null, '0.05']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not read 4 of'));
    } finally {
      controller.abort();
      warn.mockRestore();
    }
  });

  it('reads in short slices and hands each message to the channel in a slice of its own', async () => {
    const count = WORDED_PAPERS_PER_REQUEST + 100;
    const { listing, adapter, mounts } = listingOf(count);
    // What each task of the page did: a clock that moves 1 ms per look makes reading take time.
    const events: string[] = [];
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock++);
    const read = adapter.readCardText!.bind(adapter);
    adapter.readCardText = (...args) => {
      events.push('read');
      return read(...args);
    };
    const timeout = window.setTimeout.bind(window);
    vi.spyOn(window, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) =>
      timeout(() => {
        events.push('slice');
        callback();
      }, ms)) as typeof window.setTimeout);
    const score = scoring([]);
    const { controller } = start(listing, (message) => {
      events.push('send');
      return score(message);
    });
    try {
      await vi.waitFor(() => expect(mounts.at(-1)!.card.element.hasAttribute('data-papershelf-score')).toBe(true), { timeout: 30_000 });
    } finally {
      controller.abort();
      vi.restoreAllMocks();
    }
    const slices = events.join(' ').split('slice').map((slice) => slice.trim().split(' ').filter(Boolean));
    // The page's first request is small (FIRST_REQUEST_PAPERS), then a message's worth at a time.
    expect(slices.filter((slice) => slice.includes('send'))).toHaveLength(1 + Math.ceil((count - FIRST_REQUEST_PAPERS) / WORDED_PAPERS_PER_REQUEST));
    for (const slice of slices) {
      // The clock moves 1 ms per look: a slice stops after its fifth card (4 ms).
      expect(slice.filter((event) => event === 'read').length).toBeLessThanOrEqual(5);
      if (slice.includes('send')) expect(slice).toEqual(['send']);
    }
  });

  it('highlights the best cards of the whole page, and moves the highlight when a better one arrives', async () => {
    const count = WORDED_PAPERS_PER_REQUEST + 100;
    const { listing, adapter, mounts } = listingOf(count);
    const { controller } = start(listing, scoring([]));
    await vi.waitFor(() => expect(mounts.at(-1)!.card.element.hasAttribute('data-papershelf-score')).toBe(true));
    // The ten best are the ten last: none of the first request's cards keeps its highlight.
    const highlighted = mounts.filter((mount) => mount.card.element.hasAttribute('data-papershelf-top')).map((mount) => mount.card.id);
    expect(highlighted).toEqual(mounts.slice(-10).map((mount) => mount.card.id));
    controller.abort();
  });

  it('marks the cards when the reply comes while a scan of the page waits for its turn to read', async () => {
    const { listing, adapter, mounts } = listingOf(2);
    const requests: Array<{ papers: ScoredPaper[] }> = [];
    const score = scoring(requests);
    let answer: (() => void) | undefined;
    const { page, controller } = start(listing, (message) => new Promise((resolve) => (answer = () => resolve(score(message)))));
    await vi.waitFor(() => expect(answer).toBeDefined());
    // The site changed something: a scan asks For you to read on (nothing new) before the reply is in.
    page.scanned(true);
    answer!();
    await vi.waitFor(() => expect(mounts[1]!.card.element.getAttribute('data-papershelf-score')).toBe('0.01'));
    controller.abort();
  });

  // A worker stopped with the request, or the library could not be read this once: without
  // asking again, the page would stay unranked until the next save or hide.
  for (const [failure, fail] of [
    ['did not answer', () => Promise.reject(new Error('The message port closed before a response was received.'))],
    ['answered that it could not', () => Promise.resolve({ ok: false, error: 'Papershelf could not read its library for For you.' })],
  ] as const) {
    it(`a request the background ${failure} is asked again later, and every card gets its score`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { listing, adapter, mounts } = listingOf(3);
      const requests: Array<{ papers: ScoredPaper[] }> = [];
      const score = scoring(requests);
      let calls = 0;
      const { controller } = start(listing, (message) => (++calls === 1 ? fail() : score(message)));
      await vi.waitFor(() => expect(mounts.every((mount) => mount.card.element.hasAttribute('data-papershelf-score'))).toBe(true), { timeout: 3_000 });
      controller.abort();
      expect(calls).toBe(2);
      expect(requests[0]!.papers.map(([id]) => id)).toEqual(mounts.map((mount) => mount.card.id));
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Papershelf will ask for this page's scores again/));
      warn.mockRestore();
    });
  }

  it('asks again after a save by id alone, under the same run, and sends words again only for what the background lost', async () => {
    const { listing, adapter, mounts } = listingOf(4);
    const sent: Array<{ run: string; papers: unknown[][] }> = [];
    const requests: Array<{ papers: ScoredPaper[] }> = [];
    const score = scoring(requests);
    let lost = new Set<string>();
    const { page, controller } = start(listing, async (message) => {
      const request = message as { run: string; papers: unknown[][] };
      sent.push(structuredClone(request));
      // Words for an id alone come from an earlier request of the run (what the background keeps).
      const earlier = (id: unknown) => sent.flatMap(({ papers }) => papers).find((paper) => paper[0] === id && paper.length > 1);
      const unknown = request.papers.flatMap((paper, index) => (paper.length === 1 && lost.has(paper[0] as string) ? [index] : []));
      const reply = await score({ papers: request.papers.map((paper) => (paper.length === 1 ? earlier(paper[0]) : paper)) as ScoredPaper[] });
      return unknown.length ? { ...reply, unknown } : reply;
    });
    const scored = () => mounts.every((mount) => mount.card.element.hasAttribute('data-papershelf-score'));
    await vi.waitFor(() => expect(scored()).toBe(true));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.run).toMatch(/^[0-9a-z]{16}$/);
    expect(sent[0]!.papers.every((paper) => paper.length >= 3)).toBe(true);

    // The model changed: the same run asks about every card by its id alone.
    for (const mount of mounts) mount.card.element.removeAttribute('data-papershelf-score');
    page.refresh();
    await vi.waitFor(() => expect(scored()).toBe(true));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.run).toBe(sent[0]!.run);
    expect(sent[1]!.papers).toEqual(mounts.map((mount) => [mount.card.id]));

    // The background's worker was stopped since: it says which it has no words for, and gets them.
    lost = new Set([mounts[1]!.card.id, mounts[3]!.card.id]);
    for (const mount of mounts) mount.card.element.removeAttribute('data-papershelf-score');
    page.refresh();
    await vi.waitFor(() => expect(scored()).toBe(true));
    controller.abort();
    expect(sent).toHaveLength(4);
    expect(sent[3]!.papers.map((paper) => [paper[0], paper.length >= 3])).toEqual([
      [mounts[1]!.card.id, true],
      [mounts[3]!.card.id, true],
    ]);
  });

  it('a reset (not ready any more) takes every score, highlight and mark away', async () => {
    const { listing, adapter, mounts, shown } = listingOf(3);
    let ready = true;
    const requests: Array<{ papers: ScoredPaper[] }> = [];
    const score = scoring(requests);
    const { page, controller } = start(listing, async (message) => (ready ? score(message) : { ok: true, status: 'learning', hint: 'save 5 more', forYouOrder: false, scores: [], why: [] }));
    await vi.waitFor(() => expect(mounts[2]!.card.element.hasAttribute('data-papershelf-score')).toBe(true));
    ready = false;
    page.refresh();
    await vi.waitFor(() => expect(document.querySelectorAll('[data-papershelf-score], [data-papershelf-top]')).toHaveLength(0));
    controller.abort();
    expect(shown.get(mounts[0]!.card.id)!.at(-1)).toBeUndefined();
  });
});

describe('the mark of a score', () => {
  it('fills dots by relevance and says the score in words, then why', () => {
    expect(relevanceIn(1, 'gaussian splatting; like “Splats”')).toEqual({ level: 4, label: 'Relevance 88 of 100, high: gaussian splatting; like “Splats”' });
    expect(relevanceIn(-3, '')).toEqual({ level: 0, label: 'Relevance 0 of 100, very low' });
  });
});
