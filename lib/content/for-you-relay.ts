import {
  RelayPortReplySchema,
  RelayReadySchema,
  RelayTokenReplySchema,
  joinIds,
  type RelayedRequest,
} from '../messaging/for-you-protocol';
import { attachPrivateRoot } from './private-root';

/**
 * Sends one score request and resolves with the background's reply (unvalidated: the caller parses
 * it). `named`: papers the page names by id alone (words the background or the frame has), asked
 * about after the request's own papers, in that order. The relay's sender can also hand over the
 * listing's bytes (`offerPage`, unanswered): the frame reads the cards' words from them, and gives
 * them to the requests that follow, which then name the cards by id.
 */
export type ScoreSender = ((request: RelayedRequest, named: readonly string[]) => Promise<unknown>) & {
  offerPage?: (page: Blob, url: string) => void;
};

export interface ScoreRelayOptions {
  doc: Document;
  /** The relay page's address, as the extension gives it (`runtime.getURL`: its dynamic URL in Chromium). */
  frameUrl: string;
  /**
   * The extension's own origin (`runtime.getURL('/')`). Chromium serves the dynamic URL's page at
   * the extension's own origin (it redirects), or may keep the dynamic one: the token is posted to
   * whichever of the two the frame's document has, and to no other.
   */
  extensionOrigin: string;
  /** The extension's channel: the token is asked for there. */
  sendMessage(message: unknown): Promise<unknown>;
  signal: AbortSignal;
  /** The frame must be ready within this (ms), or the page keeps the extension's channel. */
  openTimeoutMs?: number;
  /** A request the frame has not answered within this (ms) fails, and the relay is given up. */
  replyTimeoutMs?: number;
}

const OPEN_TIMEOUT_MS = 5_000;
const REPLY_TIMEOUT_MS = 60_000;

/** The frame is gone (removed by the page) or never answered: the caller takes the extension's channel. */
const RELAY_LOST = 'RelayLostError';
function relayLost(error: Error): Error {
  error.name = RELAY_LOST;
  return error;
}
export function isRelayLost(error: unknown): boolean {
  return error instanceof Error && error.name === RELAY_LOST;
}

/**
 * Opens For you's relay: a hidden page of the extension in a frame inside a closed shadow root,
 * which forwards the listing's score requests to the background from its own process. The page's
 * main thread then only clones each request into a `MessagePort`, several times cheaper than the
 * extension's channel (`runtime.sendMessage`) serialising it (docs/PERFORMANCE.md, "For you on the
 * page").
 *
 * The frame takes the port only with a one-time token the background gave this content script, so
 * a page that posts to the frame gets nothing. Resolves with a sender, or with undefined when the
 * frame cannot be made (a refused frame, an error, no answer within `openTimeoutMs`): the page then
 * keeps the extension's channel, and the reader sees no difference.
 */
export async function openScoreRelay(options: ScoreRelayOptions): Promise<ScoreSender | undefined> {
  const { doc, signal } = options;
  let host: HTMLElement | undefined;
  const giveUp = () => {
    host?.remove();
    return undefined;
  };
  try {
    const token = RelayTokenReplySchema.safeParse(await options.sendMessage({ type: 'content:relayToken' }));
    if (!token.success || signal.aborted) return giveUp();
    const origins = [...new Set([new URL(options.frameUrl).origin, new URL(options.extensionOrigin).origin])];
    // Making the frame is part of what handing requests over costs the page (benchmarks).
    const making = performance.now();
    host = doc.createElement('div');
    // Named as Papershelf's, as every element it adds to a page is (the page could see it anyway).
    host.setAttribute('data-papershelf-relay', '');
    // Out of the page's layout: nothing of it is drawn, and it takes no room.
    host.hidden = true;
    host.style.setProperty('display', 'none', 'important');
    const frame = doc.createElement('iframe');
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    const root = attachPrivateRoot(host);
    root.append(frame);
    const loaded = eventOnce(frame, 'load');
    frame.src = options.frameUrl;
    doc.documentElement.append(host);
    performance.measure('papershelf:scores-send', { start: making, detail: { cards: 0 } });
    signal.addEventListener('abort', () => host?.remove(), { once: true });
    const timeout = delay(options.openTimeoutMs ?? OPEN_TIMEOUT_MS);
    if ((await Promise.race([loaded, timeout])) === TIMED_OUT || !frame.contentWindow || signal.aborted) return giveUp();
    // One port per origin the frame's document may have: only a document of that origin receives
    // it, so a page that replaced the frame gets nothing; the token lets one port through at most.
    const ports = origins.map(() => new MessageChannel());
    const ready = new Promise<MessagePort>((resolve) => {
      for (const { port1 } of ports) port1.onmessage = (event) => RelayReadySchema.safeParse(event.data).success && resolve(port1);
    });
    const handing = performance.now();
    origins.forEach((origin, index) => frame.contentWindow!.postMessage({ token: token.data.token }, origin, [ports[index]!.port2]));
    performance.measure('papershelf:scores-send', { start: handing, detail: { cards: 0 } });
    const port = await Promise.race([ready, timeout]);
    for (const { port1 } of ports) if (port1 !== port) port1.close();
    if (port === TIMED_OUT || signal.aborted) {
      if (port !== TIMED_OUT) port.close();
      return giveUp();
    }
    // Which channel For you took (benchmarks, tests): the page knew Papershelf was there already.
    performance.mark('papershelf:relay-ready');
    return portSender(port, frame, options.replyTimeoutMs ?? REPLY_TIMEOUT_MS);
  } catch (error) {
    console.warn('Papershelf keeps the extension channel for For you:', error);
    return giveUp();
  }
}

/**
 * Requests as the extension's channel would carry them, replies matched by id. Each reply's JSON is
 * read here, on the page's thread: measured as taking in a reply ('papershelf:scores'), as drawing is.
 */
function portSender(port: MessagePort, frame: HTMLIFrameElement, replyTimeoutMs: number): ScoreSender {
  let next = 0;
  const waiting = new Map<number, { resolve(reply: unknown): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }>();
  const settle = (id: number) => {
    const request = waiting.get(id);
    if (request) {
      waiting.delete(id);
      clearTimeout(request.timer);
    }
    return request;
  };
  port.onmessage = (event) => {
    // Taking in the frame's answers is For you's main-thread cost too (benchmarks, DevTools).
    const started = performance.now();
    const message = RelayPortReplySchema.safeParse(event.data);
    if (!message.success) return;
    const request = settle(message.data.id);
    if (!request) return;
    if (!('reply' in message.data)) {
      // The frame is there, the background is not (its worker stopped): asked again, by the relay.
      request.reject(new Error('the background did not answer'));
      return;
    }
    let reply: unknown;
    try {
      reply = JSON.parse(message.data.reply);
    } catch {
      reply = undefined;
    }
    performance.measure('papershelf:scores', { start: started, detail: { cards: 0 } });
    request.resolve(reply);
  };
  /** Posts one message and waits for the frame's answer to it, by id. */
  const call = (message: (id: number) => { id: number }) => {
    if (!frame.isConnected) return Promise.reject(relayLost(new Error('the relay frame was removed')));
    const id = next++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(relayLost(new Error('the relay frame did not answer')));
      }, replyTimeoutMs);
      waiting.set(id, { resolve, reject, timer });
      port.postMessage(message(id));
    });
  };
  const sender: ScoreSender = (request, named) => call((id) => (named.length > 0 ? { id, request, named: joinIds(named) } : { id, request }));
  sender.offerPage = (page, url) => {
    if (frame.isConnected) port.postMessage({ id: next++, page, url });
  };
  return sender;
}

const TIMED_OUT = Symbol('timed out');
function delay(ms: number): Promise<typeof TIMED_OUT> {
  return new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), ms));
}
function eventOnce(target: EventTarget, type: string): Promise<void> {
  return new Promise((resolve) => target.addEventListener(type, () => resolve(), { once: true }));
}
