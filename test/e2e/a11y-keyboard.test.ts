import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, closeSession, launch, type Session } from './harness.ts';
import { papershelfAXTree } from './ax-tree.ts';
import { FOCUS_RING } from './focus-ring.ts';

/**
 * The popup by keyboard alone: Tab reaches every control, the arrows every row, each focused
 * control shows a focus ring of at least 2 px whose colour has 3:1 against what is behind it (WCAG
 * 2.2, 2.4.7 and 1.4.11; axe does not check focus), in light and dark; the tag editor opens and
 * closes from the keyboard and focus goes back to the row; the result count and the Undo are
 * announced (polite live regions); nothing moves with `prefers-reduced-motion: reduce`.
 */
const T = 1_780_000_000_000;
const PAPERS = [1, 2, 3].map((n) => ({
  entry: `2403.0000${n}`,
  metadata: { id: `arxiv:2403.0000${n}`, title: `Keyboard Paper ${n}`, authors: ['Ada Keys'], abstract: 'Keys.', publishedAt: '2024-02-02' },
  tags: n === 1 ? ['keys'] : [],
  saved: true,
  savedAt: T + n,
}));

/**
 * An element in words, enough to tell the controls apart (a radio by its group and value). Source
 * evaluated in the page, so no transform of this file can leak into it.
 */
const DESCRIBE = `(element) => {
  const name = element.getAttribute('aria-label') ?? element.textContent.trim().slice(0, 40);
  const radio = element.type === 'radio' ? ' ' + element.name + '=' + element.value : '';
  return (element.getAttribute('role') ?? element.tagName.toLowerCase()) + ' "' + name + '"' + radio;
}`;

interface FocusStop {
  /** Role and name, enough to tell the stops apart. */
  what: string;
  outline: string;
  /** Contrast of the outline colour against the first opaque background behind it. */
  contrast: number;
}

/** The focused element, its ring and the ring's contrast, measured in the page. */
function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    return { what: (${DESCRIBE})(element), ...(${FOCUS_RING})(element) };
  })()`);
}

/** The controls a keyboard user should reach with Tab: enabled, shown, in the tab order (one per radio group). */
function tabbable(page: Page): Promise<string[]> {
  return page.evaluate((describe) =>
    Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'))
      .filter((element) => element.tabIndex >= 0 && !element.matches(':disabled') && element.getClientRects().length > 0)
      .filter((element) => !(element instanceof HTMLInputElement && element.type === 'radio' && !element.checked))
      .map((0, eval)(describe) as (element: Element) => string),
  DESCRIBE);
}

describe.skipIf(!BROWSER_PATH)('the popup by keyboard, with what a screen reader hears', () => {
  let session: Session;
  let popup: Page;
  const search = () => popup.getByRole('searchbox', { name: 'Search papers' });
  const activeTitle = () => popup.evaluate(() => document.activeElement?.closest('[role="row"]')?.querySelector('.paper-title')?.textContent ?? null);

  beforeAll(async () => {
    session = await launch();
    const page = await session.openPopup();
    type Runtime = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    const reply = await page.evaluate((papers) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: 'ui:import', papers, mode: 'merge' }), PAPERS);
    expect(reply).toMatchObject({ ok: true });
    await page.close();
    popup = await session.openPopup();
    await popup.getByText('3 of 3 saved papers', { exact: true }).waitFor();
  });
  afterAll(() => closeSession(session));

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`Tab reaches every control, each with a visible focus ring of 3:1 (${colorScheme})`, async () => {
      await popup.emulateMedia({ colorScheme });
      await search().focus();
      await search().press('ArrowDown'); // a row is active: its links and buttons join the tab order
      // From the top of the page, Tab by Tab until the focus leaves the page or comes round again.
      // (A click on the heading moves the sequential focus starting point there.)
      await popup.getByRole('heading', { name: 'Papershelf' }).click();
      const expected = await tabbable(popup);
      const reached: FocusStop[] = [];
      for (let stop = 0; stop < 40; stop++) {
        await popup.keyboard.press('Tab');
        const now = await focusStop(popup);
        if (!now || reached.some((seen) => seen.what === now.what)) break;
        reached.push(now);
      }
      expect(reached.map((stop) => stop.what).sort()).toEqual([...expected].sort());
      const weak = reached.filter((stop) => stop.contrast < 3);
      expect(weak, `focus rings under 3:1 or thinner than 2 px:\n${weak.map((stop) => `${stop.what}: ${stop.outline} (${stop.contrast.toFixed(2)}:1)`).join('\n')}`).toEqual([]);
      await popup.emulateMedia({ colorScheme: 'light' });
    });
  }

  test('the arrows move between rows; t opens the tag editor, Escape closes it and focus returns to the row', async () => {
    await search().focus();
    await search().press('ArrowDown');
    expect(await activeTitle()).toBe('Keyboard Paper 3');
    await popup.keyboard.press('ArrowDown');
    expect(await activeTitle()).toBe('Keyboard Paper 2');
    await popup.keyboard.press('t');
    const field = popup.getByRole('combobox', { name: /^Add a tag/ });
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    await popup.keyboard.press('Escape');
    if (await field.count()) await popup.keyboard.press('Escape');
    await field.waitFor({ state: 'detached' });
    await expect.poll(activeTitle).toBe('Keyboard Paper 2');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
  });

  test('the result count is a polite live region that says the new count after a search; a deletion\'s Undo is in a status', async () => {
    const tree = () => papershelfAXTree(popup);
    await search().fill('Paper 1');
    await popup.getByText('1 of 3 saved papers', { exact: true }).waitFor();
    expect((await tree()).liveRegions).toContainEqual(expect.objectContaining({ name: '', states: expect.objectContaining({ live: 'polite' }) }));
    expect(await popup.locator('[aria-live="polite"]').filter({ hasText: '1 of 3 saved papers' }).count()).toBe(1);
    await search().fill('');
    await popup.getByText('3 of 3 saved papers', { exact: true }).waitFor();

    await search().press('ArrowDown');
    await popup.keyboard.press('Delete');
    await popup.getByRole('status').getByRole('button', { name: 'Undo' }).waitFor();
    const status = (await tree()).liveRegions.find((region) => region.role === 'status');
    expect(status?.buttons).toEqual(['Undo']);
    // Undo is reached by Tab from the list.
    let onUndo = false;
    for (let stop = 0; stop < 20 && !onUndo; stop++) {
      await popup.keyboard.press('Tab');
      onUndo = await popup.evaluate(() => document.activeElement?.textContent === 'Undo');
    }
    expect(onUndo).toBe(true);
    await popup.keyboard.press('Enter');
    await popup.getByText('3 of 3 saved papers', { exact: true }).waitFor();
  });

  test('prefers-reduced-motion: reduce leaves nothing animated or transitioned in the popup and the library page', async () => {
    const moving = (page: Page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('*')).filter((element) => {
          const style = getComputedStyle(element);
          const long = (durations: string) => durations.split(',').some((duration) => Number.parseFloat(duration) > 0);
          return long(style.transitionDuration) || (style.animationName !== 'none' && long(style.animationDuration));
        }).length,
      );
    const { page: library } = await session.openLibrary();
    for (const page of [popup, library]) {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      expect(await moving(page)).toBe(0);
    }
    await library.close();
  });
});
