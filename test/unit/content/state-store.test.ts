import { describe, expect, it, vi } from 'vitest';
import { StateStore } from '../../../lib/content/state-store';
import type { PaperState } from '../../../lib/paper/model';

const A = '2409.00001';
const B = '2409.00002';
const saved: PaperState = { saved: true, hidden: false, tags: [] };

describe('StateStore', () => {
  it('stores applied states and answers get/has', () => {
    const store = new StateStore();
    expect(store.has(A)).toBe(false);
    expect(store.get(A)).toBeUndefined();
    store.apply({ [A]: saved });
    expect(store.has(A)).toBe(true);
    expect(store.get(A)).toEqual(saved);
    expect(store.has(B)).toBe(false);
  });

  it('notifies listeners only for states that changed', () => {
    const store = new StateStore();
    const listener = vi.fn();
    store.subscribe(listener, new AbortController().signal);

    store.apply({ [A]: saved, [B]: { saved: false, hidden: true, tags: ['x'] } });
    expect(listener.mock.calls).toEqual([
      [A, saved],
      [B, { saved: false, hidden: true, tags: ['x'] }],
    ]);

    listener.mockClear();
    // Equal by value (fresh objects): not news.
    store.apply({ [A]: { saved: true, hidden: false, tags: [] }, [B]: { saved: false, hidden: true, tags: ['x'] } });
    expect(listener).not.toHaveBeenCalled();

    // A tag change, a tag reorder, and a flag change are each news.
    store.apply({ [B]: { saved: false, hidden: true, tags: ['y'] } });
    store.apply({ [B]: { saved: false, hidden: true, tags: ['y', 'z'] } });
    store.apply({ [B]: { saved: false, hidden: true, tags: ['z', 'y'] } });
    store.apply({ [A]: { saved: false, hidden: false, tags: [] } });
    expect(listener.mock.calls.map(([id, state]) => [id, state])).toEqual([
      [B, { saved: false, hidden: true, tags: ['y'] }],
      [B, { saved: false, hidden: true, tags: ['y', 'z'] }],
      [B, { saved: false, hidden: true, tags: ['z', 'y'] }],
      [A, { saved: false, hidden: false, tags: [] }],
    ]);
    expect(store.get(A)?.saved).toBe(false);
  });

  it('notifies the first time an id is seen even with the empty state', () => {
    const store = new StateStore();
    const listener = vi.fn();
    store.subscribe(listener, new AbortController().signal);
    store.apply({ [A]: { saved: false, hidden: false, tags: [] } });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('releases a subscription when its signal aborts, and only that one', () => {
    const store = new StateStore();
    const first = vi.fn();
    const second = vi.fn();
    const controller = new AbortController();
    store.subscribe(first, controller.signal);
    store.subscribe(second, new AbortController().signal);
    expect(store.listenerCount).toBe(2);

    controller.abort();
    expect(store.listenerCount).toBe(1);
    store.apply({ [A]: saved });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('does not leak listeners over many subscribe/abort cycles', () => {
    const store = new StateStore();
    for (let i = 0; i < 100; i++) {
      const controller = new AbortController();
      store.subscribe(() => {}, controller.signal);
      controller.abort();
    }
    expect(store.listenerCount).toBe(0);
  });
});
