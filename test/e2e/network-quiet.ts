import type { Page, Request } from 'playwright-core';

/**
 * What each page is still loading. A captured page's lazy images start loading when a click scrolls
 * them into view, and each one that fails (nothing but the page itself is served) lays the page out
 * again when it fails: seconds later on a loaded machine. A click aimed before that can land on
 * whatever moved under the pointer, a link of the card for instance, so clicks wait for the page's
 * requests to settle first (controls.ts).
 */
const loading = new WeakMap<Page, Set<Request>>();

/** Follows the page's requests from now on (the harness calls it for every page of a session). */
export function trackRequests(page: Page): void {
  if (loading.has(page)) return;
  const requests = new Set<Request>();
  loading.set(page, requests);
  page.on('request', (request) => requests.add(request));
  page.on('requestfinished', (request) => requests.delete(request));
  page.on('requestfailed', (request) => requests.delete(request));
}

/** Waits until the page loads nothing (at most `timeout` ms; a page not followed does not wait). */
export async function networkQuiet(page: Page, timeout = 5_000): Promise<void> {
  const requests = loading.get(page);
  const deadline = Date.now() + timeout;
  while (requests && requests.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}
