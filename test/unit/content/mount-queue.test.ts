/**
 * The mount queue of a long listing (issue 16): the first cards at once, the rest built off the
 * page in slices and attached in one task (one layout of the page, not one per slice), and a
 * reader who scrolls ahead of the slices gets the cards in view mounted in that scroll's task.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMountQueue, type MountSteps } from '../../../lib/content/mount-queue';
import { cardsInView, type ViewProbe } from '../../../lib/content/view-range';
import type { CardRef } from '../../../lib/sites/types';

const CARD_HEIGHT = 100;
const VIEW_HEIGHT = 1000;

/** `count` cards stacked 100 px apart; the probe places them against a scroll offset the test sets. */
function page(count: number) {
  const cards: CardRef[] = Array.from({ length: count }, (_, index) => ({ element: document.createElement('dd'), id: `2609.${String(index).padStart(5, '0')}`, title: `Paper ${index}` }));
  const position = new Map(cards.map((card, index) => [card.element, index * CARD_HEIGHT]));
  let scroll = 0;
  let listener: (() => void) | undefined;
  const probe: ViewProbe = {
    viewHeight: () => VIEW_HEIGHT,
    top: (element) => position.get(element)! - scroll,
    bottom: (element) => position.get(element)! + CARD_HEIGHT - scroll,
    onScroll(next, on) {
      listener = on ? next : undefined;
    },
  };
  return {
    cards,
    probe,
    scrollTo(offset: number) {
      scroll = offset;
      listener?.();
    },
    get listening() {
      return listener !== undefined;
    },
  };
}

/** Every call to the steps, in order, with the task (macrotask count) it ran in. */
function recordingSteps() {
  const calls: Array<{ step: 'prepare' | 'mount'; index: number; bulk?: boolean; task: number }> = [];
  let task = 0;
  const tick = setInterval(() => (task += 1), 0);
  const indexOf = (card: CardRef) => Number(card.id.slice(5));
  const steps: MountSteps = {
    prepare: (card) => calls.push({ step: 'prepare', index: indexOf(card), task }),
    mount: (card, bulk) => calls.push({ step: 'mount', index: indexOf(card), bulk, task }),
  };
  return { calls, steps, stop: () => clearInterval(tick) };
}

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));
function signal() {
  const controller = new AbortController();
  controllers.push(controller);
  return controller.signal;
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 10_000; waited += 10) await new Promise((done) => setTimeout(done, 10));
}

describe('the mount queue of a long listing', () => {
  it('mounts the first cards at once, builds the rest off the page, then attaches them all in one task', async () => {
    const { cards, probe } = page(500);
    const { calls, steps, stop } = recordingSteps();
    const queue = createMountQueue(steps, () => undefined, signal(), probe);
    const now = queue.add(cards);
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(100);
    expect(calls.map((call) => call.index)).toEqual(cards.slice(0, now).map((_, index) => index));
    expect(queue.size).toBe(500 - now);
    await until(() => queue.size === 0);
    stop();
    const bulk = calls.filter((call) => call.step === 'mount' && call.bulk);
    // Every card mounted once, in page order.
    expect(calls.filter((call) => call.step === 'mount').map((call) => call.index)).toEqual(cards.map((_, index) => index));
    // Built before being attached, and all the attaching in one task, after the last building.
    const built = calls.filter((call) => call.step === 'prepare');
    expect(built.map((call) => call.index)).toEqual(bulk.map((call) => call.index));
    expect(new Set(bulk.map((call) => call.task)).size).toBe(1);
    expect(calls.findIndex((call) => call.bulk)).toBeGreaterThan(calls.findLastIndex((call) => call.step === 'prepare'));
  });

  it('mounts the cards a scroll brings into view in that scroll, before the slices reach them', () => {
    const { cards, probe, scrollTo } = page(2000);
    const { calls, steps, stop } = recordingSteps();
    const queue = createMountQueue(steps, () => undefined, signal(), probe);
    queue.add(cards);
    calls.length = 0;
    scrollTo(150_000); // cards 1500 to 1509 fill the view
    stop();
    const mounted = calls.filter((call) => call.step === 'mount').map((call) => call.index);
    for (let index = 1500; index < 1510; index++) expect(mounted).toContain(index);
    expect(calls.every((call) => call.bulk === false)).toBe(true);
    expect(queue.has(cards[1505]!)).toBe(false);
    expect(queue.has(cards[1700]!)).toBe(true);
  });

  it('stops listening to scrolls once every card is mounted, and when the run ends', async () => {
    const first = page(300);
    const queue = createMountQueue(recordingSteps().steps, () => undefined, signal(), first.probe);
    queue.add(first.cards);
    expect(first.listening).toBe(true);
    await until(() => queue.size === 0);
    expect(first.listening).toBe(false);

    const second = page(300);
    const controller = new AbortController();
    createMountQueue(recordingSteps().steps, () => undefined, controller.signal, second.probe).add(second.cards);
    expect(second.listening).toBe(true);
    controller.abort();
    expect(second.listening).toBe(false);
  });
});

describe('cardsInView', () => {
  it('finds the cards in the view and half a view below it', () => {
    const { cards, probe, scrollTo } = page(2000);
    scrollTo(50_000);
    const found = cardsInView(cards, probe, 100).map((card) => Number(card.id.slice(5)));
    expect(found[0]).toBe(500);
    expect(found.at(-1)).toBe(515);
  });

  it('finds none when the first card is below the view, and at most `max`', () => {
    const { cards, probe, scrollTo } = page(2000);
    expect(cardsInView(cards.slice(100), probe, 100)).toEqual([]);
    scrollTo(10_000);
    expect(cardsInView(cards, probe, 5)).toHaveLength(5);
  });
});
