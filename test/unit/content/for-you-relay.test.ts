import { describe, expect, it, vi } from 'vitest';
import { FIRST_REQUEST_PAPERS, FIRST_REQUEST_PAPERS_BEFORE_SOURCE } from '../../../lib/content/for-you';
import { PAGE_SOURCE_MIN_CARDS } from '../../../lib/content/page-offer';
import { openScoreRelay, type ScoreSender } from '../../../lib/content/for-you-relay';
import type { ScoredPaper } from '../../../lib/messaging/for-you-protocol';
import { listingOf, scoring, start } from './for-you-harness';

const TOKEN = { ok: true, token: 't'.repeat(32) };
const isScored = (element: Element) => element.hasAttribute('data-papershelf-score');

/** More cards than the page's first request holds: the rest may go through the relay. */
const CARDS = FIRST_REQUEST_PAPERS + 30;

/** The extension's channel: a token when asked, scores for the rest; records what it was asked. */
function extensionChannel(token: unknown = TOKEN) {
  const asked: string[] = [];
  const score = scoring([]);
  const sendMessage = vi.fn(async (message: unknown) => {
    const { type } = message as { type: string };
    asked.push(type);
    return type === 'content:relayToken' ? token : score(message);
  });
  return { sendMessage, asked };
}

describe('For you relay on a listing page', () => {
  for (const [why, token] of [
    ['the frame never answers (refused by the page, blocked, or not loaded)', TOKEN],
    ['the background gives no token', { ok: false, error: 'no' }],
  ] as const) {
    it(`scores every card through the extension's channel when ${why}, and leaves no frame behind`, async () => {
      const { listing, adapter, mounts } = listingOf(CARDS);
      const { sendMessage, asked } = extensionChannel(token);
      const before = document.documentElement.children.length;
      const openRelay = () => openScoreRelay({ doc: document, frameUrl: 'chrome-extension://abcdef/for-you-relay.html', extensionOrigin: 'chrome-extension://abcdef/', sendMessage, signal: new AbortController().signal, openTimeoutMs: 50 });
      const { controller } = start(listing, sendMessage, { openRelay });
      await vi.waitFor(() => expect(mounts.every((mount) => isScored(mount.card.element))).toBe(true));
      controller.abort();
      // The first request tells the page the model is ready; only then is a frame asked for.
      expect(asked.slice(0, 2)).toEqual(['content:getScores', 'content:relayToken']);
      expect(asked.slice(2)).toContain('content:getScores');
      expect(document.documentElement.children.length).toBe(before);
    });
  }

  it('sends the score requests through the relay once it is open, not the extension channel', async () => {
    const { listing, adapter, mounts } = listingOf(CARDS);
    const { sendMessage, asked } = extensionChannel();
    const relayed: unknown[] = [];
    const score = scoring([]);
    const sender: ScoreSender = (request, named) => {
      relayed.push(request);
      expect(named).toEqual([]);
      return score(request);
    };
    const { controller } = start(listing, sendMessage, { openRelay: async () => sender });
    await vi.waitFor(() => expect(mounts.every((mount) => isScored(mount.card.element))).toBe(true));
    controller.abort();
    expect(relayed).toHaveLength(1);
    expect((relayed[0] as { papers: ScoredPaper[] }).papers.map(([id]) => id)).toEqual(mounts.slice(FIRST_REQUEST_PAPERS).map((mount) => mount.card.id));
    expect(asked).toEqual(['content:getScores']);
  });

  for (const status of ['learning', 'off'] as const) {
    it(`opens no frame for a reader whose For you is ${status === 'off' ? 'turned off' : 'still learning'}`, async () => {
      const { listing, adapter } = listingOf(CARDS);
      const asked: string[] = [];
      const sendMessage = vi.fn(async (message: unknown) => {
        asked.push((message as { type: string }).type);
        return { ok: true, status, hint: '', forYouOrder: false, scores: [], why: [] };
      });
      const openRelay = vi.fn(async () => undefined);
      const { controller } = start(listing, sendMessage, { openRelay });
      await vi.waitFor(() => expect(asked.length).toBeGreaterThanOrEqual(2));
      controller.abort();
      expect(openRelay).not.toHaveBeenCalled();
    });
  }

  it('takes the extension channel for good when the relay frame is lost, and still scores every card', async () => {
    const { listing, adapter, mounts } = listingOf(CARDS);
    const { sendMessage, asked } = extensionChannel();
    // What the relay's sender says once the page removed the frame (for-you-relay.ts).
    const lost = vi.fn(() => Promise.reject(Object.assign(new Error('the relay frame was removed'), { name: 'RelayLostError' })));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { controller } = start(listing, sendMessage, { openRelay: async () => lost });
    try {
      await vi.waitFor(() => expect(mounts.every((mount) => isScored(mount.card.element))).toBe(true), { timeout: 5_000 });
    } finally {
      controller.abort();
      vi.restoreAllMocks();
    }
    expect(lost).toHaveBeenCalledTimes(1);
    expect(asked).toContain('content:getScores');
  });

  describe('a listing whose bytes the relay frame reads', () => {
    const PAGE_CARDS = PAGE_SOURCE_MIN_CARDS + 20;
    const PAGE = new Blob(['<dl>…</dl>']);

    /**
     * A relay that "read" every card of the page but `missing`, and sends their words as the relay
     * frame does; its background says which papers named by id it has no words for, as the
     * background does (`unknown`).
     */
    function pageRelay(textOf: (id: string) => ScoredPaper, missing: ReadonlySet<string>) {
      const score = scoring([]);
      const forwarded: ScoredPaper[][] = [];
      const offered: unknown[] = [];
      const sent = new Set<string>();
      const sender: ScoreSender = async (request, named) => {
        // As the relay frame does: the named papers after the request's own, with the words it read.
        const papers = [...request.papers, ...named.map((id) => (missing.has(id) && !sent.has(id) ? [id] : textOf(id)))] as ScoredPaper[];
        forwarded.push(papers);
        for (const paper of papers) if (paper.length > 1) sent.add(paper[0]);
        const unknown = papers.flatMap((paper, index) => (paper.length === 1 ? [index] : []));
        const reply = (await score({ ...request, papers: papers.map((paper) => (paper.length === 1 ? [paper[0], 'Paper 0', ''] : paper)) })) as object;
        return unknown.length > 0 ? { ...reply, unknown } : reply;
      };
      sender.offerPage = (page, url) => {
        offered.push([page, url]);
      };
      return { sender, forwarded, offered };
    }

    it('reads on the page only the first request\'s few cards and those the frame did not find (the background says so); every card is scored', async () => {
      const { listing, adapter, mounts } = listingOf(PAGE_CARDS, (index) => ({ title: `Paper ${index}` }));
      const read = vi.spyOn(adapter as unknown as { readCardText(card: { id: string }): unknown }, 'readCardText');
      const { sendMessage } = extensionChannel();
      const ids = mounts.map((mount) => mount.card.id);
      const missing = new Set(ids.slice(-5));
      const relay = pageRelay((id) => [id, `Paper ${ids.indexOf(id)}`, ''], missing);
      const { controller } = start(listing, sendMessage, { openRelay: async () => relay.sender, pageSource: async () => PAGE });
      await vi.waitFor(() => expect(mounts.every((mount) => isScored(mount.card.element))).toBe(true));
      // The scores are those of each card's own words (the harness scores by the title's number).
      mounts.forEach((mount, index) => expect(mount.card.element.getAttribute('data-papershelf-score')).toBe(String(index / 100)));
      controller.abort();
      expect(relay.offered).toEqual([[PAGE, document.URL]]);
      const readIds = read.mock.calls.map(([card]) => card.id);
      expect(readIds.sort()).toEqual([...ids.slice(0, FIRST_REQUEST_PAPERS_BEFORE_SOURCE), ...missing].sort());
    });

    it('reads every card on the page when the cache holds no copy, or the listing is short', async () => {
      for (const [cards, page] of [[PAGE_CARDS, undefined], [PAGE_SOURCE_MIN_CARDS - 1, PAGE]] as const) {
        const { listing, adapter, mounts } = listingOf(cards);
        const read = vi.spyOn(adapter as unknown as { readCardText(card: { id: string }): unknown }, 'readCardText');
        const channel = extensionChannel();
        // Answered late: reading waits for the first answer on a page whose bytes would be offered.
        const sendMessage = async (message: unknown) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          return channel.sendMessage(message);
        };
        const relay = pageRelay(() => ['2409.10000', 'never', ''], new Set());
        const { controller } = start(listing, sendMessage, { openRelay: async () => relay.sender, pageSource: async () => page });
        await vi.waitFor(() => expect(mounts.every((mount) => isScored(mount.card.element))).toBe(true));
        controller.abort();
        expect(read).toHaveBeenCalledTimes(cards);
        expect(relay.offered).toHaveLength(0);
      }
    });

    it('goes on reading after a late first answer that offers nothing (the reader is still learning), as a page without bytes does', async () => {
      const { listing, mounts } = listingOf(PAGE_CARDS);
      const asked: string[] = [];
      const sendMessage = async (message: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        for (const [id] of (message as { papers?: ScoredPaper[] }).papers ?? []) asked.push(id);
        return { ok: true, status: 'learning', hint: 'Save 3 more', forYouOrder: false, scores: [], why: [] };
      };
      const relay = pageRelay(() => ['2409.10000', 'never', ''], new Set());
      const { controller } = start(listing, sendMessage, { openRelay: async () => relay.sender, pageSource: async () => PAGE });
      await vi.waitFor(() => expect(asked).toHaveLength(PAGE_CARDS));
      controller.abort();
      expect(asked).toEqual(mounts.map((mount) => mount.card.id));
      expect(relay.offered).toHaveLength(0);
    });
  });
});
