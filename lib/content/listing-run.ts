import type { SendRequest, StateRequest } from './messenger';
import { sameState, type StateStore } from './state-store';
import { HOST_ATTRIBUTE, ID_ATTRIBUTE, PANEL_ATTRIBUTE, mountCard, type CardActions, type CardMount } from './card-mount';
import { isCollapsed, isHiddenHere, ruleMarkFor, type CardDisplay, type RuleMark } from './card-display';
import type { UndoLog } from './undo-log';
import { IdBudget } from './id-budget';
import { stateIn, type PaperInput, type PaperState } from '../paper/model';
import type { TagCount } from '../messaging/protocol';
import type { CardRef, SiteAdapter } from '../sites/types';
import { compileRules, describeRule, type CompiledRules, type Rule, type RuleSubject } from '../rules';
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
  const mounts = new Map<Element, CardMount>();
  const mountsByHost = new WeakMap<Element, CardMount>();
  const mountsById = new Map<string, Set<CardMount>>();
  const requested = new Set<string>();
  const budget = options.idBudget ?? new IdBudget();
  let toldOverLimit = false;

  // The full record is read from the page only when the user acts on a card (or rules need it).
  const readPaper = (card: CardRef) => {
    const paper = adapter.readPaper(card, doc, url);
    if (typeof paper === 'string') throw new InWordsError(`Papershelf could not read this paper from the page (${paper}).`);
    return paper;
  };

  // ---- Rules and this page view's reveals -------------------------------------------------
  let rules: CompiledRules | undefined;
  const ruleMarks = new WeakMap<CardRef, RuleMark | null>();
  const subjects = new WeakMap<CardRef, RuleSubject | null>();
  const revealedIds = new Set<string>();
  let revealAll = false;

  /** What rules look at, read once per card; a card that cannot be read matches no rule. */
  const subjectOf = (card: CardRef): RuleSubject | null => {
    let subject = subjects.get(card);
    if (subject === undefined) {
      const paper = adapter.readPaper(card, doc, url);
      subject = typeof paper === 'string' ? null : toSubject(paper);
      subjects.set(card, subject);
    }
    return subject;
  };
  const ruleMarkOf = (card: CardRef): RuleMark | undefined => {
    if (!rules || rules.size === 0) return undefined;
    let mark = ruleMarks.get(card);
    if (mark === undefined) {
      const subject = subjectOf(card);
      const verdict = subject ? rules.match(subject) : undefined;
      mark = verdict ? { action: verdict.action, label: describeRule(verdict.rule) } : null;
      ruleMarks.set(card, mark);
    }
    return mark ?? undefined;
  };
  const displayOf = (card: CardRef): CardDisplay => {
    const state = store.get(card.id);
    // A card's own Show reveals what a rule hid; once the user hides the paper by hand, that
    // reveal no longer keeps it open: Hide must collapse it like any other card.
    const revealed = revealAll || (revealedIds.has(card.id) && !state?.hidden);
    // Rules wait for the library's answer on a paper: a saved paper must never flash collapsed.
    const rule = store.has(card.id) ? ruleMarkFor(state, ruleMarkOf(card)) : undefined;
    return { state, rule, revealed };
  };
  const redraw = (mount: CardMount) => {
    mount.render(displayOf(mount.card));
    scheduleCount();
  };
  const redrawAll = () => {
    for (const mount of mounts.values()) mount.render(displayOf(mount.card));
    scheduleCount();
  };

  let lastCount = -1;
  let countScheduled = false;
  /** "12 hidden": distinct papers, counted once per batch of changes. */
  const scheduleCount = () => {
    if (countScheduled || !options.onHiddenCount) return;
    countScheduled = true;
    queueMicrotask(() => {
      countScheduled = false;
      if (signal.aborted) return;
      const hidden = new Set<string>();
      for (const mount of mounts.values()) if (isHiddenHere(mount.display)) hidden.add(mount.card.id);
      if (hidden.size === lastCount) return;
      lastCount = hidden.size;
      options.onHiddenCount?.(hidden.size, revealAll);
    });
  };

  const actions = createActions(store, send, readPaper, {
    reveal: (card) => {
      revealedIds.add(card.id);
      for (const mount of mountsById.get(card.id) ?? []) redraw(mount);
    },
    tagCounts: options.tagCounts ?? (async () => []),
    undoLog: options.undoLog,
    onActionDone: options.onActionDone,
  });

  const forget = (mount: CardMount) => {
    // A hidden card the site removed (or re-rendered as another paper) no longer counts: the
    // "N hidden" panel speaks of the cards on the page.
    if (isHiddenHere(mount.display)) scheduleCount();
    mount.dispose();
    mounts.delete(mount.card.element);
    mountsByHost.delete(mount.host);
    const group = mountsById.get(mount.card.id);
    group?.delete(mount);
    if (group?.size === 0) mountsById.delete(mount.card.id);
  };

  /** Document order of the mounts, sorted when the keyboard first needs it after a scan. */
  let inOrder: CardMount[] | undefined;

  const scan = (): ScanReport => {
    const startedAt = performance.now();
    inOrder = undefined;
    const result = adapter.findCards(doc, url);
    const fresh: CardRef[] = [];
    let overLimit = 0;
    for (const card of result.cards) {
      const existing = mounts.get(card.element);
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
    for (const mount of mounts.values()) if (!mount.card.element.isConnected) forget(mount);

    for (const card of fresh) {
      const display = displayOf(card);
      const mount = mountCard(card, actions, styleRoot, display);
      if (isCollapsed(display) || display.rule) scheduleCount();
      mounts.set(card.element, mount);
      mountsByHost.set(mount.host, mount);
      let group = mountsById.get(card.id);
      if (!group) mountsById.set(card.id, (group = new Set()));
      group.add(mount);
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
        if (rules && rules.size > 0) for (const id of missing) if (!(id in states)) for (const mount of mountsById.get(id) ?? []) redraw(mount);
        // Drawing the states is the other main-thread cost Papershelf adds to a page (benchmarks).
        performance.measure('papershelf:states', { start: startedAt, detail: { ids: missing.length } });
      })
      .catch((error: unknown) => console.warn('Papershelf could not read the library:', error))
      .finally(() => missing.forEach((id) => requested.delete(id)));
  };

  store.subscribe((id, state) => {
    for (const mount of mountsById.get(id) ?? []) redraw(mount);
  }, signal);

  const observer = new MutationObserver((records) => {
    if (records.some((record) => isRelevant(record, (node) => insideMountedCard(node, mounts)))) schedule();
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
    mountsInOrder: () => (inOrder ??= [...mounts.values()].sort(documentOrder)),
    mountOfHost: (host) => mountsByHost.get(host),
    setRules(next) {
      const hadRules = (rules?.size ?? 0) > 0;
      rules = compileRules(next);
      // No rules before and none now: nothing on the page can change (2000 redraws saved).
      if (!hadRules && rules.size === 0) return;
      // Rule effects are cached per card; a new rule list recomputes them all (the subjects stay).
      for (const mount of mounts.values()) ruleMarks.delete(mount.card);
      if (rules.size > 0) {
        // Reading what rules look at is the part that grows with the page: measured on its own.
        const started = performance.now();
        for (const mount of mounts.values()) subjectOf(mount.card);
        performance.measure('papershelf:rules-read', { start: started, detail: { cards: mounts.size } });
      }
      redrawAll();
    },
    setRevealAll(on) {
      revealAll = on;
      lastCount = -1; // the panel shows "show" or "hide again": tell it even if the count is the same
      redrawAll();
    },
    get revealedAll() {
      return revealAll;
    },
    countMatches(draft) {
      const cards = [...mounts.values()].map((mount) => subjectOf(mount.card));
      const counts = draft.map((rule) => {
        const compiled = compileRules([{ ...rule, enabled: true }]);
        let count = 0;
        for (const subject of cards) if (subject && compiled.match(subject)) count += 1;
        return count;
      });
      return { cards: cards.length, counts };
    },
  };
}

function documentOrder(a: CardMount, b: CardMount): number {
  return a.card.element.compareDocumentPosition(b.card.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function toSubject(paper: PaperInput): RuleSubject {
  const subject: RuleSubject = { title: paper.title };
  if (paper.abstract) subject.abstract = paper.abstract;
  if (paper.authors) subject.authors = paper.authors;
  const categories = paper.categories ?? (paper.primaryCategory ? [paper.primaryCategory] : undefined);
  if (categories) subject.categories = categories;
  return subject;
}

/**
 * Whether a batch of page changes can mean new, re-rendered or re-used cards. Our own hosts
 * appearing is not news; our hosts disappearing means the site re-rendered a card. Nodes added
 * inside a card that has its controls (MathJax typesetting a title, a vote count updating) cannot
 * make a new card, so they do not cost a scan; a link rewritten inside a card can change its paper.
 */
function isRelevant(record: MutationRecord, insideCard: (node: Node) => boolean): boolean {
  if (record.type === 'attributes') return insideCard(record.target);
  // A card the site removed must let go of its mount at once: otherwise it stays counted as hidden
  // and the keyboard can move onto it until some other change causes a scan.
  for (const node of record.removedNodes) if (isHost(node) || holdsCard(node)) return true;
  for (const node of record.addedNodes) {
    if (isHost(node)) continue;
    if (!insideCard(record.target) || carriesLink(node)) return true;
  }
  return false;
}

/** A removed node that is, or contains, an element Papershelf marked as a paper's card. */
function holdsCard(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).hasAttribute(ID_ATTRIBUTE) || (node as Element).querySelector(`[${ID_ATTRIBUTE}]`) !== null);
}

/** A card's content replaced wholesale brings new links, which may name another paper. */
function carriesLink(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).localName === 'a' || (node as Element).querySelector('a[href]') !== null);
}

/** True when `node` is inside (or is) an element that has a mounted card. */
function insideMountedCard(node: Node, mounts: ReadonlyMap<Element, CardMount>): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (mounts.has(current as Element)) return true;
  }
  return false;
}

/** A card's controls or the page panel: Papershelf's own elements, never news about the page. */
function isHost(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).hasAttribute(HOST_ATTRIBUTE) || (node as Element).hasAttribute(PANEL_ATTRIBUTE));
}

interface ActionExtras {
  reveal(card: CardRef): void;
  tagCounts(): Promise<TagCount[]>;
  undoLog: UndoLog | undefined;
  onActionDone: ((label: string, undoable: boolean) => void) | undefined;
}

/**
 * Every action shows its effect at once (optimistic), then settles on what the background stored;
 * on failure the card goes back to what it showed before and the error is reported on the card.
 * Each one that succeeds leaves its reverse in the undo log.
 */
function createActions(
  store: StateStore,
  send: SendRequest,
  readPaper: (card: CardRef) => PaperInput,
  extras: ActionExtras,
): CardActions {
  const apply = async (card: CardRef, optimistic: (before: PaperState) => PaperState, request: () => StateRequest) => {
    const before = store.get(card.id) ?? { saved: false, hidden: false, tags: [] };
    const message = request(); // reads the page first: a card that cannot be read changes nothing
    const wanted = optimistic(before);
    store.apply({ [card.id]: wanted });
    try {
      store.apply(await send(message));
    } catch (error) {
      store.apply({ [card.id]: before });
      // The background may have stored the change and then stopped before answering (a service
      // worker stopped mid-request): the library, asked again, decides what the card shows, and a
      // change it holds is done rather than reported as failed.
      const now = await send({ type: 'content:getStates', ids: [card.id] }).catch(() => undefined);
      if (now) {
        const stored = stateIn(now, card.id);
        store.apply({ [card.id]: stored });
        if (sameState(stored, wanted)) return before;
      }
      throw error;
    }
    return before;
  };
  /**
   * Logs an action's reverse as soon as the action starts, so `u` pressed a moment later undoes
   * this action even while it is still on its way; the reverse waits for it to land first. An
   * action that fails leaves nothing to undo.
   */
  const track = async (action: Promise<unknown>, label: string, reverse: () => Promise<unknown>, toast: boolean) => {
    const entry = { label, undo: async () => void (await action.then(reverse)) };
    extras.undoLog?.push(entry);
    if (toast) extras.onActionDone?.(label, extras.undoLog !== undefined);
    try {
      await action;
    } catch (error) {
      extras.undoLog?.remove(entry);
      throw error;
    }
  };

  const save = (card: CardRef) => apply(card, (s) => ({ ...s, saved: true }), () => ({ type: 'content:save', paper: readPaper(card) }));
  const unsave = (card: CardRef) => apply(card, (s) => ({ ...s, saved: false }), () => ({ type: 'content:unsave', id: card.id }));
  // Tagging a paper that is not saved saves it.
  const setTags = (card: CardRef, tags: string[]) =>
    // `base`: what this card showed, so the background applies the change to the tags as stored
    // by then, keeping what other tabs added meanwhile.
    apply(card, (s) => ({ ...s, saved: s.saved || tags.length > 0, tags }), () => ({ type: 'content:setTags', paper: readPaper(card), tags, base: stateOf(card).tags }));
  const hide = (card: CardRef) => apply(card, (s) => ({ ...s, hidden: true }), () => ({ type: 'content:hide', paper: readPaper(card) }));
  const unhide = (card: CardRef) => apply(card, (s) => ({ ...s, hidden: false }), () => ({ type: 'content:unhide', id: card.id }));
  const title = (card: CardRef) => `“${shorten(card.title)}”`;
  const stateOf = (card: CardRef) => store.get(card.id) ?? { saved: false, hidden: false, tags: [] };

  return {
    toggleSave: (card) => {
      const before = stateOf(card);
      if (!before.saved) return track(save(card), `Saved ${title(card)}`, () => unsave(card), false);
      // Tags went with the save in the user's mind: undo restores both.
      return track(unsave(card), `Removed ${title(card)} from your library`, () => (before.tags.length ? setTags(card, before.tags) : save(card)), true);
    },
    setTags: (card, tags) => {
      const before = stateOf(card);
      return track(setTags(card, tags), `Changed the tags of ${title(card)}`, async () => {
        await setTags(card, before.tags);
        if (!before.saved) await unsave(card);
      }, false);
    },
    toggleHide: (card) =>
      stateOf(card).hidden
        ? track(unhide(card), `Unhid ${title(card)}`, () => hide(card), false)
        : track(hide(card), `Hid ${title(card)}`, () => unhide(card), true),
    reveal: extras.reveal,
    tagCounts: extras.tagCounts,
  };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

