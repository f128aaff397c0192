import {
  ForYouReplySchema,
  RelayHandshakeSchema,
  RelayPortRequestSchema,
  RelayTokenCheckReplySchema,
  type RelayReadySchema,
  type RelayPortReplySchema,
} from '../messaging/for-you-protocol';
import { ReplySchema } from '../messaging/protocol';
import type { z } from 'zod';

export interface RelayFrameOptions {
  /** The relay page's window (its parent is the listing). */
  win: Window;
  /** The extension's channel to the background, from this page's own process. */
  sendMessage(message: unknown): Promise<unknown>;
}

/**
 * The relay page's side (entrypoints/for-you-relay): waits for the listing's content script to hand
 * it a `MessagePort` with a one-time token, checks the token with the background (which spends it),
 * then forwards each score request on the port to the background and posts the reply back. Anything
 * else posted to the frame — no port, no token, a wrong or spent token, a second port — is ignored;
 * so is every message on the port that is not a request of ours.
 */
export function startRelayFrame({ win, sendMessage }: RelayFrameOptions): void {
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
        serve(port, sendMessage);
      },
      () => port.close(),
    );
  };
  win.addEventListener('message', onMessage);
}

function serve(port: MessagePort, sendMessage: (message: unknown) => Promise<unknown>): void {
  const post = (message: z.infer<typeof RelayPortReplySchema> | z.infer<typeof RelayReadySchema>) => port.postMessage(message);
  port.onmessage = (event) => {
    const message = RelayPortRequestSchema.safeParse(event.data);
    if (!message.success) {
      // Not a request of ours: answered as failed when it names its id, so that no caller waits.
      const id = (event.data as { id?: unknown } | null)?.id;
      if (Number.isSafeInteger(id) && (id as number) >= 0) post({ id: id as number, failed: true });
      return;
    }
    const { id, request } = message.data;
    sendMessage(request).then(
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

function isRefusal(raw: unknown): boolean {
  const reply = ReplySchema.safeParse(raw);
  return reply.success && !reply.data.ok;
}
