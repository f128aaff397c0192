import { vi } from 'vitest';
import { startForYouPage, type ForYouPageOptions } from '../../../lib/content/for-you';
import type { CardMount } from '../../../lib/content/card-mount';
import { createCardWords } from '../../../lib/content/card-words';
import type { Relevance } from '../../../lib/content/controls-view';
import type { ListingRun } from '../../../lib/content/listing-run';
import type { ScoredPaper } from '../../../lib/messaging/for-you-protocol';
import type { SiteAdapter } from '../../../lib/sites/types';

/** Listings and backgrounds for For you's page tests (for-you.test.ts, for-you-relay.test.ts). */
type Text = { title: string; abstract?: string; authors?: string[] };

/** A listing of `count` cards (ids 2409.10000, …), each with the words `textOf(index)` gives. */
export function listingOf(count: number, textOf: (index: number) => Text = (index) => ({ title: `Paper ${index}` })) {
  document.body.innerHTML = `<dl>${Array.from({ length: count }, (_, index) => `<dd id="card${index}">card</dd>`).join('')}</dl>`;
  const shown = new Map<string, Array<Relevance | undefined>>();
  const mounts = Array.from({ length: count }, (_, index) => {
    const id = `2409.${10000 + index}`;
    shown.set(id, []);
    return {
      card: { id, title: `Paper ${index}`, element: document.getElementById(`card${index}`)! },
      host: document.createElement('span'),
      isIntact: () => true,
      showRelevance: (relevance: Relevance | undefined) => shown.get(id)!.push(relevance),
    } as unknown as CardMount;
  });
  const byElement = new Map(mounts.map((mount, index) => [mount.card.element, index]));
  const readPaper = vi.fn(() => 'not used');
  const adapter = { readPaper, readCardText: (card: CardMount['card']) => textOf(byElement.get(card.element)!) } as unknown as SiteAdapter;
  const cardWords = createCardWords(adapter, document, new URL('https://arxiv.org/list/cs.CV/new'));
  const listing = { mountsInOrder: () => mounts, cardsMoved: () => undefined, cardWords } as unknown as ListingRun;
  return { mounts, listing, adapter, readPaper, shown };
}

export function start(listing: ListingRun, sendMessage: (message: unknown) => Promise<unknown>, more: Partial<ForYouPageOptions> = {}) {
  const controller = new AbortController();
  const page = startForYouPage({ doc: document, listing, sendMessage, signal: controller.signal, ...more });
  page.scanned(true);
  return { page, controller };
}

/** A background that scores a paper by the number in its title, and says why in its title. */
export const scoring = (requests: Array<{ papers: ScoredPaper[] }>) => async (message: unknown) => {
  const { papers } = message as { papers: ScoredPaper[] };
  requests.push({ papers });
  return { ok: true, status: 'ready', hint: '', forYouOrder: false, scores: papers.map(([, title]) => Number(title.split(' ')[1]) / 100), why: papers.map(([, title]) => title) };
};

