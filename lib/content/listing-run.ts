import type { SendRequest } from './messenger';
import type { StateStore } from './state-store';
import { HOST_ATTRIBUTE, mountCard, type CardActions, type CardMount } from './card-mount';
import { listenForActions } from './action-listener';
import type { PaperInput, PaperState } from '../paper/model';
import type { ContentRequest } from '../messaging/protocol';
import type { CardRef, SiteAdapter } from '../sites/types';

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
}

export interface ScanReport {
  cards: number;
  mounted: number;
  skipped: number;
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
export function startListingRun(options: ListingRunOptions): { scan(): ScanReport } {
  const { doc, url, adapter, store, send, styleRoot, signal } = options;
  const mounts = new Map<Element, CardMount>();
  const mountsByHost = new WeakMap<Element, CardMount>();
  const mountsById = new Map<string, Set<CardMount>>();
  const requested = new Set<string>();

  // The full record is read from the page only when the user acts on a card.
  const readPaper = (card: CardRef) => {
    const paper = adapter.readPaper(card, doc, url);
    if (typeof paper === 'string') throw new Error(`Papershelf could not read this paper from the page (${paper}).`);
    return paper;
  };
  const actions = createActions(store, send, readPaper);

  const forget = (mount: CardMount) => {
    mount.dispose();
    mounts.delete(mount.card.element);
    mountsByHost.delete(mount.host);
    const group = mountsById.get(mount.card.id);
    group?.delete(mount);
    if (group?.size === 0) mountsById.delete(mount.card.id);
  };

  const scan = (): ScanReport => {
    const startedAt = performance.now();
    const result = adapter.findCards(doc, url);
    const fresh: CardRef[] = [];
    for (const card of result.cards) {
      const existing = mounts.get(card.element);
      if (existing?.isIntact() && existing.card.id === card.id) continue;
      if (existing) forget(existing);
      fresh.push(card);
    }
    // Cards the site removed: drop their mounts so nothing they hold outlives them.
    for (const mount of mounts.values()) if (!mount.card.element.isConnected) forget(mount);

    for (const card of fresh) {
      const mount = mountCard(card, actions, styleRoot, store.get(card.id));
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
        // Drawing the states is the other main-thread cost Papershelf adds to a page (benchmarks).
        performance.measure('papershelf:states', { start: startedAt, detail: { ids: missing.length } });
      })
      .catch((error: unknown) => console.warn('Papershelf could not read the library:', error))
      .finally(() => missing.forEach((id) => requested.delete(id)));
  };

  store.subscribe((id, state) => {
    for (const mount of mountsById.get(id) ?? []) mount.render(state);
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
  listenForActions(doc, (host) => mountsByHost.get(host), signal);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const mount of [...mounts.values()]) forget(mount);
    },
    { once: true },
  );

  scan();
  return { scan };
}

/**
 * Whether a batch of page changes can mean new, re-rendered or re-used cards. Our own hosts
 * appearing is not news; our hosts disappearing means the site re-rendered a card. Nodes added
 * inside a card that has its controls (MathJax typesetting a title, a vote count updating) cannot
 * make a new card, so they do not cost a scan; a link rewritten inside a card can change its paper.
 */
function isRelevant(record: MutationRecord, insideCard: (node: Node) => boolean): boolean {
  if (record.type === 'attributes') return insideCard(record.target);
  for (const node of record.removedNodes) if (isHost(node)) return true;
  for (const node of record.addedNodes) {
    if (isHost(node)) continue;
    if (!insideCard(record.target) || carriesLink(node)) return true;
  }
  return false;
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

function isHost(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(HOST_ATTRIBUTE);
}

/**
 * Every action shows its effect at once (optimistic), then settles on what the background stored;
 * on failure the card goes back to what it showed before and the error is reported on the card.
 */
function createActions(store: StateStore, send: SendRequest, readPaper: (card: CardRef) => PaperInput): CardActions {
  const apply = async (card: CardRef, optimistic: (before: PaperState) => PaperState, request: () => ContentRequest) => {
    const before = store.get(card.id) ?? { saved: false, hidden: false, tags: [] };
    const message = request(); // reads the page first: a card that cannot be read changes nothing
    store.apply({ [card.id]: optimistic(before) });
    try {
      store.apply(await send(message));
    } catch (error) {
      store.apply({ [card.id]: before });
      throw error;
    }
  };
  return {
    toggleSave: (card) => {
      const saved = store.get(card.id)?.saved ?? false;
      return saved
        ? apply(card, (s) => ({ ...s, saved: false }), () => ({ type: 'content:unsave', id: card.id }))
        : apply(card, (s) => ({ ...s, saved: true }), () => ({ type: 'content:save', paper: readPaper(card) }));
    },
    // Tagging a paper that is not saved saves it.
    setTags: (card, tags) =>
      apply(card, (s) => ({ ...s, saved: s.saved || tags.length > 0, tags }), () => ({ type: 'content:setTags', paper: readPaper(card), tags })),
    hide: (card) => apply(card, (s) => ({ ...s, hidden: true }), () => ({ type: 'content:hide', paper: readPaper(card) })),
    show: (card) => apply(card, (s) => ({ ...s, hidden: false }), () => ({ type: 'content:unhide', id: card.id })),
  };
}
