import type { SendRequest } from './messenger';
import type { StateStore } from './state-store';
import { mountCard, type CardMount } from './card-mount';
import { isCollapsed, isHiddenHere, ruleMarkFor, type CardDisplay } from './card-display';
import type { UndoLog } from './undo-log';
import { IdBudget } from './id-budget';
import { createCardActions } from './card-actions';
import { MountRegistry } from './mount-registry';
import { createRuleMarks } from './rule-marks';
import { createHiddenCount } from './hidden-count';
import { insideAny, isRelevant } from './mutation-filter';
import type { PaperInput } from '../paper/model';
import type { TagCount } from '../messaging/protocol';
import type { CardRef, SiteAdapter } from '../sites/types';
import type { Rule, RuleSubject } from '../rules';

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
  /** Where actions leave their reverse, for `u` and the toast's Undo. */
  undoLog?: UndoLog;
  /** Told after an action that deserves a toast (hiding, removing from the library). */
  onActionDone?: (label: string, undoable: boolean) => void;
  /** Told whenever the number of papers hidden on this page changes (by hand or by rules). */
  onHiddenCount?: (hidden: number, revealedAll: boolean) => void;
  /**
   * The distinct ids this page view may ask the library about, shared by every run on the same
   * document (a site's navigations must not reset it). A run of its own by default.
   */
  idBudget?: IdBudget;
  /** Told once per run when cards were left without controls because the budget is spent. */
  onOverLimit?: (limit: number) => void;
}

/** What the rest of the content script can do with a running page. */
export interface ListingRun {
  scan(): ScanReport;
  /** Mounted cards in document order (for the keyboard). */
  mountsInOrder(): CardMount[];
  mountOfHost(host: Element): CardMount | undefined;
  /** Applies a new rule list to every card, now and later. */
  setRules(rules: readonly Rule[]): void;
  /** Shows (or hides again) every hidden paper of this page view. */
  setRevealAll(on: boolean): void;
  readonly revealedAll: boolean;
  /** How many of this page's cards each rule matches, for the library page's live count. */
  countMatches(rules: readonly Rule[]): { cards: number; counts: number[] };
}

export interface ScanReport {
  cards: number;
  mounted: number;
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
  let toldOverLimit = false;

  // The full record is read from the page only when the user acts on a card.
  const readPaper = (card: CardRef) => {
    const paper = adapter.readPaper(card, doc, url);
    if (typeof paper === 'string') throw new Error(`Papershelf could not read this paper from the page (${paper}).`);
    return paper;
  };
  const rules = createRuleMarks((card) => {
    const paper = adapter.readPaper(card, doc, url);
    return typeof paper === 'string' ? null : toSubject(paper);
  });

  // This page view's reveals: a rule stub's Show, and the panel's "show" for every hidden paper.
  const revealedIds = new Set<string>();
  let revealAll = false;

  const displayOf = (card: CardRef): CardDisplay => {
    const state = store.get(card.id);
    // A card's own Show reveals what a rule hid; once the user hides the paper by hand, that
    // reveal no longer keeps it open: Hide must collapse it like any other card.
    const revealed = revealAll || (revealedIds.has(card.id) && !state?.hidden);
    // Rules wait for the library's answer on a paper: a saved paper must never flash collapsed.
    const rule = store.has(card.id) ? ruleMarkFor(state, rules.markOf(card)) : undefined;
    return { state, rule, revealed };
  };
  const hiddenCount = createHiddenCount(() => mounts.values(), () => revealAll, options.onHiddenCount, signal);
  const redraw = (mount: CardMount) => {
    mount.render(displayOf(mount.card));
    hiddenCount.schedule();
  };
  const redrawAll = () => {
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
    undoLog: options.undoLog,
    onActionDone: options.onActionDone,
  });

  const forget = (mount: CardMount) => {
    // A hidden card the site removed (or re-rendered as another paper) no longer counts: the
    // "N hidden" panel speaks of the cards on the page.
    if (isHiddenHere(mount.display)) hiddenCount.schedule();
    mounts.forget(mount);
  };

  const scan = (): ScanReport => {
    const startedAt = performance.now();
    const result = adapter.findCards(doc, url);
    const fresh: CardRef[] = [];
    let overLimit = 0;
    for (const card of result.cards) {
      const existing = mounts.of(card.element);
      if (existing?.isIntact() && existing.card.id === card.id) continue;
      if (existing) forget(existing);
      if (!budget.admit(card.id)) {
        overLimit += 1;
        continue;
      }
      fresh.push(card);
    }
    if (overLimit > 0 && !toldOverLimit) {
      toldOverLimit = true;
      options.onOverLimit?.(budget.limit);
    }
    // Cards the site removed: drop their mounts so nothing they hold outlives them.
    for (const mount of [...mounts.values()]) if (!mount.card.element.isConnected) forget(mount);

    for (const card of fresh) {
      const display = displayOf(card);
      const mount = mountCard(card, actions, styleRoot, display);
      if (isCollapsed(display) || display.rule) hiddenCount.schedule();
      mounts.add(mount);
    }
    requestStates(fresh.map((card) => card.id));
    // The records of what this scan itself added are not news: drop them unread.
    observer.takeRecords();

    const report: ScanReport = {
      cards: result.cards.length,
      mounted: fresh.length,
      skipped: result.skipped,
      overLimit,
      problems: result.problems,
      startedAt,
      endedAt: performance.now(),
    };
    options.onScan?.(report);
    return report;
  };

  /** One message for every card of a scan whose state this tab does not know yet. */
  const requestStates = (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !store.has(id) && !requested.has(id));
    if (missing.length === 0) return;
    for (const id of missing) requested.add(id);
    send({ type: 'content:getStates', ids: missing })
      .then((states) => {
        const startedAt = performance.now();
        store.apply(states);
        store.assumeEmpty(missing);
        // Papers the library knows nothing of were not redrawn by the store; rules now apply to them.
        if (rules.active) for (const id of missing) if (!(id in states)) for (const mount of mounts.ofId(id)) redraw(mount);
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
  const observer = new MutationObserver((records) => {
    if (records.some((record) => isRelevant(record, (node) => insideAny(node, cardElements)))) schedule();
  });
  let scheduled = false;
  // A microtask runs before the next paint, so new cards never show up without their controls.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (!signal.aborted) scan();
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

  scan();
  return {
    scan,
    mountsInOrder: () => mounts.inOrder(),
    mountOfHost: (host) => mounts.ofHost(host),
    setRules(next) {
      // No rules before and none now: nothing on the page can change (2000 redraws saved).
      if (!rules.setRules(next)) return;
      if (rules.active) {
        // Reading what rules look at is the part that grows with the page: measured on its own.
        const started = performance.now();
        rules.readAll(Array.from(mounts.values(), (mount) => mount.card));
        performance.measure('papershelf:rules-read', { start: started, detail: { cards: mounts.size } });
      }
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
  };
}

function toSubject(paper: PaperInput): RuleSubject {
  const subject: RuleSubject = { title: paper.title };
  if (paper.abstract) subject.abstract = paper.abstract;
  if (paper.authors) subject.authors = paper.authors;
  const categories = paper.categories ?? (paper.primaryCategory ? [paper.primaryCategory] : undefined);
  if (categories) subject.categories = categories;
  return subject;
}
