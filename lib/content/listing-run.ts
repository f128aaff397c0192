import type { SendRequest } from './messenger';
import { t } from '../i18n/t';
import type { StateStore } from './state-store';
import { prepareCard, type CardMount, type PreparedCard } from './card-mount';
import { isCollapsed, isHiddenHere, ruleMarkFor, type CardDisplay } from './card-display';
import { UndoLog } from './undo-log';
import { IdBudget } from './id-budget';
import { createCardActions } from './card-actions';
import { MountRegistry } from './mount-registry';
import { createRuleMarks } from './rule-marks';
import { createCardWords, type CardWords } from './card-words';
import { createHiddenCount } from './hidden-count';
import { insideAny, whatChanged } from './mutation-filter';
import { createMountQueue, FIRST_SCREEN } from './mount-queue';
import { createRedrawSlices } from './redraw-slices';
import type { TagCount } from '../messaging/protocol';
import type { CardRef, SiteAdapter } from '../sites/types';
import type { Rule } from '../rules';
import { InWordsError } from '../text/problem-words';

export interface ListingRunOptions {
  doc: Document;
  url: URL;
  adapter: SiteAdapter;
  store: StateStore;
  send: SendRequest;
  styleRoot: (root: ShadowRoot) => void;
  /** Everything this run starts is undone when the signal aborts (soft navigation, extension reload). */
  signal: AbortSignal;
  /** Called after each scan, for diagnostics and tests. */
  onScan?: (report: ScanReport) => void;
  /** The library's tags for the tag editor (asked when an editor opens). */
  tagCounts?: () => Promise<TagCount[]>;
  /**
   * The distinct ids this page view may ask the library about, shared by every run on the same
   * document (a site's navigations must not reset it). A run of its own by default.
   */
  idBudget?: IdBudget;
}

/**
 * What a run tells the one that follows it (the page's triage: toasts, the hidden count, notices).
 * The run knows nothing of its follower beyond this.
 */
export interface ListingEvents {
  /** An action that deserves a toast (hiding, removing from the library). */
  actionDone(label: string, undoable: boolean): void;
  /** The number of papers hidden on this page changed (by hand or by rules). */
  hiddenCount(hidden: number, revealedAll: boolean): void;
  /** Cards were left without controls because the page view's budget is spent (once per run). */
  overLimit(limit: number): void;
}

/** What the rest of the content script can do with a running page. */
export interface ListingRun {
  scan(): ScanReport;
  /** Mounted cards in document order (for the keyboard). */
  mountsInOrder(): CardMount[];
  /** The cards' words, read once per card for rules and For you. */
  readonly cardWords: CardWords;
  /** The cards were moved on the page (For you's order): the keyboard follows the new order. */
  cardsMoved(): void;
  mountOfHost(host: Element): CardMount | undefined;
  /** Applies a new rule list to every card, now and later. */
  setRules(rules: readonly Rule[]): void;
  /** Shows (or hides again) every hidden paper of this page view. */
  setRevealAll(on: boolean): void;
  readonly revealedAll: boolean;
  /** How many of this page's cards each rule matches, for the library page's live count. */
  countMatches(rules: readonly Rule[]): { cards: number; counts: number[] };
  /** Where this run's actions leave their reverse, for `u` and the toast's Undo. */
  readonly undoLog: UndoLog;
  /** Tells `events` what happens from now on, and at once what already happened (over limit, the hidden count). */
  follow(events: ListingEvents): void;
}

export interface ScanReport {
  cards: number;
  mounted: number;
  /** Cards found and still waiting for their controls (mounted in the next slices). */
  waiting: number;
  skipped: number;
  /** Cards left without controls: their ids would pass the page view's budget (id-budget.ts). */
  overLimit: number;
  problems: string[];
  /** `performance.now()` times around the scan, to measure the cost Papershelf adds to a page. */
  startedAt: number;
  endedAt: number;
}

/**
 * One run of Papershelf on one listing page: finds the cards (now and whenever the site renders
 * more), mounts controls once per card, asks the background for all their states in one message,
 * and keeps the controls in step with the tab's state store.
 */
export function startListingRun(options: ListingRunOptions): ListingRun {
  const { doc, url, adapter, store, send, styleRoot, signal } = options;
  const mounts = new MountRegistry();
  const requested = new Set<string>();
  const budget = options.idBudget ?? new IdBudget();
  const undoLog = new UndoLog();
  let follower: ListingEvents | undefined;
  let overLimitTold: number | undefined;
  let lastHiddenCount: [number, boolean] | undefined;

  // The full record is read from the page only when the user acts on a card.
  const readPaper = (card: CardRef) => {
    const paper = adapter.readPaper(card, doc, url);
    if (typeof paper === 'string') throw new InWordsError(t('couldNotReadPaper', paper));
    return paper;
  };
  // Each card's words are read once, for rules and For you alike.
  const cardWords = createCardWords(adapter, doc, url);
  const rules = createRuleMarks(cardWords.subject);

  // This page view's reveals: a rule stub's Show, and the panel's "show" for every hidden paper.
  const revealedIds = new Set<string>();
  let revealAll = false;

  /** `knownRulesOnly`: a rule verdict not worked out yet is left for the rule slices (redraw-slices.ts). */
  const displayOf = (card: CardRef, knownRulesOnly = false): CardDisplay => {
    const state = store.get(card.id);
    // A card's own Show reveals what a rule hid; once the user hides the paper by hand, that
    // reveal no longer keeps it open: Hide must collapse it like any other card.
    const revealed = revealAll || (revealedIds.has(card.id) && !state?.hidden);
    // Rules wait for the library's answer on a paper: a saved paper must never flash collapsed.
    const judged = store.has(card.id) && (!knownRulesOnly || rules.knows(card));
    const rule = judged ? ruleMarkFor(state, rules.markOf(card)) : undefined;
    return { state, rule, revealed };
  };
  const hiddenCount = createHiddenCount(
    () => mounts.values(),
    () => revealAll,
    (hidden, revealed) => {
      lastHiddenCount = [hidden, revealed];
      follower?.hiddenCount(hidden, revealed);
    },
    signal,
  );
  const redraw = (mount: CardMount) => {
    mount.render(displayOf(mount.card));
    hiddenCount.schedule();
  };
  const ruleRedraws = createRedrawSlices(redraw, signal);
  /** Redraws every card: with rules to match, the first screen now and the rest in slices. */
  const redrawAll = () => {
    if (rules.active) return ruleRedraws.add(mounts.inOrder());
    for (const mount of mounts.values()) mount.render(displayOf(mount.card));
    hiddenCount.schedule();
  };

  const actions = createCardActions({
    store,
    send,
    readPaper,
    reveal: (card) => {
      revealedIds.add(card.id);
      for (const mount of mounts.ofId(card.id)) redraw(mount);
    },
    tagCounts: options.tagCounts ?? (async () => []),
    undoLog,
    onActionDone: (label, undoable) => follower?.actionDone(label, undoable),
  });

  const forget = (mount: CardMount) => {
    // A hidden card the site removed (or re-rendered as another paper) no longer counts: the
    // "N hidden" panel speaks of the cards on the page.
    if (isHiddenHere(mount.display)) hiddenCount.schedule();
    mounts.forget(mount);
  };

  /** Controls built off the page by the queue's slices, waiting to be attached. */
  const prepared = new WeakMap<CardRef, PreparedCard>();
  /** Cards attached in bulk whose rule verdict is still to be worked out: matched in the rule slices. */
  const unjudged: CardMount[] = [];
  const prepareOne = (card: CardRef) => {
    if (prepared.has(card)) return;
    prepared.set(card, prepareCard(card, actions, styleRoot));
    // Idle time before the cards reach the page is the cheapest time to match rules on them,
    // whether or not the library has answered yet (a verdict does not depend on it).
    if (rules.active) rules.markOf(card);
  };
  const mountOne = (card: CardRef, bulk: boolean) => {
    const ready = prepared.get(card);
    prepared.delete(card);
    // A card that waited for a slice may have left the page meanwhile.
    if (!card.element.isConnected) return;
    const display = displayOf(card, bulk);
    const mount = (ready ?? prepareCard(card, actions, styleRoot)).attach(display);
    if (isCollapsed(display) || display.rule) hiddenCount.schedule();
    mounts.add(mount);
    if (bulk && rules.active && store.has(card.id) && !rules.knows(card)) {
      if (unjudged.length === 0) queueMicrotask(() => ruleRedraws.add(unjudged.splice(0)));
      unjudged.push(mount);
    }
  };
  /** What the last look at the page found unreadable: slices and additions report it again. */
  let unreadable = { skipped: 0, problems: [] as string[] };
  /** The first look found only the first screen's cards: the rest of the page is read after the next frame. */
  let restOfPage = false;
  const report = (mounted: number, overLimit: number, startedAt: number): ScanReport => {
    // While the rest of the page is unread, its cards count as one waiting (For you waits for them).
    const waiting = queue.size + (restOfPage ? 1 : 0);
    const scanned: ScanReport = { cards: mounts.size + queue.size, mounted, waiting, ...unreadable, overLimit, startedAt, endedAt: performance.now() };
    options.onScan?.(scanned);
    return scanned;
  };
  const queue = createMountQueue(
    { prepare: prepareOne, mount: mountOne },
    (mounted, startedAt) => {
      // What a slice added to the page is not news either.
      observer.takeRecords();
      report(mounted, 0, startedAt);
    },
    signal,
  );

  /**
   * The cards of `found` that need controls (new ones, and those that lost theirs or now show
   * another paper), within the page view's budget.
   */
  const needingControls = (found: readonly CardRef[]): { fresh: CardRef[]; overLimit: number } => {
    const fresh: CardRef[] = [];
    let overLimit = 0;
    for (const card of found) {
      if (queue.has(card)) continue;
      const existing = mounts.of(card.element);
      if (existing?.isIntact() && existing.card.id === card.id) continue;
      if (existing) forget(existing);
      if (!budget.admit(card.id)) {
        overLimit += 1;
        continue;
      }
      fresh.push(card);
    }
    if (overLimit > 0 && overLimitTold === undefined) {
      overLimitTold = budget.limit;
      follower?.overLimit(budget.limit);
    }
    return { fresh, overLimit };
  };

  /**
   * Mounts what a scan found: the first screen now, the rest in slices after the page's next
   * frame (mount-queue.ts). The states of all of them are asked in one message: at once when every
   * card is mounted now, else with the first slice, so nothing but the first screen delays the frame.
   */
  const mountFound = (fresh: readonly CardRef[]): number => {
    const mounted = queue.add(fresh);
    const ids = [...firstLookIds.splice(0), ...fresh.map((card) => card.id)];
    if (restOfPage) {
      // Asked with the rest of the page, in the same one message.
      firstLookIds.push(...ids);
      return mounted;
    }
    if (queue.size === 0) requestStates(ids);
    else queue.beforeNextSlice(() => requestStates(ids));
    return mounted;
  };

  /** The ids of the first look's cards, asked about together with the rest of the page. */
  const firstLookIds: string[] = [];
  /**
   * The whole page: after a change the adapter cannot narrow down, and on start, where a long
   * listing's first screen is read before the page's next frame and the rest in the first slice.
   */
  const scan = (limit?: number): ScanReport => {
    const startedAt = performance.now();
    const result = adapter.findCards(doc, url, limit);
    restOfPage = result.more === true;
    if (restOfPage) queue.beforeNextSlice(() => restOfPage && !signal.aborted && scan());
    unreadable = { skipped: result.skipped, problems: result.problems };
    const { fresh, overLimit } = needingControls(result.cards);
    // Cards the site removed: drop their mounts so nothing they hold outlives them.
    for (const mount of [...mounts.values()]) if (!mount.card.element.isConnected) forget(mount);
    const mounted = mountFound(fresh);
    // The records of what this scan itself added are not news: drop them unread.
    observer.takeRecords();
    return report(mounted, overLimit, startedAt);
  };

  /** Only what the site added: a card appended to a 2000-entry page costs that card, not the page. */
  const scanAdded = (roots: readonly Element[], findIn: NonNullable<SiteAdapter['findCardsIn']>) => {
    const startedAt = performance.now();
    const result = findIn(roots, url);
    if (result.skipped > 0) unreadable = { skipped: unreadable.skipped + result.skipped, problems: [...unreadable.problems, ...result.problems] };
    const { fresh, overLimit } = needingControls(result.cards);
    const mounted = mountFound(fresh);
    observer.takeRecords();
    report(mounted, overLimit, startedAt);
  };

  /** One message for every card of a scan whose state this tab does not know yet. */
  const requestStates = (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !store.has(id) && !requested.has(id));
    if (missing.length === 0) return;
    for (const id of missing) requested.add(id);
    const sentAt = performance.now();
    send({ type: 'content:getStates', ids: missing })
      .then((states) => {
        const startedAt = performance.now();
        // The request's round trip, one message each way (benchmarks).
        performance.measure('papershelf:states-request', { start: sentAt, end: startedAt, detail: { ids: missing.length } });
        store.apply(states);
        store.assumeEmpty(missing);
        // Papers the library knows nothing of were not redrawn by the store; rules now apply to them.
        if (rules.active) ruleRedraws.add(missing.flatMap((id) => (id in states ? [] : [...mounts.ofId(id)])));
        // Drawing the states is the other main-thread cost Papershelf adds to a page (benchmarks).
        performance.measure('papershelf:states', { start: startedAt, detail: { ids: missing.length } });
      })
      .catch((error: unknown) => console.warn('Papershelf could not read the library:', error))
      .finally(() => missing.forEach((id) => requested.delete(id)));
  };

  store.subscribe((id) => {
    for (const mount of mounts.ofId(id)) redraw(mount);
  }, signal);

  const cardElements = { has: (element: Element) => mounts.of(element) !== undefined };
  const insideCard = (node: Node) => insideAny(node, cardElements);
  let fullScan = false;
  const added: Element[] = [];
  const observer = new MutationObserver((records) => {
    const change = whatChanged(records, insideCard);
    if (change.full || (change.added.length > 0 && !adapter.findCardsIn)) fullScan = true;
    else added.push(...change.added);
    if (fullScan || added.length > 0) schedule();
  });
  let scheduled = false;
  // A microtask runs before the next paint, so new cards never show up without their controls.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const roots = added.splice(0);
      const full = fullScan;
      fullScan = false;
      if (signal.aborted) return;
      if (full) scan();
      else if (roots.length > 0 && adapter.findCardsIn) scanAdded(roots, adapter.findCardsIn.bind(adapter));
    });
  };

  // `href` changes too: a site that reuses a card element for another paper rewrites its links.
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const mount of [...mounts.values()]) forget(mount);
    },
    { once: true },
  );

  scan(FIRST_SCREEN);
  return {
    scan: () => scan(),
    mountsInOrder: () => mounts.inOrder(),
    cardWords,
    cardsMoved: () => mounts.reordered(),
    mountOfHost: (host) => mounts.ofHost(host),
    setRules(next) {
      // No rules before and none now: nothing on the page can change (2000 redraws saved).
      if (!rules.setRules(next)) return;
      redrawAll();
    },
    setRevealAll(on) {
      revealAll = on;
      hiddenCount.forceNext(); // the panel shows "show" or "hide again": tell it even if the count is the same
      redrawAll();
    },
    get revealedAll() {
      return revealAll;
    },
    countMatches(draft) {
      const cards = Array.from(mounts.values(), (mount) => mount.card);
      return { cards: cards.length, counts: rules.countMatches(cards, draft) };
    },
    undoLog,
    follow(events) {
      follower = events;
      if (overLimitTold !== undefined) events.overLimit(overLimitTold);
      if (lastHiddenCount) events.hiddenCount(...lastHiddenCount);
    },
  };
}
