import {
  ForYouReplySchema,
  MAX_PAGE_PAPERS,
  RelayHandshakeSchema,
  RelayPageRequestSchema,
  RelayPortRequestSchema,
  RelayTokenCheckReplySchema,
  splitIds,
  type KnownPaper,
  type RelayedRequest,
  type RelayReadySchema,
  type RelayPortReplySchema,
  type ScoredPaper,
} from '../messaging/for-you-protocol';
import { ReplySchema } from '../messaging/protocol';
import type { z } from 'zod';
import { readPageWords } from './page-words';

export interface RelayFrameOptions {
  /** The relay page's window (its parent is the listing). */
  win: Window;
  /** The extension's channel to the background, from this page's own process. */
  sendMessage(message: unknown): Promise<unknown>;
  /** Reads a listing's bytes (page-words.ts); the window's own in the relay page. */
  parser?: DOMParser;
}

/**
 * The relay page's side (entrypoints/for-you-relay): waits for the listing's content script to hand
 * it a `MessagePort` with a one-time token, checks the token with the background (which spends it),
 * then forwards each score request on the port to the background and posts the reply back. Anything
 * else posted to the frame — no port, no token, a wrong or spent token, a second port — is ignored;
 * so is every message on the port that is not a request of ours.
 */
export function startRelayFrame({ win, sendMessage, parser }: RelayFrameOptions): void {
  let taken = false;
  const onMessage = (event: MessageEvent) => {
    if (taken || event.source !== win.parent || event.ports.length !== 1) return;
    const handshake = RelayHandshakeSchema.safeParse(event.data);
    const port = event.ports[0]!;
    if (!handshake.success) return;
    void sendMessage({ type: 'relay:checkToken', token: handshake.data.token }).then(
      (raw) => {
        const check = RelayTokenCheckReplySchema.safeParse(raw);
        if (taken || !check.success || !check.data.valid) {
          port.close();
          return;
        }
        taken = true;
        win.removeEventListener('message', onMessage);
        serve(port, sendMessage, () => (parser ??= new DOMParser()));
      },
      () => port.close(),
    );
  };
  win.addEventListener('message', onMessage);
}

function serve(port: MessagePort, sendMessage: (message: unknown) => Promise<unknown>, parser: () => DOMParser): void {
  type Reply = z.infer<typeof RelayPortReplySchema> | z.infer<typeof RelayReadySchema>;
  const post = (message: Reply) => port.postMessage(message);
  /** The words read from the listing's bytes, until the background has them: each goes once. */
  const pageWords = new Map<string, ScoredPaper>();
  /** The reading of the listing's bytes: the requests that follow wait for it, in their order. */
  let pageRead: Promise<void> = Promise.resolve();
  port.onmessage = (event) => {
    const page = RelayPageRequestSchema.safeParse(event.data);
    if (page.success) {
      pageRead = readPage(page.data.page, page.data.url, parser, pageWords);
      return;
    }
    const message = RelayPortRequestSchema.safeParse(event.data);
    if (!message.success) {
      // Not a request of ours: answered as failed when it names its id, so that no caller waits.
      const id = (event.data as { id?: unknown } | null)?.id;
      if (Number.isSafeInteger(id) && (id as number) >= 0) post({ id: id as number, failed: true });
      return;
    }
    const { id, request, named } = message.data;
    pageRead.then(() => sendMessage(withPageWords(request, named, pageWords))).then(
      (raw) => {
        // The background's reply, or its refusal in words; anything else is no answer.
        const reply = ForYouReplySchema.safeParse(raw).success || isRefusal(raw) ? raw : undefined;
        post(reply === undefined ? { id, failed: true } : { id, reply: JSON.stringify(reply) });
      },
      () => post({ id, failed: true }),
    );
  };
  post({ ready: true });
}

/** Reads the page's words into `pageWords` (none from a page it cannot read). */
async function readPage(page: Blob, url: string, parser: () => DOMParser, pageWords: Map<string, ScoredPaper>): Promise<void> {
  try {
    // arXiv and Hugging Face serve UTF-8 (`text()` decodes it; a byte that is not becomes U+FFFD, as the browser shows it).
    const papers = readPageWords(await page.text(), url, parser());
    if (!papers) return;
    for (const [paperId, words] of papers) {
      if (pageWords.size >= MAX_PAGE_PAPERS) break;
      pageWords.set(paperId, words);
    }
  } catch (error) {
    console.warn('Papershelf could not read this listing for For you:', error);
  }
}

/**
 * A request with the papers the content script named by id alone (`named`, after the request's
 * own): those read from the page's bytes go to the background with their words, the first time
 * (the background keeps them for the run, and says which it does not know, which the content
 * script then reads itself); the others as `[id]`.
 */
function withPageWords(request: RelayedRequest, named: string | undefined, pageWords: Map<string, ScoredPaper>): RelayedRequest {
  if (!named) return request;
  const papers: Array<ScoredPaper | KnownPaper> = [...request.papers];
  for (const id of splitIds(named)) {
    const words = pageWords.get(id);
    if (words) pageWords.delete(id);
    papers.push(words ?? [id]);
  }
  return { ...request, papers };
}

function isRefusal(raw: unknown): boolean {
  const reply = ReplySchema.safeParse(raw);
  return reply.success && !reply.data.ok;
}
