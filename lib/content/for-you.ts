import { ReplySchema } from '../messaging/protocol';
import { ForYouReplyShapeSchema, isScore, isWhy, MAX_PAPERS_PER_SCORE_REQUEST, scoredPaper, WORDED_PAPERS_PER_REQUEST, type ForYouReply, type KnownPaper, type ScoredPaper } from '../messaging/for-you-protocol';
import { t, type MessageKey } from '../i18n/t';
import { relevanceOf } from '../ranking/explain';
import type { CardMount } from './card-mount';
import type { Relevance } from './controls-view';
import { reorderCards } from './for-you-order';
import { bestOf, topCount } from './for-you-top';
import type { ListingRun } from './listing-run';
import { isRelayLost, type ScoreSender } from './for-you-relay';
import { createMarksNearView, type NearViewOptions } from './marks-near-view';
import { createSwitch } from './for-you-switch';
import { createPageOffer } from './page-offer';

/** The page contract (DESIGN.md): higher = more relevant; absent while there is no model. */
export const SCORE_ATTRIBUTE = 'data-papershelf-score';
/** On the cards ranked highest on the page (style.css gives them a bar). */
export const TOP_ATTRIBUTE = 'data-papershelf-top';

/** Reading stops for the page when an idle period has less than this left (ms). */
const IDLE_MARGIN_MS = 2;
/**
 * …or when one slice has read for this long (ms): an idle period may last 50 ms, and a key the
 * reader presses during a slice waits for its end.
 */
const SLICE_MS = 4;
/**
 * A request the background could not answer (its worker stopped with it, or the library could not be
 * read) is asked again this much later, twice as late each time, at most `RETRIES` times a round:
 * a page otherwise stays without scores until the next save or hide.
 */
const RETRY_MS = 1_000;
/** The page's first request: enough cards to fill the first screens, and a quick answer to whether the model is ready. */
export const FIRST_REQUEST_PAPERS = 50;
/**
 * …and on a page whose bytes the relay frame will read (page-offer.ts), the first screens alone
 * (an arXiv entry with its abstract fills a fifth of a screen or more): the frame reads the rest.
 */
export const FIRST_REQUEST_PAPERS_BEFORE_SOURCE = 10;
const RETRIES = 4;

export interface ForYouPageOptions {
  doc: Document;
  /** The run whose cards are ranked; their words are read through its `cardWords`. */
  listing: ListingRun;
  sendMessage(message: unknown): Promise<unknown>;
  /**
   * Opens the relay frame that carries the score requests off the page's thread (for-you-relay.ts);
   * undefined from it, or without it, the requests take `sendMessage`.
   */
  openRelay?: () => Promise<ScoreSender | undefined>;
  /**
   * The page's own bytes from the browser's cache (page-source.ts), where the site serves its cards
   * in them: the relay frame then reads the cards' words in its own process, and the page asks about
   * those papers by id alone. Undefined from it, or without it, every card is read here.
   */
  pageSource?: () => Promise<Blob | undefined>;
  /** Where the cards are against the view: marks are drawn near it (marks-near-view.ts). Without it, every mark at once. */
  view?: Omit<NearViewOptions, 'inPageOrder'>;
  signal: AbortSignal;
}

export interface ForYouPage {
  /**
   * A scan may have brought cards without a score. The switch takes its place at once (so the
   * list never moves later); the cards are read only once every card found has its controls.
   */
  scanned(everyCardMounted: boolean): void;
  /** The model changed (a save, a hide, a reset, Settings): score every card again. */
  refresh(): void;
  /** For you order ↔ the site's order (`f`). */
  toggleOrder(): void;
}

/** A card's score and why, kept to draw a card the site renders again without asking. */
interface Known {
  score: number;
  why: string;
}

/**
 * "For you" on one listing run: reads the page's cards while the page idles, asks the background
 * to score them (a few messages of up to 500 cards each), marks the cards of each reply (a score
 * on the card, a mark beside its controls saying why), highlights the best, and switches the page
 * between the site's order and For you once every card is scored. Ends with the run's signal.
 *
 * What it costs the page's main thread grows with the cards only once each: every card is read
 * once, sent once, and drawn once per reply that concerns it (benchmarks: scripts/bench-for-you-page.ts).
 */
export function startForYouPage(options: ForYouPageOptions): ForYouPage {
  const { doc, listing, signal } = options;
  const win = doc.defaultView;
  /** This run's token: the background keeps the words the run sends under it (lib/for-you/run-words.ts). */
  const run = runToken();
  /** Papers whose words the background has from this run: asked about by id alone. */
  const wordsSent = new Set<string>();
  /** This round's scores by paper id (a paper may have several cards). */
  let known = new Map<string, Known>();
  /** The cards read (or drawn from `known`) in this round. */
  let handled = new WeakSet<CardMount>();
  /** The cards that carry a score and a mark now (from this round or the one before). */
  const marked = new Map<CardMount, number>();
  let top = new Set<CardMount>();
  const siteIndex = new WeakMap<Element, number>();
  let nextIndex = 0;
  let forYouOrder = false;
  let ordered = false;
  let status: ForYouReply['status'] | undefined;
  let generation = 0;
  /** Requests of this round not answered yet: the marks and the order wait for every card's score. */
  let inFlight = 0;
  /** Replies of this round not drawn yet: a score and a reason per card, checked as they are drawn. */
  let answered: Answer[] = [];
  let reading: (() => void) | undefined;
  const marks = createMarksNearView<Known>(options.view && { ...options.view, inPageOrder: () => listing.mountsInOrder() }, signal, ({ score, why }) => relevanceIn(score, why));

  const widget = createSwitch(
    doc,
    () => toggleOrder(),
    () => void options.sendMessage({ type: 'content:dismissHint' }).catch(() => undefined),
    () => listing.mountsInOrder()[0]?.card.element,
  );
  signal.addEventListener('abort', () => {
    reading?.();
    clearTimeout(retryTimer);
    widget.remove();
    clearMarks();
  }, { once: true });

  const mounts = () => listing.mountsInOrder();

  /** The site's order, remembered the first time each card is seen (before any reordering). */
  const rememberSiteOrder = () => {
    if (ordered) return;
    for (const mount of mounts()) if (!siteIndex.has(mount.card.element)) siteIndex.set(mount.card.element, nextIndex++);
  };

  /** The relay once it is open (or known not to be), else the extension's channel. */
  let relay: Promise<ScoreSender | undefined> | undefined;
  const openRelay = () => (relay ??= options.openRelay?.().catch(() => undefined) ?? Promise.resolve(undefined));
  const viaExtension: ScoreSender = (request, named) =>
    options.sendMessage(named.length > 0 ? { ...request, papers: [...request.papers, ...named.map((id): KnownPaper => [id])] } : request);
  /**
   * The page's first request is small and goes through the extension's channel; the others wait
   * for its answer. The relay frame is opened only once the background said the model is ready: a
   * reader still learning, or with For you off, gets no frame on any listing.
   */
  let firstAsked = false;
  let statusTold!: () => void;
  const firstAnswer = new Promise<void>((resolve) => (statusTold = resolve));
  /** A message's worth: the first request's few cards, then up to WORDED_PAPERS_PER_REQUEST sent with their words. */
  const isFull = (batch: Batch) => {
    const cards = cardsIn(batch);
    return firstAsked ? batch.papers.length >= WORDED_PAPERS_PER_REQUEST || cards >= MAX_PAPERS_PER_SCORE_REQUEST : cards >= firstRequestPapers();
  };

  /** The listing's bytes, read by the relay frame: the papers it read are named by id alone. */
  const page = createPageOffer({ pageSource: options.pageSource, openRelay, url: () => doc.URL, signal, settled: () => schedule() });
  const firstRequestPapers = () => (page.mayOffer(mounts().length) ? FIRST_REQUEST_PAPERS_BEFORE_SOURCE : FIRST_REQUEST_PAPERS);
  /**
   * On a page whose bytes would be offered, reading waits for the first answer (is the model
   * ready?) and then for them to be handed to the frame: the cards it reads are not read here.
   */
  const waitForPage = () => (!page.made && firstAsked && status === undefined && inFlight > 0 && page.mayOffer(mounts().length)) || page.pending;

  const ask = async ({ mounts: worded, papers, named, round }: Batch) => {
    // The reply's order: the papers sent with their words, then those named by id.
    const batch = named.length > 0 ? worded.concat(named) : worded;
    const ids = named.map((mount) => mount.card.id);
    inFlight++;
    let raw: unknown;
    const first = !firstAsked;
    firstAsked = true;
    try {
      if (!first) await firstAnswer;
      const send = (relay !== undefined || status === 'ready' ? await openRelay() : undefined) ?? viaExtension;
      // Handing the request to the channel (which copies or serialises it here, on the page's
      // thread) is For you's other cost on a page besides reading (benchmarks, DevTools).
      const started = performance.now();
      const reply = send({ type: 'content:getScores', run, papers }, ids);
      performance.measure('papershelf:scores-send', { start: started, detail: { cards: papers.length + ids.length } });
      raw = await reply;
    } catch (error) {
      if (first) statusTold();
      // The frame went away (the page removed it): the extension's channel from now on.
      if (isRelayLost(error)) relay = Promise.resolve(undefined);
      if (round === generation) inFlight--;
      askAgainLater(batch, round, error);
      return;
    }
    if (round === generation) inFlight--;
    if (signal.aborted || round !== generation) return statusTold();
    const started = performance.now();
    const reply = ForYouReplyShapeSchema.safeParse(raw);
    if (!reply.success) {
      statusTold();
      // The background's refusal in words: it could not read the library this time.
      const refusal = ReplySchema.safeParse(raw);
      if (refusal.success && !refusal.data.ok) askAgainLater(batch, round, refusal.data.error);
      return; // a reply of an older background: the page stays as the site made it
    }
    status = reply.data.status;
    // The frame loads while the next cards are read, or it reads them from the page's bytes.
    if (status === 'ready') {
      void openRelay();
      page.offer(mounts().length);
    }
    // Reading may have waited for this answer (waitForPage).
    if (first) schedule();
    statusTold();
    forYouOrder = reply.data.forYouOrder;
    const unknown = reply.data.unknown?.length ? new Set(reply.data.unknown) : undefined;
    // The background keeps the words sent (those named by id it had already, or had from the frame).
    papers.forEach((paper, index) => {
      if (!unknown?.has(index)) wordsSent.add(paper[0]);
    });
    widget.show(status, reply.data.hint, forYouOrder);
    if (status !== 'ready' || reply.data.scores.length !== batch.length) {
      answered = [];
      clearMarks();
    } else {
      answered.push({ mounts: batch, scores: reply.data.scores, why: reply.data.why, unknown });
      if (unknown) sendWordsAgain(batch.filter((_, index) => unknown.has(index)));
    }
    // Taking in a reply is For you's other main-thread cost on a page (benchmarks, DevTools).
    performance.measure('papershelf:scores', { start: started, detail: { cards: batch.length } });
    if (inFlight === 0 && reading === undefined) drawAnswered();
  };

  /** These cards are read (or named) and asked about again by the next slices of this round. */
  const readAgain = (mounts: readonly CardMount[]) => {
    for (const mount of mounts) handled.delete(mount);
    cursor = { list: [], at: 0 };
  };
  /** The background lost these cards' words (its worker was stopped): they are read and sent whole. */
  const sendWordsAgain = (mounts: CardMount[]) => {
    for (const mount of mounts) {
      wordsSent.delete(mount.card.id);
      page.forget(mount.card.id);
    }
    readAgain(mounts);
    schedule();
  };

  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The batch's cards are read and asked about again later (RETRY_MS), unless a new round began. */
  const askAgainLater = (batch: CardMount[], round: number, why: unknown) => {
    if (signal.aborted || round !== generation) return;
    readAgain(batch);
    if (retries >= RETRIES) {
      console.warn('Papershelf could not rank this page:', why);
      return;
    }
    console.warn(`Papershelf will ask for this page's scores again (${why instanceof Error ? why.message : String(why)})`);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (round === generation) schedule();
    }, RETRY_MS * 2 ** retries++);
  };

  /**
   * Marks the cards of every reply not drawn yet, once every card read has its answer: each pass of
   * the browser's layout walks the whole page, so a 2,000-entry page is marked in one frame, not
   * in one per message.
   */
  const drawAnswered = () => {
    const started = performance.now();
    const drawing = answered;
    answered = [];
    let cards = 0;
    let unreadable = 0;
    // One pass per reply, checking each score as it is drawn: every loop over 2,000 cards has a
    // cost of its own on the page's thread (this code runs once a page, uncompiled).
    for (const { mounts: batch, scores, why, unknown } of drawing) {
      for (let index = 0; index < batch.length; index++) {
        if (unknown?.has(index)) continue;
        const score = scores[index];
        const reason = why[index];
        if (!isScore(score) || !isWhy(reason)) {
          unreadable++;
          continue;
        }
        const mount = batch[index]!;
        const entry = { score, why: reason };
        known.set(mount.card.id, entry);
        mark(mount, entry);
        cards++;
      }
    }
    if (unreadable > 0) console.warn(`Papershelf could not read ${unreadable} of this page's scores: those cards stay unmarked`);
    if (cards > 0) highlightBest();
    placeInOrder();
    performance.measure('papershelf:scores', { start: started, detail: { cards } });
  };

  /** The score on the card's elements now, and the mark beside its controls once the card is near the view. */
  const mark = (mount: CardMount, known: Known) => {
    const value = String(known.score);
    // Indexed, with no array made per card: drawing 2,000 cards runs once a page, before the
    // engine optimises it, and each step per card counts (a profile of the 2,000-entry list).
    const { element, companions } = mount.card;
    element.setAttribute(SCORE_ATTRIBUTE, value);
    if (companions) for (let index = 0; index < companions.length; index++) companions[index]!.setAttribute(SCORE_ATTRIBUTE, value);
    marks.show(mount, known);
    marked.set(mount, known.score);
  };

  /** The best of the page get a bar: only the cards that enter or leave the best are touched. */
  const highlightBest = () => {
    const best = bestOf(marked, topCount(marked.size));
    for (const mount of top) if (!best.has(mount)) for (const element of elementsOf(mount)) element.removeAttribute(TOP_ATTRIBUTE);
    for (const mount of best) if (!top.has(mount)) for (const element of elementsOf(mount)) element.setAttribute(TOP_ATTRIBUTE, '');
    top = best;
  };

  /** Read and not asked about yet: sent once a message's worth is read, or every card is. */
  let waiting: Batch = emptyBatch(generation);
  /** Where reading goes on: the list of mounts (the same array until the cards change) and a position in it. */
  let cursor = { list: [] as readonly CardMount[], at: 0 };

  /**
   * Reads the cards not handled yet while the page idles and asks about them a message's worth at a
   * time; a card whose paper this round already scored is drawn at once. Reading starts after the
   * controls are on every card, so the first frame never waits for it.
   */
  const readMore = (deadline?: IdleDeadline) => {
    reading = undefined;
    if (signal.aborted || waitForPage()) return;
    const started = performance.now();
    const list = mounts();
    if (list !== cursor.list) cursor = { list, at: 0 };
    if (waiting.round !== generation) waiting = emptyBatch(generation);
    const batch = waiting;
    /** A message's worth is read, or every card is: the batch goes (in a slice of its own). */
    const complete = () => isFull(batch) || (cursor.at >= list.length && cardsIn(batch) > 0);
    let drawn = 0;
    let read = 0;
    for (; cursor.at < list.length; cursor.at++) {
      if (isFull(batch)) break;
      if (read > 0 && ((deadline && deadline.timeRemaining() < IDLE_MARGIN_MS) || performance.now() - started > SLICE_MS)) break;
      const mount = list[cursor.at]!;
      if (handled.has(mount)) continue;
      handled.add(mount);
      const card = mount.card;
      const seen = known.get(card.id);
      if (seen) {
        mark(mount, seen);
        drawn++;
        continue;
      }
      if (wordsSent.has(card.id) || page.has(card.id)) {
        // Asked again after a save or hide: the background kept this run's words. Or the relay
        // frame reads them from the page's bytes, and sends them with the request.
        batch.named.push(mount);
        continue;
      }
      // The words alone, unvalidated, read once for rules and For you (card-words.ts): reading
      // every card of a 2,000-entry page is For you's main cost there.
      const text = listing.cardWords.words(card);
      batch.mounts.push(mount);
      batch.papers.push(scoredPaper(card.id, text ?? { title: card.title }));
      read++;
    }
    const more = cursor.at < list.length;
    if (drawn > 0) highlightBest();
    // Reading the cards is For you's main cost on a page (benchmarks, DevTools).
    const readEnd = performance.now();
    if (read > 0) performance.measure('papershelf:scores-read', { start: started, end: readEnd, detail: { cards: read } });
    // Handing a message to the channel takes as long as reading its cards: never both in one slice.
    if (read > 0 && complete()) schedule();
    else if (complete()) {
      waiting = emptyBatch(generation);
      void ask(batch).catch((error: unknown) => console.warn('Papershelf could not rank this page:', error));
    } else if (!more && status === undefined && inFlight === 0) {
      void ask(emptyBatch(generation)).catch(() => undefined); // a page without new cards still shows the hint
    }
    if (more) schedule();
    // Replies that came while this slice was waiting for the page to idle (a scan asked for it).
    else if (inFlight === 0 && cardsIn(waiting) === 0 && answered.length > 0) drawAnswered();
  };
  const schedule = () => {
    if (reading !== undefined || signal.aborted) return;
    if (win?.requestIdleCallback) {
      const handle = win.requestIdleCallback(readMore, { timeout: 2_000 });
      reading = () => win.cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(readMore, 0);
      reading = () => clearTimeout(handle);
    }
  };

  /** Every card this round asked about has its score: the page takes the order the reader chose. */
  const placeInOrder = () => {
    if (status !== 'ready') {
      if (ordered) restoreOrder();
      return;
    }
    if (forYouOrder) {
      rememberSiteOrder();
      const all = mounts();
      const ranked = all.filter((mount) => marked.has(mount)).sort((a, b) => marked.get(b)! - marked.get(a)!);
      const position = new Map(ranked.map((mount, index) => [mount, index]));
      reorderCards(all, (mount) => position.get(mount) ?? ranked.length + (siteIndex.get(mount.card.element) ?? 0));
      listing.cardsMoved();
      ordered = true;
    } else if (ordered) restoreOrder();
  };

  const restoreOrder = () => {
    reorderCards(mounts(), (mount) => siteIndex.get(mount.card.element) ?? Number.MAX_SAFE_INTEGER);
    listing.cardsMoved();
    ordered = false;
  };

  const clearMarks = () => {
    marks.clear();
    marked.clear();
    // Every card, also one the site re-rendered since it was marked (it left `marked`, not its attributes).
    for (const element of doc.querySelectorAll(`[${SCORE_ATTRIBUTE}], [${TOP_ATTRIBUTE}]`)) {
      element.removeAttribute(SCORE_ATTRIBUTE);
      element.removeAttribute(TOP_ATTRIBUTE);
    }
    top = new Set();
    if (ordered) restoreOrder();
  };

  const toggleOrder = () => {
    if (status !== 'ready') {
      widget.flash();
      return;
    }
    forYouOrder = !forYouOrder;
    widget.show(status, '', forYouOrder);
    placeInOrder();
    void options.sendMessage({ type: 'content:setForYouOrder', on: forYouOrder }).catch(() => undefined);
  };

  rememberSiteOrder();
  return {
    scanned(everyCardMounted) {
      widget.place();
      // Cards the site took away leave the best and the order.
      for (const mount of marked.keys()) {
        if (mount.isIntact()) continue;
        marked.delete(mount);
        marks.remove(mount);
      }
      if (!everyCardMounted) return;
      rememberSiteOrder();
      schedule();
    },
    refresh() {
      // The marks stay until the new scores replace them: a page that changes a little never blinks.
      generation++;
      retries = 0;
      clearTimeout(retryTimer);
      known = new Map();
      handled = new WeakSet();
      status = undefined;
      inFlight = 0;
      answered = [];
      cursor = { list: [], at: 0 };
      reading?.();
      reading = undefined;
      schedule();
    },
    toggleOrder,
  };
}

/**
 * Cards read (or named) and not asked about yet: `mounts` with their words in `papers`, and those
 * named by id alone (`named`), which the request carries after the others.
 */
interface Batch {
  round: number;
  mounts: CardMount[];
  papers: ScoredPaper[];
  named: CardMount[];
}
function emptyBatch(round: number): Batch {
  return { round, mounts: [], papers: [], named: [] };
}
function cardsIn(batch: Batch): number {
  return batch.papers.length + batch.named.length;
}

/** A reply not drawn yet: its cards in the request's order, their scores and reasons (checked as drawn), and the positions the background did not know. */
interface Answer {
  mounts: CardMount[];
  scores: unknown[];
  why: unknown[];
  unknown: ReadonlySet<number> | undefined;
}

/** A random run token (RunTokenSchema): 16 characters of [0-9a-z]. */
function runToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => (byte % 36).toString(36)).join('');
}

/** A paper's elements: the card and its companions (an arXiv `dt` with its `dd`). */
function elementsOf(mount: CardMount): Element[] {
  return mount.card.companions?.length ? [mount.card.element, ...mount.card.companions] : [mount.card.element];
}

/**
 * The mark of a score: five dots filled by relevance, named for screen readers with the score in
 * words and why ("Relevance 82 of 100, high: gaussian splatting, novel view; like “…”").
 */
export function relevanceIn(score: number, why: string): Relevance {
  const { percent, words } = relevanceOf(score);
  const level = levelWords(words);
  return { level: Math.round(percent / 20), label: why ? t('relevanceLabelWhy', percent, level, why) : t('relevanceLabel', percent, level) };
}

/** The ranking's level of a score, in the reader's language. */
const LEVEL_WORDS: Record<string, MessageKey> = { high: 'relevanceHigh', medium: 'relevanceMedium', low: 'relevanceLow', 'very low': 'relevanceVeryLow' };
/** Four words asked for once each, not once per card: filling a message is a marked part of drawing 2,000 marks (a profile). */
const levelsSaid = new Map<string, string>();
function levelWords(words: string): string {
  let said = levelsSaid.get(words);
  if (said === undefined) levelsSaid.set(words, (said = t(LEVEL_WORDS[words] ?? 'relevanceVeryLow')));
  return said;
}
