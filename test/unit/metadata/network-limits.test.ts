// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fetchNetwork, MAX_RESPONSE_BYTES, RefusedResponseError } from '../../../lib/metadata/network';

const ARXIV = 'https://export.arxiv.org/api/query?id_list=1706.03762&max_results=1';

/** A body sent in `chunks` pieces of `size` bytes, counting how many pieces were pulled. */
function streamed(chunks: number, size: number): { body: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}

describe('fetchNetwork: size cap', () => {
  it('reads an answer up to the cap', async () => {
    const network = fetchNetwork({ maxBytes: 1000, fetch: async () => new Response(streamed(10, 100).body) });
    expect((await network.fetchText(ARXIV)).text).toBe('a'.repeat(1000));
  });

  it('stops reading past the cap, cancels the download and says so in words', async () => {
    const stream = streamed(1000, 1000);
    const network = fetchNetwork({ maxBytes: 5000, fetch: async () => new Response(stream.body) });
    const failure = await network.fetchText(ARXIV).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RefusedResponseError);
    expect((failure as Error).message).toMatch(/^The answer from export\.arxiv\.org is larger than [\d.]+ MB; Papershelf did not read it\.$/);
    expect(stream.pulled()).toBeLessThanOrEqual(7);
    expect(stream.cancelled()).toBe(true);
  });

  it('refuses at once an answer that declares a length over the cap', async () => {
    const stream = streamed(1, 10);
    const network = fetchNetwork({ fetch: async () => new Response(stream.body, { headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) } }) });
    await expect(network.fetchText(ARXIV)).rejects.toThrow('The answer from export.arxiv.org is larger than 5 MB; Papershelf did not read it.');
    expect(stream.pulled()).toBeLessThanOrEqual(1);
  });

  it('caps at 5 MB by default', async () => {
    const network = fetchNetwork({ fetch: async () => new Response(streamed(6, 2 ** 20).body) });
    await expect(network.fetchText(ARXIV)).rejects.toBeInstanceOf(RefusedResponseError);
  });
});

describe('fetchNetwork: redirects', () => {
  const redirect = (location: string) => new Response(null, { status: 302, headers: { Location: location } });

  it('asks fetch not to follow redirects itself', async () => {
    const inits: RequestInit[] = [];
    const network = fetchNetwork({
      fetch: async (_url, init) => {
        inits.push(init ?? {});
        return new Response('ok');
      },
    });
    await network.fetchText(ARXIV);
    expect(inits[0]!.redirect).toBe('manual');
  });

  it('refuses a redirect to another host without asking it', async () => {
    const asked: string[] = [];
    const network = fetchNetwork({
      fetch: async (url) => {
        asked.push(String(url));
        return asked.length === 1 ? redirect('https://evil.example/feed') : new Response('<feed/>');
      },
    });
    await expect(network.fetchText(ARXIV)).rejects.toThrow('export.arxiv.org sent the request to another address; Papershelf only reads answers from export.arxiv.org itself.');
    expect(asked).toEqual([ARXIV]);
  });

  it('refuses a redirect whose target the browser hides, and one to plain http on the same host', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, url: '', headers: new Headers(), body: null } as unknown as Response;
    await expect(fetchNetwork({ fetch: async () => opaque }).fetchText(ARXIV)).rejects.toBeInstanceOf(RefusedResponseError);
    await expect(fetchNetwork({ fetch: async () => redirect('http://export.arxiv.org/api/query') }).fetchText(ARXIV)).rejects.toBeInstanceOf(RefusedResponseError);
  });

  it('refuses an answer that a fetch followed to another host on its own', async () => {
    const followed = new Response('<feed/>');
    Object.defineProperty(followed, 'url', { value: 'https://evil.example/feed' });
    await expect(fetchNetwork({ fetch: async () => followed }).fetchText(ARXIV)).rejects.toBeInstanceOf(RefusedResponseError);
  });

  it('follows a redirect on the same host, a few times at most', async () => {
    const asked: string[] = [];
    const network = fetchNetwork({
      fetch: async (url) => {
        asked.push(String(url));
        return asked.length === 1 ? redirect('/api/query?id_list=1706.03762') : new Response('<feed/>');
      },
    });
    expect((await network.fetchText(ARXIV)).text).toBe('<feed/>');
    expect(asked[1]).toBe('https://export.arxiv.org/api/query?id_list=1706.03762');
    const loop = fetchNetwork({ fetch: async () => redirect('/again') });
    await expect(loop.fetchText(ARXIV)).rejects.toThrow('redirected the request more than 3 times');
  });
});
