import { ReplySchema, type ContentRequest, type PageContext, type Reply, type StateMap, type TagCount } from '../messaging/protocol';
import { InWordsError } from '../text/problem-words';

type OkReply = Extract<Reply, { ok: true }>;

/** Sends one request to the background and returns its states, or throws an Error in words. */
export type SendRequest = (request: ContentRequest) => Promise<StateMap>;

/** The two questions a listing page asks besides states. */
export interface PageQueries {
  pageContext(): Promise<PageContext>;
  tagCounts(): Promise<TagCount[]>;
}

export function createMessenger(sendMessage: (message: unknown) => Promise<unknown>): SendRequest {
  const ask = asker(sendMessage);
  return async (request) => (await ask(request)).states;
}

export function createPageQueries(sendMessage: (message: unknown) => Promise<unknown>): PageQueries {
  const ask = asker(sendMessage);
  return {
    async pageContext() {
      const { context } = await ask({ type: 'content:getPageContext' });
      if (!context) throw new InWordsError('Papershelf got no rules or settings from its background page.');
      return context;
    },
    async tagCounts() {
      return (await ask({ type: 'content:getTagCounts' })).tagCounts ?? [];
    },
  };
}

/**
 * What the card says when the background never answered: its service worker was stopped (Chromium
 * idles it, or it crashed) between the request and the reply. Whether the change was stored is
 * not known here; the page re-reads the paper's state after a failed action (listing-run.ts).
 */
export const NO_ANSWER = "Papershelf's background page stopped before it answered, so this change was not confirmed. Try again.";
/** The extension was reloaded or updated under the page: this copy of the script is orphaned. */
export const RELOADED = 'Papershelf was updated or reloaded since this page opened. Reload the page to use it.';

/** Every reply is parsed: a reply that is not one of ours is an error, never trusted. */
function asker(sendMessage: (message: unknown) => Promise<unknown>): (request: ContentRequest) => Promise<OkReply> {
  return async (request) => {
    let raw: unknown;
    try {
      raw = await sendMessage(request);
    } catch (error) {
      // Chromium's own words ("…the message channel closed before a response was received",
      // "Receiving end does not exist") mean nothing to a reader of the card.
      const invalidated = /context invalidated/i.test(error instanceof Error ? error.message : String(error));
      throw new InWordsError(invalidated ? RELOADED : NO_ANSWER, { cause: error });
    }
    // No listener answered: the worker went away with the request.
    if (raw === undefined) throw new InWordsError(NO_ANSWER);
    const reply = ReplySchema.safeParse(raw);
    if (!reply.success) throw new InWordsError('Papershelf got an unreadable reply from its background page.');
    if (!reply.data.ok) throw new InWordsError(reply.data.error);
    return reply.data;
  };
}
