// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { cachedPageSource } from '../../../lib/content/page-source';
import { MAX_PAGE_SOURCE_BYTES } from '../../../lib/messaging/for-you-protocol';

const html = (body: BodyInit, headers: Record<string, string> = {}) => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('the page\'s bytes from the browser\'s cache', () => {
  it('asks the cache only, for the page without its fragment, and gives its bytes', async () => {
    const fetcher = vi.fn(async () => html('<dl></dl>'));
    const page = await cachedPageSource(fetcher as unknown as typeof fetch, 'https://arxiv.org/list/cs.GR/new#item3');
    expect(await page?.text()).toBe('<dl></dl>');
    expect(fetcher).toHaveBeenCalledWith('https://arxiv.org/list/cs.GR/new', { cache: 'only-if-cached', mode: 'same-origin', credentials: 'same-origin' });
  });

  it('gives nothing when the cache does not hold the page, holds something else, or holds too much', async () => {
    const cases: Array<() => Promise<Response>> = [
      async () => {
        throw new TypeError('Failed to fetch'); // not in the cache (or not a same-origin request: Firefox)
      },
      async () => new Response('gone', { status: 504 }),
      async () => new Response('{}', { headers: { 'content-type': 'application/json' } }),
      async () => html('<dl></dl>', { 'content-length': String(MAX_PAGE_SOURCE_BYTES + 1) }),
      async () => html(new Uint8Array(MAX_PAGE_SOURCE_BYTES + 1)),
    ];
    for (const answer of cases) expect(await cachedPageSource(answer as unknown as typeof fetch, 'https://arxiv.org/list/cs.GR/new')).toBeUndefined();
  });
});
