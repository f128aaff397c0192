import { ReplySchema, type ContentRequest, type StateMap } from '../messaging/protocol';

/** Sends one request to the background and returns its states, or throws an Error in words. */
export type SendRequest = (request: ContentRequest) => Promise<StateMap>;

export function createMessenger(sendMessage: (message: unknown) => Promise<unknown>): SendRequest {
  return async (request) => {
    const raw = await sendMessage(request);
    const reply = ReplySchema.safeParse(raw);
    if (!reply.success) throw new Error('Papershelf got an unreadable reply from its background page.');
    if (!reply.data.ok) throw new Error(reply.data.error);
    return reply.data.states;
  };
}
