import type { ScoreSender } from './for-you-relay';

/**
 * A page with at least this many cards hands its bytes to the relay frame: below, reading the cards
 * on the page costs a few milliseconds, less than waiting for the frame to read them.
 */
export const PAGE_SOURCE_MIN_CARDS = 200;

export interface PageOfferOptions {
  /** The page's own bytes from the browser's cache (page-source.ts); absent where the site builds its cards with scripts. */
  pageSource: (() => Promise<Blob | undefined>) | undefined;
  openRelay: () => Promise<ScoreSender | undefined>;
  /** The page's address, which says the frame which site's cards to read. */
  url: () => string;
  signal: AbortSignal;
  /** The offer is over (the bytes handed over, or no bytes, or no frame): reading on the page may go on. */
  settled: () => void;
}

/** For you's offer of the listing's bytes to its relay frame, once a run, and what came of it. */
export interface PageOffer {
  /** Whether a page of `cards` cards would be offered (PAGE_SOURCE_MIN_CARDS, and a source). */
  mayOffer(cards: number): boolean;
  /** Offers the bytes to the frame, the first time on a page of `cards` cards. */
  offer(cards: number): void;
  /**
   * The frame has the page's bytes, so it likely has this paper's words: the page names it by id
   * alone (and reads it itself if the background answers that it has no words for it).
   */
  has(id: string): boolean;
  /** The background lost this paper's words: the page reads them itself from now on. */
  forget(id: string): void;
  /** Whether an offer was made, and whether its answer is still awaited. */
  readonly made: boolean;
  readonly pending: boolean;
}

export function createPageOffer({ pageSource, openRelay, url, signal, settled }: PageOfferOptions): PageOffer {
  /** The frame has the bytes: every card is named by id, but those whose words the background said it lacks. */
  let handed = false;
  const forgotten = new Set<string>();
  let made = false;
  let pending = false;

  const send = async (source: () => Promise<Blob | undefined>) => {
    const sender = await openRelay();
    if (!sender?.offerPage || signal.aborted) return;
    const asking = performance.now();
    const reading = source();
    performance.measure('papershelf:scores-send', { start: asking, detail: { cards: 0 } });
    const page = await reading;
    if (!page || signal.aborted) return;
    // Handing the bytes over passes a reference: the page's thread neither copies nor reads them.
    const handing = performance.now();
    sender.offerPage(page, url());
    performance.measure('papershelf:scores-send', { start: handing, detail: { cards: 0 } });
    handed = true;
  };

  const mayOffer = (cards: number) => pageSource !== undefined && cards >= PAGE_SOURCE_MIN_CARDS;
  return {
    mayOffer,
    offer(cards) {
      if (made || !pageSource || !mayOffer(cards)) return;
      made = true;
      pending = true;
      send(pageSource)
        .catch((error: unknown) => console.warn('Papershelf reads this listing itself for For you:', error))
        .finally(() => {
          pending = false;
          settled();
        });
    },
    has: (id) => handed && !forgotten.has(id),
    forget: (id) => void forgotten.add(id),
    get made() {
      return made;
    },
    get pending() {
      return pending;
    },
  };
}
