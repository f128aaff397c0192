/**
 * Calls `onChange` after the page's address changed without a page load (a single-page site's
 * pushState, replaceState, back and forward), once per new address, until `signal` aborts.
 *
 * Hugging Face is such a site: a reader who opens huggingface.co and clicks through to Papers
 * arrives without a load, so the content script runs on every huggingface.co page and waits here,
 * doing nothing else until the address is a listing's.
 *
 * A content script lives in an isolated world: it cannot see the page's own `history.pushState`
 * calls, so it cannot hook them. The Navigation API's `currententrychange` fires after each
 * same-document navigation has committed (so `location` already holds the new address, which
 * `navigate` does not guarantee); where the API is missing, `popstate` catches back and forward
 * and a check of `location.href` twice a second catches the rest (a string comparison: nothing
 * measurable).
 */
const POLL_MS = 500;

interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void, options: { signal: AbortSignal }): void;
}

export function watchLocation(win: Window, signal: AbortSignal, onChange: (url: URL) => void): void {
  let last = win.location.href;
  const check = () => {
    if (signal.aborted) return;
    const now = win.location.href;
    if (now === last) return;
    last = now;
    onChange(new URL(now));
  };
  const navigation = (win as Window & { navigation?: Partial<NavigationLike> }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
    return;
  }
  win.addEventListener('popstate', check, { signal });
  const timer = win.setInterval(check, POLL_MS);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
}
