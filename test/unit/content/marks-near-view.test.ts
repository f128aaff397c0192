import { describe, expect, it, vi } from 'vitest';
import type { CardMount } from '../../../lib/content/card-mount';
import type { Relevance } from '../../../lib/content/controls-view';
import { createMarksNearView, NEAR } from '../../../lib/content/marks-near-view';
import type { ViewProbe } from '../../../lib/content/view-range';

const CARD_HEIGHT = 100;
const VIEW_HEIGHT = 1000;

/** A card whose drawn marks are recorded (undefined: taken away). */
function cardMount(index: number) {
  const shown: Array<Relevance | undefined> = [];
  const id = `2409.${String(index).padStart(5, '0')}`;
  const mount = { card: { id, title: id, element: document.createElement('dd') }, showRelevance: (relevance: Relevance | undefined) => shown.push(relevance) } as unknown as CardMount;
  return { mount, shown };
}

/**
 * `count` cards stacked 100 px apart in a 1000 px view the test scrolls, and frames the test runs:
 * the view options For you hands the marks.
 */
function page(count: number) {
  const cards = Array.from({ length: count }, (_, index) => cardMount(index));
  const position = new Map(cards.map(({ mount }, index) => [mount.card.element, index * CARD_HEIGHT]));
  let scroll = 0;
  let listener: (() => void) | undefined;
  let reads = 0;
  const probe: ViewProbe = {
    viewHeight: () => VIEW_HEIGHT,
    top: (element) => (reads++, position.get(element)! - scroll),
    bottom: (element) => (reads++, position.get(element)! + CARD_HEIGHT - scroll),
    onScroll(next, on) {
      listener = on ? next : undefined;
    },
  };
  let frame: (() => void) | undefined;
  const afterNextFrame = vi.fn((look: () => void) => {
    frame = look;
    return () => (frame = undefined);
  });
  return {
    cards,
    view: { probe, afterNextFrame, inPageOrder: () => cards.map(({ mount }) => mount) },
    scrollTo(offset: number) {
      scroll = offset;
      listener?.();
    },
    /** Runs the frame asked for, if any; true when there was one. */
    nextFrame() {
      const look = frame;
      frame = undefined;
      look?.();
      return look !== undefined;
    },
    get listening() {
      return listener !== undefined;
    },
    get reads() {
      return reads;
    },
  };
}

/** The marks' values here are the words themselves, worked out when drawn. */
const workedOut = (words: () => Relevance) => words();
const relevance = (level: number): Relevance => ({ level, label: `Relevance ${level * 20} of 100` });
const drawnOf = (cards: ReturnType<typeof page>['cards']) => cards.flatMap(({ shown }, index) => (shown.length > 0 ? [index] : []));

describe('For you marks near the view', () => {
  it('draws the marks of the cards within a view’s height of the view once the next frame is drawn, working out their words only then', () => {
    const site = page(2000);
    site.scrollTo(50_000); // cards 500–509 are in the view
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    const words = site.cards.map(() => vi.fn(() => relevance(3)));
    site.cards.forEach(({ mount }, index) => marks.show(mount, words[index]!));
    expect(drawnOf(site.cards)).toEqual([]);
    // One look for all 2,000 marks.
    expect(site.view.afterNextFrame).toHaveBeenCalledTimes(1);
    site.nextFrame();
    // A view's height above (cards whose bottom is below 49,000) to a view's height below (tops up to 52,000).
    expect(drawnOf(site.cards)).toEqual(Array.from({ length: 31 }, (_, index) => 490 + index));
    expect(NEAR.above).toBe(1);
    expect(NEAR.below).toBe(1);
    expect(words[489]).not.toHaveBeenCalled();
    expect(words[500]).toHaveBeenCalledTimes(1);
    // A binary search and one read per card drawn, not one per card of the page.
    expect(site.reads).toBeLessThan(60);
  });

  it('draws the others as the reader scrolls to them, once per frame, and stops listening once every mark is drawn', () => {
    const site = page(40);
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    for (const { mount } of site.cards) marks.show(mount, () => relevance(2));
    site.nextFrame();
    expect(drawnOf(site.cards)).toEqual(Array.from({ length: 21 }, (_, index) => index));
    expect(site.listening).toBe(true);
    site.scrollTo(500);
    site.scrollTo(1000);
    // Two scroll events, one look after the next frame.
    expect(site.view.afterNextFrame).toHaveBeenCalledTimes(2);
    site.nextFrame();
    expect(drawnOf(site.cards)).toEqual(Array.from({ length: 31 }, (_, index) => index));
    site.scrollTo(3000);
    site.nextFrame();
    expect(drawnOf(site.cards)).toHaveLength(40);
    expect(site.listening).toBe(false);
    site.scrollTo(0);
    expect(site.nextFrame()).toBe(false);
  });

  it('counts a look that drew marks in For you’s page time, and leaves no entry for one that drew none', () => {
    const site = page(100);
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    performance.clearMeasures('papershelf:scores');
    for (const { mount } of site.cards) marks.show(mount, () => relevance(2));
    site.nextFrame();
    site.scrollTo(50); // no card comes near: the cards near the view have their marks already
    site.nextFrame();
    const looks = performance.getEntriesByName('papershelf:scores') as PerformanceMeasure[];
    expect(looks.map((entry) => entry.detail)).toEqual([{ cards: 21 }]);
    performance.clearMeasures('papershelf:scores');
  });

  it('redraws a drawn mark at once when the card gets a new score', () => {
    const site = page(3);
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    const { mount, shown } = site.cards[0]!;
    marks.show(mount, () => relevance(1));
    site.nextFrame();
    marks.show(mount, () => relevance(4));
    expect(shown).toEqual([relevance(1), relevance(4)]);
  });

  it('a card still waiting takes the newest score only', () => {
    const site = page(3);
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    const { mount, shown } = site.cards[0]!;
    marks.show(mount, () => relevance(1));
    marks.show(mount, () => relevance(2));
    site.nextFrame();
    expect(shown).toEqual([relevance(2)]);
  });

  it('remove and clear take drawn marks away and stop waiting for the others', () => {
    const site = page(100);
    const marks = createMarksNearView(site.view, new AbortController().signal, workedOut);
    const near = site.cards[0]!;
    const far = site.cards[90]!;
    const gone = site.cards[91]!;
    for (const { mount } of [near, far, gone]) marks.show(mount, () => relevance(2));
    site.nextFrame();
    marks.remove(gone.mount);
    expect(gone.shown).toEqual([]);
    marks.clear();
    expect(near.shown).toEqual([relevance(2), undefined]);
    expect(far.shown).toEqual([]);
    expect(site.listening).toBe(false);
    // Nothing waits any more: coming near the view draws nothing.
    site.scrollTo(9000);
    site.nextFrame();
    expect(far.shown).toEqual([]);
  });

  it('without a view to look at every mark is drawn at once', () => {
    const marks = createMarksNearView(undefined, new AbortController().signal, workedOut);
    const { mount, shown } = cardMount(7);
    marks.show(mount, () => relevance(5));
    expect(shown).toEqual([relevance(5)]);
  });

  it('stops looking and listening when the run ends', () => {
    const site = page(100);
    const controller = new AbortController();
    const marks = createMarksNearView(site.view, controller.signal, workedOut);
    marks.show(site.cards[0]!.mount, () => relevance(2));
    expect(site.listening).toBe(true);
    controller.abort();
    expect(site.listening).toBe(false);
    expect(site.nextFrame()).toBe(false);
    expect(site.cards[0]!.shown).toEqual([]);
  });
});
