// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { startRelayFrame } from '../../../lib/frame/relay-frame';
import { MAX_PAGE_SOURCE_BYTES } from '../../../lib/messaging/for-you-protocol';

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

/** A relay frame that took its port and can read pages (jsdom's parser): the listing's end, what it received, the background. */
async function readingRelay() {
  const { win, deliver } = relayWindow();
  const sendMessage = background();
  startRelayFrame({ win, sendMessage, parser: new new JSDOM().window.DOMParser() });
  const channel = new MessageChannel();
  const messages: unknown[] = [];
  channel.port1.onmessage = (event) => messages.push(event.data);
  deliver({ token: TOKEN }, [channel.port2]);
  await vi.waitFor(() => expect(messages).toEqual([{ ready: true }]));
  return { sendMessage, channel, messages };
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

  it('reads a listing\'s bytes, answering nothing, and sends their words with the first request that names them by id', async () => {
    const { sendMessage, channel, messages } = await readingRelay();
    const entry = (id: string, title: string) =>
      `<dt><a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt><dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> ${title}</div><div class='list-authors'><a href="/a/one">Ann One</a>, <a href="/a/two">Bo Two</a></div><p class='mathjax'>Splatting &lt;b&gt;scenes&lt;/b&gt; fast.</p></div></dd>`;
    const html = `<!doctype html><html><body><dl id="articles">${entry('2609.10001', 'Gaussian splats')}${entry('2609.10002', 'Robot arms<script>alert(1)</script>')}</dl></body></html>`;
    channel.port1.postMessage({ id: 1, page: new Blob([html]), url: 'https://arxiv.org/list/cs.GR/new' });
    // Named by id, after the request's own papers, as one string; posted at once, it waits for the reading.
    const own = ['2609.10009', 'Sent with its words', ''];
    const request = { type: 'content:getScores', run: 'run0000001', papers: [own] };
    channel.port1.postMessage({ id: 2, request, named: '2609.10002\n2609.10003' });
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    expect(messages[1]).toEqual({ id: 2, reply: expect.any(String) });
    // The words it read, the page's text as text; a paper it did not find stays named by id.
    expect(sendMessage).toHaveBeenLastCalledWith({ ...request, papers: [own, ['2609.10002', 'Robot arms', 'Splatting <b>scenes</b> fast.', 'Ann One', 'Bo Two'], ['2609.10003']] });
    // Sent once: the background keeps a run's words, and says which it lost.
    channel.port1.postMessage({ id: 3, request, named: '2609.10002\n2609.10003' });
    await vi.waitFor(() => expect(messages).toHaveLength(3));
    expect(sendMessage).toHaveBeenLastCalledWith({ ...request, papers: [own, ['2609.10002'], ['2609.10003']] });
    // A request naming none goes as it came.
    channel.port1.postMessage({ id: 4, request });
    await vi.waitFor(() => expect(messages).toHaveLength(4));
    expect(sendMessage).toHaveBeenLastCalledWith(request);
    channel.port1.close();
  });

  it('refuses a page that is not bytes or is too large, and finds nothing on a page of no listing it reads', async () => {
    const { sendMessage, channel, messages } = await readingRelay();
    channel.port1.postMessage({ id: 1, page: '<dl></dl>', url: 'https://arxiv.org/list/cs.GR/new' });
    channel.port1.postMessage({ id: 2, page: new Blob([new Uint8Array(MAX_PAGE_SOURCE_BYTES + 1)]), url: 'https://arxiv.org/list/cs.GR/new' });
    await vi.waitFor(() => expect(messages).toHaveLength(3));
    expect(messages.slice(1)).toEqual([{ id: 1, failed: true }, { id: 2, failed: true }]);
    const request = { type: 'content:getScores', run: 'run0000001', papers: [] };
    for (const url of ['https://example.org/list', 'not a url']) {
      channel.port1.postMessage({ id: 3, page: new Blob([`<dl><dt><a href="/abs/2609.10001" id="2609.10001">arXiv:2609.10001</a></dt><dd></dd></dl>`]), url });
      channel.port1.postMessage({ id: 4, request, named: '2609.10001' });
    }
    await vi.waitFor(() => expect(messages).toHaveLength(5));
    // Nothing read: the paper stays named by id, and the background says it has no words for it.
    expect(sendMessage).toHaveBeenCalledTimes(3); // the token's check, then the two requests
    expect(sendMessage).toHaveBeenLastCalledWith({ ...request, papers: [['2609.10001']] });
    channel.port1.close();
  });
});
