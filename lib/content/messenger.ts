import type { ContentRequest, PageContext, StateMap, TagCount } from '../messaging/protocol';
import { t } from '../i18n/t';
import { readContentReply, type ContentResult } from '../messaging/requests';
import { InWordsError } from '../text/problem-words';

/** The requests that answer states: a card's changes and `content:getStates`. */
export type StateRequest = Extract<ContentRequest, { type: 'content:getStates' | 'content:save' | 'content:unsave' | 'content:setTags' | 'content:hide' | 'content:unhide' }>;

/** Sends one request to the background and returns its states, or throws an Error in words. */
export type SendRequest = (request: StateRequest) => Promise<StateMap>;

/** The two questions a listing page asks besides states. */
export interface PageQueries {
  pageContext(): Promise<PageContext>;
  tagCounts(): Promise<TagCount[]>;
}

export function createMessenger(sendMessage: (message: unknown) => Promise<unknown>): SendRequest {
  const request = requester(sendMessage);
  return (message) => request(message);
}

export function createPageQueries(sendMessage: (message: unknown) => Promise<unknown>): PageQueries {
  const request = requester(sendMessage);
  return {
    pageContext: () => request({ type: 'content:getPageContext' }),
    tagCounts: () => request({ type: 'content:getTagCounts' }),
  };
}

/**
 * What the card says when the background never answered: its service worker was stopped (Chromium
 * idles it, or it crashed) between the request and the reply. Whether the change was stored is
 * not known here; the page re-reads the paper's state after a failed action (listing-run.ts).
 */
export const noAnswerWords = (): string => t('noAnswer');

/**
 * The background never answered (noAnswerWords): its worker stopped with the request, so the
 * change may or may not be stored. A card action asks the library, then sends it once more.
 */
export class NoAnswerError extends InWordsError {
  override name = 'NoAnswerError';
}
/** The extension was reloaded or updated under the page: this copy of the script is orphaned. */
export const reloadedWords = (): string => t('extensionReloaded');

/**
 * One typed request: the result its request promises (lib/messaging/requests.ts), or an Error in
 * words. Every reply is parsed: a reply that is not one of ours is an error, never trusted.
 */
function requester(sendMessage: (message: unknown) => Promise<unknown>): <R extends ContentRequest>(request: R) => Promise<ContentResult<R['type']>> {
  return async <R extends ContentRequest>(request: R) => {
    let raw: unknown;
    try {
      raw = await sendMessage(request);
    } catch (error) {
      // Chromium's own words ("…the message channel closed before a response was received",
      // "Receiving end does not exist") mean nothing to a reader of the card.
      const invalidated = /context invalidated/i.test(error instanceof Error ? error.message : String(error));
      if (invalidated) throw new InWordsError(reloadedWords(), { cause: error });
      throw new NoAnswerError(noAnswerWords(), { cause: error });
    }
    // No listener answered: the worker went away with the request.
    if (raw === undefined) throw new NoAnswerError(noAnswerWords());
    const answer = readContentReply<R['type']>(request.type, raw);
    if (!answer) throw new InWordsError(t('unreadableReply'));
    if (!answer.ok) throw new InWordsError(answer.error);
    return answer.result;
  };
}
