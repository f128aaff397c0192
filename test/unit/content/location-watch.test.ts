import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchLocation } from '../../../lib/content/location-watch';

/**
 * The address watcher the content script relies on to follow a single-page site. jsdom has no
 * Navigation API, so this drives the fallback (popstate and a cheap poll); the e2e tests
 * (test/e2e/spa-navigation.test.ts, test/e2e-firefox/spa-navigation.test.ts) drive the real one.
 */
describe('watchLocation', () => {
  afterEach(() => {
    vi.useRealTimers();
    history.replaceState(null, '', '/');
  });

  it('reports each new address once, after it is in location, and stops when aborted', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const controller = new AbortController();
    watchLocation(window, controller.signal, (url) => seen.push(`${url.pathname} ${location.pathname}`));
    history.pushState(null, '', '/papers/date/2026-09-28');
    vi.advanceTimersByTime(600);
    vi.advanceTimersByTime(600);
    history.pushState(null, '', '/papers/week/2026-W39');
    history.replaceState(null, '', '/models');
    vi.advanceTimersByTime(600);
    expect(seen).toEqual(['/papers/date/2026-09-28 /papers/date/2026-09-28', '/models /models']);

    controller.abort();
    history.pushState(null, '', '/papers/trending');
    vi.advanceTimersByTime(2_000);
    expect(seen).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the Navigation API where the browser has one, and no timer', () => {
    vi.useFakeTimers();
    const listeners: Array<() => void> = [];
    const fake = Object.create(window, {
      navigation: { value: { addEventListener: (_type: string, listener: () => void) => listeners.push(listener) } },
      location: { value: window.location },
    }) as Window;
    const seen: string[] = [];
    watchLocation(fake, new AbortController().signal, (url) => seen.push(url.pathname));
    expect(vi.getTimerCount()).toBe(0);
    history.pushState(null, '', '/papers');
    listeners.forEach((listener) => listener());
    expect(seen).toEqual(['/papers']);
  });
});
