import { ReplySchema, type ContentRequest, type PageContext, type Reply, type StateMap, type TagCount } from '../messaging/protocol';

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
      if (!context) throw new Error('Papershelf got no rules or settings from its background page.');
      return context;
    },
    async tagCounts() {
      return (await ask({ type: 'content:getTagCounts' })).tagCounts ?? [];
    },
  };
}

/** Every reply is parsed: a reply that is not one of ours is an error, never trusted. */
function asker(sendMessage: (message: unknown) => Promise<unknown>): (request: ContentRequest) => Promise<OkReply> {
  return async (request) => {
    const raw = await sendMessage(request);
    const reply = ReplySchema.safeParse(raw);
    if (!reply.success) throw new Error('Papershelf got an unreadable reply from its background page.');
    if (!reply.data.ok) throw new Error(reply.data.error);
    return reply.data;
  };
}
