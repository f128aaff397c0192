// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_STEPS_MS } from '../../../lib/metadata/backoff';
import { fetchNetwork, parseRetryAfter } from '../../../lib/metadata/network';
import { arxivQueryUrl, hfPaperUrl } from '../../../lib/metadata/requests';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('fetchNetwork', () => {
  it('sends no cookies and reports status, body and Retry-After', async () => {
    const calls: RequestInit[] = [];
    const network = fetchNetwork({
      fetch: async (_url, init) => {
        calls.push(init ?? {});
        return new Response('Rate exceeded.', { status: 503, headers: { 'Retry-After': '7' } });
      },
    });
    expect(await network.fetchText('https://export.arxiv.org/api/query?id_list=1706.03762&max_results=1')).toEqual({ status: 503, text: 'Rate exceeded.', retryAfter: 7 });
    expect(calls[0]).toMatchObject({ method: 'GET', credentials: 'omit' });
    expect(calls[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('lets a TypeError through: that is how the queue knows the browser is offline', async () => {
    const network = fetchNetwork({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(network.fetchText('https://huggingface.co/api/papers/2409.12345')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('request URLs', () => {
  it('builds arXiv and Hugging Face URLs from canonical ids only', () => {
    expect(arxivQueryUrl(['1706.03762', 'hep-th/9711200'])).toBe('https://export.arxiv.org/api/query?id_list=1706.03762,hep-th/9711200&max_results=2');
    expect(() => arxivQueryUrl(['1706.03762v2'])).toThrow(RangeError);
    expect(hfPaperUrl('2409.12345')).toBe('https://huggingface.co/api/papers/2409.12345');
    expect(() => hfPaperUrl('hep-th/9711200')).toThrow(RangeError);
  });
});

describe('backoffDelay', () => {
  it('follows the steps, stays at the last, and jitters by at most 20 %', () => {
    const exact = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 60].map((failures) => backoffDelay(failures, exact))).toEqual([...BACKOFF_STEPS_MS, 21_600_000, 21_600_000]);
    expect(backoffDelay(1, () => 0)).toBe(24_000);
    expect(backoffDelay(1, () => 0.999_999)).toBe(36_000);
  });
});
