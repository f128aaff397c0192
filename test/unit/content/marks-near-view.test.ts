import { describe, expect, it, vi } from 'vitest';
import type { CardMount } from '../../../lib/content/card-mount';
import type { Relevance } from '../../../lib/content/controls-view';
import { createMarksNearView, type ObserverFactory } from '../../../lib/content/marks-near-view';

/** A card whose drawn marks are recorded (undefined: taken away). */
function cardMount(id: string) {
  const shown: Array<Relevance | undefined> = [];
  const mount = { card: { id, title: id, element: document.createElement('dd') }, showRelevance: (relevance: Relevance | undefined) => shown.push(relevance) } as unknown as CardMount;
  return { mount, shown };
}

/** An IntersectionObserver the test drives: `enter`/`leave` report a card's element as near the view or not. */
function fakeObserver() {
  let callback: IntersectionObserverCallback | undefined;
  const observed = new Set<Element>();
  const options: IntersectionObserverInit[] = [];
  const disconnect = vi.fn(() => observed.clear());
  const factory: ObserverFactory = (given, init) => {
    callback = given;
    options.push(init);
    return { observe: (element) => void observed.add(element), unobserve: (element) => void observed.delete(element), disconnect };
  };
  const report = (element: Element, isIntersecting: boolean) => {
    if (!observed.has(element)) return;
    callback!([{ target: element, isIntersecting } as IntersectionObserverEntry], {} as IntersectionObserver);
  };
  return { factory, observed, options, disconnect, enter: (element: Element) => report(element, true), leave: (element: Element) => report(element, false) };
}

const relevance = (level: number): Relevance => ({ level, label: `Relevance ${level * 20} of 100` });

describe('For you marks near the view', () => {
  it('draws a mark once its card comes near the view, working out its words only then', () => {
    const observer = fakeObserver();
    const marks = createMarksNearView(observer.factory, new AbortController().signal);
    const { mount, shown } = cardMount('2409.00001');
    const words = vi.fn(() => relevance(3));
    marks.show(mount, words);
    expect(shown).toEqual([]);
    expect(words).not.toHaveBeenCalled();
    expect(observer.observed.has(mount.card.element)).toBe(true);
    observer.leave(mount.card.element);
    expect(shown).toEqual([]);
    observer.enter(mount.card.element);
    expect(shown).toEqual([relevance(3)]);
    expect(words).toHaveBeenCalledTimes(1);
    // Drawn, it is no longer watched.
    expect(observer.observed.has(mount.card.element)).toBe(false);
    // "Near" reaches a view's height above and below.
    expect(observer.options[0]!.rootMargin).toBe('100% 0px 100% 0px');
  });

  it('redraws a drawn mark at once when the card gets a new score', () => {
    const observer = fakeObserver();
    const marks = createMarksNearView(observer.factory, new AbortController().signal);
    const { mount, shown } = cardMount('2409.00002');
    marks.show(mount, () => relevance(1));
    observer.enter(mount.card.element);
    marks.show(mount, () => relevance(4));
    expect(shown).toEqual([relevance(1), relevance(4)]);
  });

  it('a card still waiting takes the newest score only', () => {
    const observer = fakeObserver();
    const marks = createMarksNearView(observer.factory, new AbortController().signal);
    const { mount, shown } = cardMount('2409.00003');
    marks.show(mount, () => relevance(1));
    marks.show(mount, () => relevance(2));
    observer.enter(mount.card.element);
    expect(shown).toEqual([relevance(2)]);
  });

  it('remove and clear take drawn marks away and stop waiting for the others', () => {
    const observer = fakeObserver();
    const marks = createMarksNearView(observer.factory, new AbortController().signal);
    const near = cardMount('2409.00004');
    const far = cardMount('2409.00005');
    const gone = cardMount('2409.00006');
    for (const { mount } of [near, far, gone]) marks.show(mount, () => relevance(2));
    observer.enter(near.mount.card.element);
    marks.remove(gone.mount);
    expect(observer.observed.has(gone.mount.card.element)).toBe(false);
    expect(gone.shown).toEqual([]);
    marks.clear();
    expect(near.shown).toEqual([relevance(2), undefined]);
    expect(far.shown).toEqual([]);
    expect(observer.observed.size).toBe(0);
    // Nothing waits any more: coming near the view draws nothing.
    observer.enter(far.mount.card.element);
    expect(far.shown).toEqual([]);
  });

  it('without IntersectionObserver every mark is drawn at once', () => {
    const marks = createMarksNearView(undefined, new AbortController().signal);
    const { mount, shown } = cardMount('2409.00007');
    marks.show(mount, () => relevance(5));
    expect(shown).toEqual([relevance(5)]);
  });

  it('stops watching when the run ends', () => {
    const observer = fakeObserver();
    const controller = new AbortController();
    createMarksNearView(observer.factory, controller.signal);
    controller.abort();
    expect(observer.disconnect).toHaveBeenCalledTimes(1);
  });
});
