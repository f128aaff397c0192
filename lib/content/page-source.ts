import { MAX_PAGE_SOURCE_BYTES } from '../messaging/for-you-protocol';

/**
 * The bytes of the page being shown, from the browser's HTTP cache only (`only-if-cached`: never a
 * request to the site; undefined when the cache does not hold the page, or holds it for another
 * kind of request, or the page is larger than For you reads). Reading a response's body happens off
 * the page's main thread, so For you can hand the whole listing to its relay frame at the cost of
 * one transfer, where reading 2,000 entries' words from the DOM costs 55–80 ms of main thread.
 *
 * `mode: 'same-origin'` is what `only-if-cached` requires; a content script's fetch of its page is
 * same-origin in Chromium. In Firefox it is the extension's, and the page is read from the DOM.
 */
export async function cachedPageSource(fetcher: typeof fetch, url: string): Promise<Blob | undefined> {
  try {
    const response = await fetcher(url.replace(/#.*$/s, ''), { cache: 'only-if-cached', mode: 'same-origin', credentials: 'same-origin' });
    if (!response.ok || !/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_PAGE_SOURCE_BYTES) return undefined;
    // A Blob, not its bytes: its data stays with the browser, and handing it to the relay frame
    // passes a reference (an ArrayBuffer is copied into the message on this thread, 4–5 ms here).
    const page = await response.blob();
    return page.size <= MAX_PAGE_SOURCE_BYTES ? page : undefined;
  } catch {
    return undefined;
  }
}
