// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { startRelayFrame } from '../../../lib/frame/relay-frame';

const TOKEN = 'k'.repeat(32);
const REPLY = { ok: true, status: 'ready', hint: '', forYouOrder: false, scores: [0.5], why: ['splatting'] };
const REQUEST = { type: 'content:getScores', run: 'run0000001', papers: [['2609.10001', 'A title', '']] };

/** The relay page's window in a listing's frame: `parent` is the listing; messages reach `deliver`. */
function relayWindow() {
  const parent = {};
  let listener: ((event: unknown) => void) | undefined;
  const win = {
    parent,
    addEventListener: (_type: string, fn: (event: unknown) => void) => (listener = fn),
    removeEventListener: () => (listener = undefined),
  } as unknown as Window;
  const deliver = (data: unknown, ports: MessagePort[], source: unknown = parent) => listener?.({ data, ports, source });
  return { win, deliver, parent, listening: () => listener !== undefined };
}

/** A background that knows one token, spends it, and scores every request. */
function background() {
  const tokens = new Set([TOKEN]);
  return vi.fn(async (message: unknown) => {
    const { type, token } = message as { type: string; token?: string };
    if (type === 'relay:checkToken') return { ok: true, valid: tokens.delete(token!) };
    return REPLY;
  });
}

/** The messages the listing's end of `channel` receives within a short while. */
async function received(port: MessagePort, wait = 50): Promise<unknown[]> {
  const messages: unknown[] = [];
  port.onmessage = (event) => messages.push(event.data);
  await new Promise((resolve) => setTimeout(resolve, wait));
  return messages;
}

describe('the relay frame', () => {
  it('ignores a message without the right token: it never takes the port, answers nothing, forwards nothing', async () => {
    const { win, deliver } = relayWindow();
    const sendMessage = background();
    startRelayFrame({ win, sendMessage });
    const wrong = new MessageChannel();
    deliver({ token: 'w'.repeat(32) }, [wrong.port2]);
    const none = new MessageChannel();
    deliver({ nothing: true }, [none.port2]);
    const spoofed = new MessageChannel();
    deliver({ token: TOKEN }, [spoofed.port2], {}); // not from the listing's window
    const portless = new MessageChannel();
    deliver({ token: TOKEN }, []);
    for (const channel of [wrong, none, spoofed, portless]) channel.port1.postMessage({ id: 0, request: REQUEST });
    for (const channel of [wrong, none, spoofed, portless]) expect(await received(channel.port1)).toEqual([]);
    // Only the wrong token was checked with the background, and it was refused; nothing was scored.
    expect(sendMessage.mock.calls.map(([message]) => (message as { type: string }).type)).toEqual(['relay:checkToken']);
    for (const channel of [wrong, none, spoofed, portless]) channel.port1.close();
  });

  it('takes the port with the token the background gave, forwards each valid request and posts the reply as JSON', async () => {
    const { win, deliver, listening } = relayWindow();
    const sendMessage = background();
    startRelayFrame({ win, sendMessage });
    const channel = new MessageChannel();
    const messages: unknown[] = [];
    channel.port1.onmessage = (event) => messages.push(event.data);
    deliver({ token: TOKEN }, [channel.port2]);
    await vi.waitFor(() => expect(messages).toEqual([{ ready: true }]));
    expect(listening()).toBe(false); // one port, once: later posts to the frame are not even read
    channel.port1.postMessage({ id: 7, request: REQUEST });
    // Not requests it forwards: another For-you message, a string, a paper that is not one.
    channel.port1.postMessage({ id: 8, request: { type: 'content:setForYouOrder', on: true } });
    channel.port1.postMessage({ id: 9, request: JSON.stringify(REQUEST) });
    channel.port1.postMessage({ id: 10, request: { ...REQUEST, papers: [['not an id', 'A title', '']] } });
    channel.port1.postMessage('hello');
    channel.port1.postMessage({ id: -1, request: REQUEST });
    await vi.waitFor(() => expect(messages).toHaveLength(5));
    expect(messages.slice(1)).toEqual(expect.arrayContaining([{ id: 7, reply: JSON.stringify(REPLY) }, { id: 8, failed: true }, { id: 9, failed: true }, { id: 10, failed: true }]));
    expect(sendMessage).toHaveBeenLastCalledWith(REQUEST);
    expect(sendMessage).toHaveBeenCalledTimes(2);
    channel.port1.close();
  });

  it('says the background did not answer when it does not, or answers something not ours', async () => {
    const { win, deliver } = relayWindow();
    let calls = 0;
    startRelayFrame({
      win,
      sendMessage: async (message) => {
        if ((message as { type: string }).type === 'relay:checkToken') return { ok: true, valid: true };
        if (calls++ === 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { scores: 'all' };
      },
    });
    const channel = new MessageChannel();
    const messages: unknown[] = [];
    channel.port1.onmessage = (event) => messages.push(event.data);
    deliver({ token: TOKEN }, [channel.port2]);
    await vi.waitFor(() => expect(messages).toEqual([{ ready: true }]));
    channel.port1.postMessage({ id: 1, request: REQUEST });
    channel.port1.postMessage({ id: 2, request: REQUEST });
    await vi.waitFor(() => expect(messages.slice(1)).toEqual([{ id: 1, failed: true }, { id: 2, failed: true }]));
    channel.port1.close();
  });
});
