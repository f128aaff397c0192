import { ForYouReplySchema, MAX_PAPERS_PER_SCORE_REQUEST, type ForYouReply, type PaperScore, type ScoredPaper } from '../messaging/for-you-protocol';
import { LIMITS } from '../paper/model';
import { relevanceOf } from '../ranking/explain';
import type { SiteAdapter } from '../sites/types';
import type { CardMount } from './card-mount';
import { reorderCards } from './for-you-order';
import type { ListingRun } from './listing-run';

/** The page contract (DESIGN.md): higher = more relevant; absent while there is no model. */
export const SCORE_ATTRIBUTE = 'data-papershelf-score';
/** On the cards ranked highest on the page (style.css gives them a bar). */
export const TOP_ATTRIBUTE = 'data-papershelf-top';
/** The relevance mark beside a card's controls. */
export const MARK_ATTRIBUTE = 'data-papershelf-mark';
/** The page's For-you switch and hint. */
export const SWITCH_ATTRIBUTE = 'data-papershelf-for-you';

/** Cards read per slice of idle time: reading a card's abstract is the part that grows with the page. */
const READ_SLICE = 250;

export interface ForYouPageOptions {
  doc: Document;
  url: URL;
  adapter: SiteAdapter;
  listing: ListingRun;
  sendMessage(message: unknown): Promise<unknown>;
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

/**
 * "For you" on one listing run: asks the background to score the page's cards (a few batched
 * messages, read from the page while it idles), marks each card with its score and why, highlights
 * the best, and switches the page between the site's order and For you. Ends with the run's signal.
 */
export function startForYouPage(options: ForYouPageOptions): ForYouPage {
  const { doc, url, adapter, listing, signal } = options;
  const scores = new Map<string, PaperScore>();
  const asked = new Set<string>();
  const siteIndex = new WeakMap<Element, number>();
  let nextIndex = 0;
  let forYouOrder = false;
  let ordered = false;
  let status: ForYouReply['status'] | undefined;
  let generation = 0;
  let reading: ReturnType<typeof setTimeout> | undefined;

  const widget = createSwitch(
    doc,
    () => toggleOrder(),
    () => void options.sendMessage({ type: 'content:dismissHint' }).catch(() => undefined),
    () => listing.mountsInOrder()[0]?.card.element,
  );
  signal.addEventListener('abort', () => {
    clearTimeout(reading);
    widget.remove();
    clearMarks();
  }, { once: true });

  const mounts = () => listing.mountsInOrder();

  /** The site's order, remembered the first time each card is seen (before any reordering). */
  const rememberSiteOrder = () => {
    if (ordered) return;
    for (const mount of mounts()) if (!siteIndex.has(mount.card.element)) siteIndex.set(mount.card.element, nextIndex++);
  };

  const ask = async (papers: ScoredPaper[], round: number) => {
    const raw = await options.sendMessage({ type: 'content:getScores', papers });
    if (signal.aborted || round !== generation) return;
    const reply = ForYouReplySchema.safeParse(raw);
    if (!reply.success) return; // an error reply or an older background: the page stays as the site made it
    status = reply.data.status;
    forYouOrder = reply.data.forYouOrder;
    widget.show(status, reply.data.hint, forYouOrder);
    for (const [id, score] of Object.entries(reply.data.scores)) scores.set(id, score);
    draw();
  };

  /** Reads the cards not asked about yet in slices, so a 2,000-entry page never stalls. */
  const readMore = () => {
    reading = undefined;
    if (signal.aborted) return;
    const started = performance.now();
    const round = generation;
    const batch: ScoredPaper[] = [];
    let read = 0;
    for (const mount of mounts()) {
      const card = mount.card;
      if (asked.has(card.id)) continue;
      asked.add(card.id);
      read++;
      // The words alone, unvalidated, where the adapter can give them: the ranker needs no more,
      // and a validated read of every card of a 2,000-entry page is For you's main cost there.
      const text = adapter.readCardText?.(card, doc, url);
      const paper = text ? { id: card.id, ...text } : adapter.readPaper(card, doc, url);
      batch.push(typeof paper === 'string' ? { id: card.id, title: card.title } : toScored(paper));
      if (read >= READ_SLICE || batch.length >= MAX_PAPERS_PER_SCORE_REQUEST) break;
    }
    if (batch.length === 0 && round === generation && status === undefined) {
      void ask([], round).catch(() => undefined); // an empty page still shows the hint
      return;
    }
    if (batch.length === 0) return;
    // Reading the cards is For you's other main-thread cost on a page (benchmarks, DevTools).
    performance.measure('papershelf:scores-read', { start: started, detail: { cards: batch.length } });
    void ask(batch, round).catch((error: unknown) => console.warn('Papershelf could not rank this page:', error));
    reading = setTimeout(readMore, 0);
  };
  const schedule = () => {
    if (reading === undefined && !signal.aborted) reading = setTimeout(readMore, 0);
  };

  /** Scores, marks, highlights and (in For you order) positions: from what is known now. */
  const draw = () => {
    const started = performance.now();
    const all = mounts();
    if (status !== 'ready') {
      clearMarks();
      if (ordered) restoreOrder();
      return;
    }
    const ranked = all.filter((mount) => scores.has(mount.card.id)).sort((a, b) => scoreOf(b) - scoreOf(a));
    const topCount = Math.min(10, Math.max(1, Math.round(ranked.length * 0.05)));
    const top = new Set(ranked.slice(0, topCount).filter((mount) => scoreOf(mount) > 0));
    for (const mount of all) {
      const score = scores.get(mount.card.id);
      if (!score) continue;
      for (const element of [mount.card.element, ...(mount.card.companions ?? [])]) {
        element.setAttribute(SCORE_ATTRIBUTE, String(score.score));
        element.toggleAttribute(TOP_ATTRIBUTE, top.has(mount));
      }
      drawMark(doc, mount, score);
    }
    if (forYouOrder) {
      rememberSiteOrder();
      const position = new Map(ranked.map((mount, index) => [mount, index]));
      reorderCards(all, (mount) => position.get(mount) ?? ranked.length + (siteIndex.get(mount.card.element) ?? 0));
      listing.cardsMoved();
      ordered = true;
    } else if (ordered) restoreOrder();
    performance.measure('papershelf:scores', { start: started, detail: { cards: all.length } });
  };
  const scoreOf = (mount: CardMount) => scores.get(mount.card.id)?.score ?? -Infinity;

  const restoreOrder = () => {
    reorderCards(mounts(), (mount) => siteIndex.get(mount.card.element) ?? Number.MAX_SAFE_INTEGER);
    listing.cardsMoved();
    ordered = false;
  };

  const clearMarks = () => {
    for (const element of doc.querySelectorAll(`[${SCORE_ATTRIBUTE}], [${TOP_ATTRIBUTE}]`)) {
      element.removeAttribute(SCORE_ATTRIBUTE);
      element.removeAttribute(TOP_ATTRIBUTE);
    }
    for (const mark of doc.querySelectorAll(`[${MARK_ATTRIBUTE}]`)) mark.remove();
  };

  const toggleOrder = () => {
    if (status !== 'ready') {
      widget.flash();
      return;
    }
    forYouOrder = !forYouOrder;
    widget.show(status, '', forYouOrder);
    draw();
    void options.sendMessage({ type: 'content:setForYouOrder', on: forYouOrder }).catch(() => undefined);
  };

  rememberSiteOrder();
  return {
    scanned(everyCardMounted) {
      widget.place();
      if (!everyCardMounted) return;
      rememberSiteOrder();
      schedule();
    },
    refresh() {
      generation++;
      asked.clear();
      scores.clear();
      status = undefined;
      clearTimeout(reading);
      reading = undefined;
      schedule();
    },
    toggleOrder,
  };
}

/** What the ranker reads of a card, cut to the message's limits (an unvalidated read may hold more). */
function toScored(paper: { id: string; title: string; abstract?: string | undefined; authors?: string[] | undefined }): ScoredPaper {
  const scored: ScoredPaper = { id: paper.id, title: paper.title.slice(0, LIMITS.title) };
  if (paper.abstract) scored.abstract = paper.abstract.slice(0, LIMITS.abstract);
  if (paper.authors?.length) scored.authors = paper.authors.slice(0, LIMITS.authors).map((author) => author.slice(0, LIMITS.author));
  return scored;
}

/**
 * The mark: five dots filled by relevance, focusable, named for screen readers with the score in
 * words and why ("Relevance 82 of 100, high: gaussian splatting, novel view; like “…”").
 */
function drawMark(doc: Document, mount: CardMount, score: PaperScore): void {
  const { percent, words } = relevanceOf(score.score);
  const why = [score.terms.length ? score.terms.join(', ') : '', score.like ? `like “${score.like}”` : ''].filter(Boolean).join('; ');
  const label = `Relevance ${percent} of 100, ${words}${why ? `: ${why}` : ''}`;
  let mark = mount.card.element.querySelector(`:scope > [${MARK_ATTRIBUTE}]`);
  if (!mark) {
    mark = doc.createElement('span');
    mark.setAttribute(MARK_ATTRIBUTE, '');
    mark.setAttribute('role', 'img');
    mark.setAttribute('tabindex', '0');
    for (let dot = 0; dot < 5; dot++) mark.append(doc.createElement('span'));
    mount.host.before(mark);
  }
  if (mark.getAttribute('aria-label') === label) return;
  mark.setAttribute('aria-label', label);
  mark.setAttribute('title', label);
  const filled = Math.round(percent / 20);
  [...mark.children].forEach((dot, index) => dot.toggleAttribute('data-on', index < filled));
}

/**
 * The page's switch ("For you" / the site's order) and, until the model can rank, its hint. It sits
 * in the page's flow just above the list that holds the first card: a box fixed to a corner of the
 * window would cover the cards beneath it on a page too short to scroll them out from under it. Its
 * place is taken as soon as the cards are known, before any reply, and kept (invisible while it has
 * nothing to say): the background's answer never pushes the cards down under a reader's pointer.
 */
function createSwitch(doc: Document, onToggle: () => void, onDismiss: () => void, firstCard: () => Element | undefined) {
  const box = doc.createElement('div');
  box.setAttribute(SWITCH_ATTRIBUTE, '');
  box.setAttribute(PENDING_ATTRIBUTE, '');
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'For you';
  button.setAttribute('aria-pressed', 'false');
  button.title = 'Order this page by what you saved and hid (f)';
  button.hidden = true;
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onToggle();
  });
  const hint = doc.createElement('span');
  hint.setAttribute('role', 'status');
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = '×';
  dismiss.setAttribute('aria-label', 'Dismiss the For you hint');
  dismiss.title = 'Dismiss the hint (For you keeps learning)';
  dismiss.hidden = true;
  dismiss.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    hint.textContent = '';
    hint.hidden = true;
    dismiss.hidden = true;
    box.toggleAttribute(PENDING_ATTRIBUTE, button.hidden === true);
    onDismiss();
  });
  box.append(button, hint, dismiss);
  const place = () => {
    if (box.isConnected) return;
    firstCard()?.parentElement?.before(box);
  };
  return {
    /** Takes the switch's place above the list (once there are cards). */
    place,
    show(status: ForYouReply['status'], text: string, on: boolean) {
      place();
      button.hidden = status !== 'ready';
      button.setAttribute('aria-pressed', String(on && status === 'ready'));
      hint.textContent = status === 'off' ? '' : text;
      hint.title = hint.textContent;
      hint.hidden = !hint.textContent;
      dismiss.hidden = !hint.textContent || status === 'ready';
      box.toggleAttribute(PENDING_ATTRIBUTE, status !== 'ready' && !hint.textContent);
    },
    flash() {
      if (!hint.textContent) return;
      hint.hidden = false;
      box.removeAttribute(PENDING_ATTRIBUTE);
    },
    remove() {
      box.remove();
    },
  };
}

/** The switch holds its place but shows nothing (no reply yet, For you off, or nothing to say). */
const PENDING_ATTRIBUTE = 'data-papershelf-pending';
