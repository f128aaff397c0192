import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BackgroundPushSchema } from '../messaging/protocol';
import { adapterFor } from '../sites';
import { startListingRun, type ScanReport } from './listing-run';
import { createMessenger } from './messenger';
import { createShadowStyler } from './shadow-styles';
import { StateStore } from './state-store';

/**
 * Wires a listing page to the extension: one state store per tab, one run per URL (restarted on
 * the site's client-side navigations), pushes from the background applied to the store. All of it
 * ends when WXT's context is invalidated (extension updated or reloaded under the page).
 */
export function startContent(ctx: ContentScriptContext, controlsCss: string): void {
  performance.mark('papershelf:start');
  const store = new StateStore();
  const send = createMessenger((message) => browser.runtime.sendMessage(message));
  const styleRoot = createShadowStyler(controlsCss, window);

  const onPush = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    const push = BackgroundPushSchema.safeParse(message);
    if (push.success) store.apply(push.data.states);
  };
  browser.runtime.onMessage.addListener(onPush);

  let run: AbortController | undefined;
  const startFor = (url: URL) => {
    run?.abort();
    run = undefined;
    const adapter = adapterFor(url);
    if (!adapter || ctx.isInvalid) return;
    run = new AbortController();
    startListingRun({ doc: document, url, adapter, store, send, styleRoot, signal: run.signal, onScan: report });
  };

  ctx.onInvalidated(() => {
    run?.abort();
    try {
      browser.runtime.onMessage.removeListener(onPush);
    } catch {
      // The runtime is already gone with the old extension: nothing left to remove.
    }
  });
  ctx.addEventListener(window, 'wxt:locationchange', (event) => startFor(event.newUrl));
  // Chromium does not tell a content script that its extension was reloaded or updated: the old
  // script just loses `browser.runtime.id`. Checking once a second (the getter invalidates the
  // context when the id is gone) lets the orphaned controls leave cleanly instead of failing on
  // the next click.
  ctx.setInterval(() => void ctx.isInvalid, 1_000);
  startFor(new URL(location.href));
}

let lastSkipped = -1;
/**
 * Each scan that mounted something leaves a User Timing measure (`papershelf:scan`, visible in
 * DevTools' performance panel and to the benchmarks). Cards that could not be read are counted,
 * never thrown into the page; the console says so once per change.
 */
function report(scan: ScanReport): void {
  if (scan.mounted > 0) {
    performance.measure('papershelf:scan', { start: scan.startedAt, end: scan.endedAt, detail: { cards: scan.cards, mounted: scan.mounted } });
  }
  if (scan.skipped === lastSkipped) return;
  lastSkipped = scan.skipped;
  if (scan.skipped > 0) console.info(`Papershelf skipped ${scan.skipped} card(s) it could not read:`, scan.problems);
}
