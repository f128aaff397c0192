import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BackgroundPushSchema, MAX_IDS_PER_MESSAGE, type PageContext } from '../messaging/protocol';
import { stateIn } from '../paper/model';
import { adapterFor } from '../sites';
import { startListingRun, type ListingRun, type ScanReport } from './listing-run';
import { createMessenger, createPageQueries } from './messenger';
import { createShadowStyler } from './shadow-styles';
import { StateStore } from './state-store';
import { startPageTriage, type PageTriage } from './page-triage';
import { answerRuleCounts } from './rule-counts';
import { startForYouPage, type ForYouPage } from './for-you';
import { openScoreRelay, type ScoreSender } from './for-you-relay';
import { cachedPageSource } from './page-source';
import { ForYouPushSchema } from '../messaging/for-you-protocol';
import { IdBudget, MAX_IDS_PER_PAGE_VIEW } from './id-budget';
import { watchLocation } from './location-watch';
import { windowProbe } from './view-range';
import { afterNextPaint } from '../ui/next-task';

export interface ContentStyles {
  controls: string;
  panel: string;
}

/**
 * Runs on every page the manifest matches, listings or not (Hugging Face navigates into its
 * listings without a page load): until the address is a listing's, it only compares addresses
 * (location-watch.ts); the first listing address wires the tab to the extension, and every later
 * address change starts, restarts or ends the listing run.
 */
export function startContent(ctx: ContentScriptContext, styles: ContentStyles): void {
  let startFor: ((url: URL) => void) | undefined;
  const follow = (url: URL) => {
    if (!startFor && adapterFor(url) && !ctx.isInvalid) startFor = wireListing(ctx, styles);
    startFor?.(url);
  };
  // The URL is read from `location` (watchLocation), never from an event a page could dispatch.
  watchLocation(window, ctx.signal, follow);
  follow(new URL(location.href));
}

/**
 * Wires a listing page to the extension: one state store per tab, one run per URL (restarted on
 * the site's client-side navigations), pushes from the background applied to the store. All of it
 * ends when WXT's context is invalidated (extension updated or reloaded under the page). Returns
 * what starts the run for a new address (and ends the previous one).
 */
function wireListing(ctx: ContentScriptContext, styles: ContentStyles): (url: URL) => void {
  performance.mark('papershelf:start');
  // The first frame the page paints after Papershelf started: what ran before it delayed that
  // frame (benchmarks, DevTools); the cards further down are mounted after it.
  requestAnimationFrame(() => performance.mark('papershelf:first-frame'));
  const store = new StateStore();
  const sendMessage = (message: unknown) => browser.runtime.sendMessage(message);
  const send = createMessenger(sendMessage);
  const queries = createPageQueries(sendMessage);
  // For you's relay frame: one per page view, opened when the first listing run scores its cards.
  let relay: Promise<ScoreSender | undefined> | undefined;
  const openRelay = () => (relay ??= openScoreRelay({ doc: document, frameUrl: browser.runtime.getURL('/for-you-relay.html'), extensionOrigin: browser.runtime.getURL('/'), sendMessage, signal: ctx.signal }));
  const styleRoot = createShadowStyler(styles.controls, window);
  const stylePanel = createShadowStyler(styles.panel, window);
  // One budget for the whole page view: a page that fakes navigations does not get a new one.
  const idBudget = new IdBudget();

  // Rules and the keymap setting: asked once per page load, then kept current by pushes.
  let context: PageContext | undefined;
  let run: { controller: AbortController; listing: ListingRun; triage: PageTriage; forYou: ForYouPage } | undefined;
  const applyContext = (next: PageContext) => {
    context = next;
    run?.triage.setContext(next);
  };
  queries
    .pageContext()
    .then((loaded) => context ?? applyContext(loaded)) // a push that came first is newer
    .catch((error: unknown) => console.warn('Papershelf could not read its rules:', error));

  const extensionOrigin = browser.runtime.getURL('/');
  const onMessage = (message: unknown, sender: { id?: string; url?: string }, sendResponse: (reply: unknown) => void) => {
    if (sender.id !== browser.runtime.id) return false;
    const push = BackgroundPushSchema.safeParse(message);
    if (push.success) {
      if (push.data.type === 'background:statesChanged') store.apply(push.data.states);
      else if (push.data.type === 'background:libraryChanged') void refreshStates(store, send);
      else applyContext(push.data.context);
      return false;
    }
    if (ForYouPushSchema.safeParse(message).success) {
      run?.forYou.refresh();
      return false;
    }
    // The library page asks how many cards a rule being edited matches here.
    if (sender.url?.startsWith(extensionOrigin) && run) {
      const reply = answerRuleCounts(message, run.listing, document);
      if (reply) {
        sendResponse(reply);
        return false;
      }
    }
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);

  const startFor = (url: URL) => {
    run?.controller.abort();
    run = undefined;
    const adapter = adapterFor(url);
    if (!adapter || ctx.isInvalid) return;
    // Composed once, in one direction: the listing knows nothing of what follows it; the triage
    // follows and drives the listing (toasts, hidden count; keys, rules, "show hidden"), For you
    // reads and reorders it, and `f` reaches For you through the triage's option.
    const controller = new AbortController();
    let forYou: ForYouPage | undefined;
    let waiting = 0;
    const listing = startListingRun({
      doc: document,
      url,
      adapter,
      store,
      send,
      styleRoot,
      signal: controller.signal,
      idBudget,
      onScan: (scan) => {
        report(scan);
        waiting = scan.waiting;
        // For you reads every card it scores: it starts once every card found has its controls.
        forYou?.scanned(waiting === 0);
      },
      tagCounts: () => queries.tagCounts(),
    });
    const triage = startPageTriage({ listing, doc: document, win: window, stylePanel, signal: controller.signal, toggleForYou: () => forYou?.toggleOrder() });
    if (context) triage.setContext(context);
    const pageSource = adapter.cardsInSource ? () => cachedPageSource(fetch, url.href) : undefined;
    const view = { probe: windowProbe(), afterNextFrame };
    forYou = startForYouPage({ doc: document, listing, sendMessage, openRelay, pageSource, view, signal: controller.signal });
    forYou.scanned(waiting === 0);
    run = { controller, listing, triage, forYou };
  };

  ctx.onInvalidated(() => {
    run?.controller.abort();
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The runtime is already gone with the old extension: nothing left to remove.
    }
  });
  // Chromium does not tell a content script that its extension was reloaded or updated: the old
  // script just loses `browser.runtime.id`. Checking once a second (the getter invalidates the
  // context when the id is gone) lets the orphaned controls leave cleanly instead of failing on
  // the next click.
  ctx.setInterval(() => void ctx.isInvalid, 1_000);
  return startFor;
}

let lastSkipped = -1;
let toldOverLimit = false;
/**
 * Each scan that mounted something leaves a User Timing measure (`papershelf:scan`, visible in
 * DevTools' performance panel and to the benchmarks). Cards that could not be read are counted,
 * never thrown into the page; the console says so once per change.
 */
function report(scan: ScanReport): void {
  // A scan that found cards to mount later cost the page its finding: that counts too.
  if (scan.mounted > 0 || scan.waiting > 0) {
    performance.measure('papershelf:scan', { start: scan.startedAt, end: scan.endedAt, detail: { cards: scan.cards, mounted: scan.mounted } });
  }
  if (scan.overLimit > 0 && !toldOverLimit) {
    toldOverLimit = true;
    console.info(`Papershelf left ${scan.overLimit} card(s) on this page without controls: one page may ask about at most ${MAX_IDS_PER_PAGE_VIEW} papers.`);
  }
  if (scan.skipped === lastSkipped) return;
  lastSkipped = scan.skipped;
  if (scan.skipped > 0) console.info(`Papershelf skipped ${scan.skipped} card(s) it could not read:`, scan.problems);
}

/**
 * Asks again for the state of every paper this tab shows, after an import: an id the library no
 * longer knows (a restore that replaced it) becomes empty.
 */
async function refreshStates(store: StateStore, send: ReturnType<typeof createMessenger>): Promise<void> {
  const ids = store.ids();
  try {
    for (let start = 0; start < ids.length; start += MAX_IDS_PER_MESSAGE) {
      const batch = ids.slice(start, start + MAX_IDS_PER_MESSAGE);
      const states = await send({ type: 'content:getStates', ids: batch });
      store.apply(Object.fromEntries(batch.map((id) => [id, stateIn(states, id)])));
    }
  } catch (error) {
    console.warn('Papershelf could not read the library after an import:', error);
  }
}

/** Runs `task` once the page's next frame is painted (`afterNextPaint`); the returned function cancels it. */
function afterNextFrame(task: () => void): () => void {
  let cancelled = false;
  void afterNextPaint().then(() => cancelled || task());
  return () => (cancelled = true);
}
