/**
 * The listing keymap (issue 4) end to end in jsdom: a listing run on daily-mini.html wired to the
 * page triage (panel, undo log, keymap) exactly as the content script wires them, keys dispatched
 * as the browser would. jsdom has no layout (every rect is zeros) and no scrollIntoView: both are
 * stubbed where a test needs them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_ATTRIBUTE, HIDDEN_ATTRIBUTE } from '../../../lib/content/card-mount';
import { startPageTriage } from '../../../lib/content/page-triage';
import { createShadowStyler } from '../../../lib/content/shadow-styles';
import { focusedElement, privateRootOf } from '../../../lib/content/private-root';
import type { PageContext } from '../../../lib/messaging/protocol';
import type { PaperState } from '../../../lib/paper/model';
import {
  ALPHA,
  BETA,
  DIPHOTON,
  EPSILON,
  button,
  card,
  click,
  hostOf,
  idsWith,
  isShown,
  loadFixture,
  panelRoot,
  rule,
  settle,
  shadowOf,
  startRun,
  stopAll,
} from './triage-harness';

// Every event jsdom dispatches is untrusted; here they stand for the user's (user-input.test.ts covers the page's).
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => true }));

const KEYS_ON: PageContext = { rules: [], keyboardShortcuts: true };
const KEYS_OFF: PageContext = { rules: [], keyboardShortcuts: false };

const triageControllers: AbortController[] = [];
let scrolled: Element[] = [];
const originalScrollIntoView = Element.prototype.scrollIntoView;

beforeEach(() => {
  loadFixture();
  scrolled = [];
  // jsdom does not implement it; record which element was scrolled to.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});
afterEach(() => {
  for (const controller of triageControllers.splice(0)) controller.abort();
  stopAll();
  Element.prototype.scrollIntoView = originalScrollIntoView;
  vi.restoreAllMocks();
});

/** A listing run with its page triage, as `startContent` wires them. */
function startPage(library: Record<string, PaperState> = {}, context: PageContext = KEYS_ON) {
  const controller = new AbortController();
  triageControllers.push(controller);
  const started = startRun({ library, signal: controller.signal });
  const triage = startPageTriage({ listing: started.run, doc: document, win: window, stylePanel: createShadowStyler('', window), signal: controller.signal });
  triage.setContext(context);
  return { ...started, triage, pageController: controller };
}

/** A key pressed with focus on `target` (the page's body by default). Returns the event. */
function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const current = () => idsWith(CURRENT_ATTRIBUTE);

/** The element that has focus, looking inside the cards' and the panel's shadow roots. */
function focused(): Element | null {
  return focusedElement(document);
}

/** The card (by id) and the control's name that hold focus, e.g. `['0704.0001', 'Save']`. */
function focusedControl(): [string, string] | undefined {
  const element = focused();
  if (!element) return undefined;
  const root = element.getRootNode();
  if (!(root instanceof ShadowRoot)) return undefined;
  const article = root.host.parentElement;
  return [article?.getAttribute('data-papershelf-id') ?? '?', (element.textContent ?? '').trim()];
}

function stubRect(element: Element, top: number, bottom: number) {
  vi.spyOn(element, 'getBoundingClientRect').mockReturnValue({
    top,
    bottom,
    left: 0,
    right: 800,
    width: 800,
    height: bottom - top,
    x: 0,
    y: top,
    toJSON: () => ({}),
  } as DOMRect);
}

function helpDialog(): HTMLElement | null {
  return panelRoot().querySelector<HTMLElement>('[role="dialog"]');
}

function toastText(): string {
  return panelRoot().querySelector('.toast-text')?.textContent ?? '';
}

describe('j and k', () => {
  it('move the current card in document order, focus its first control and scroll to it', async () => {
    startPage();
    await settle();
    expect(current()).toEqual([]);

    press('j');
    expect(current()).toEqual([ALPHA]);
    expect(focusedControl()).toEqual([ALPHA, 'Save']);
    expect(scrolled).toEqual([card(ALPHA)]);

    press('j');
    expect(current()).toEqual([DIPHOTON]);
    expect(focusedControl()).toEqual([DIPHOTON, 'Save']);
    press('j');
    press('j');
    expect(current()).toEqual([EPSILON]);

    press('k');
    expect(current()).toEqual([BETA]);
    expect(focusedControl()).toEqual([BETA, 'Save']);
    expect(scrolled.at(-1)).toBe(card(BETA));
  });

  it('k on the first card and j on the last stay where they are', async () => {
    startPage();
    await settle();
    press('j');
    press('k');
    expect(current()).toEqual([ALPHA]);
    press('k');
    expect(current()).toEqual([ALPHA]);
    for (let i = 0; i < 6; i++) press('j');
    expect(current()).toEqual([EPSILON]);
  });

  it('k before any j goes to the first card on screen too', async () => {
    startPage();
    await settle();
    press('k');
    expect(current()).toEqual([ALPHA]);
  });

  it('skip cards collapsed by a rule or by hand', async () => {
    const { triage } = startPage({ [BETA]: { saved: false, hidden: true, tags: [] } });
    await settle();
    triage.setContext({ rules: [rule('hide', 'text', 'diphoton')], keyboardShortcuts: true });
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON, BETA]);

    press('j');
    press('j');
    expect(current()).toEqual([EPSILON]);
    press('k');
    expect(current()).toEqual([ALPHA]);
  });

  it('keep their place when the site re-renders the current card’s contents', async () => {
    startPage();
    await settle();
    press('j');
    press('j');
    expect(current()).toEqual([DIPHOTON]);
    hostOf(card(DIPHOTON)).remove(); // the site re-renders the card's children
    await settle();
    expect(hostOf(card(DIPHOTON))).toBeTruthy(); // mounted again
    press('j');
    expect(current()).toEqual([BETA]);
  });

  it('never land on a card the site removed', async () => {
    startPage();
    await settle();
    press('j');
    card(DIPHOTON).remove();
    await settle();
    press('j');
    expect(current()).toEqual([BETA]);
    expect(focusedControl()).toEqual([BETA, 'Save']);
  });

  it('take the site’s own handlers out of the way (default prevented, propagation stopped)', async () => {
    startPage();
    await settle();
    const siteHandler = vi.fn();
    document.addEventListener('keydown', siteHandler);
    const event = press('j');
    expect(event.defaultPrevented).toBe(true);
    expect(siteHandler).not.toHaveBeenCalled();
    // A key that is not ours reaches the site untouched.
    const other = press('x');
    expect(other.defaultPrevented).toBe(false);
    expect(siteHandler).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', siteHandler);
  });
});

describe('h, s and t act on the current card', () => {
  it('h hides the current card and moves on to the next visible one', async () => {
    const { mutations } = startPage();
    await settle();
    press('j');
    press('h');
    expect(mutations()).toEqual([{ type: 'content:hide', paper: expect.objectContaining({ id: ALPHA }) }]);
    expect(card(ALPHA).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(current()).toEqual([DIPHOTON]);
    expect(focusedControl()).toEqual([DIPHOTON, 'Save']);

    // Hiding again skips the hidden one on the way back: k from DIPHOTON has nowhere to go.
    press('h');
    expect(current()).toEqual([BETA]);
    press('k');
    expect(current()).toEqual([BETA]);
  });

  it('h on the last visible card hides it; k then goes to the card before it', async () => {
    const { mutations } = startPage();
    await settle();
    for (let i = 0; i < 4; i++) press('j');
    expect(current()).toEqual([EPSILON]);
    press('h');
    await settle();
    expect(mutations().at(-1)).toEqual({ type: 'content:hide', paper: expect.objectContaining({ id: EPSILON }) });
    // The keyboard goes back from there to the card before it.
    press('k');
    expect(current()).toEqual([BETA]);
  });

  it('h on a hidden paper shown for this page view unhides it and stays', async () => {
    const { run, mutations } = startPage({ [ALPHA]: { saved: false, hidden: true, tags: [] } });
    await settle();
    run.setRevealAll(true);
    press('j');
    expect(current()).toEqual([ALPHA]);
    press('h');
    await settle();
    expect(mutations()).toEqual([{ type: 'content:unhide', id: ALPHA }]);
    expect(current()).toEqual([ALPHA]);
  });

  it('s saves the current card', async () => {
    const { mutations } = startPage();
    await settle();
    press('j');
    press('j');
    press('s');
    expect(mutations()).toEqual([{ type: 'content:save', paper: expect.objectContaining({ id: DIPHOTON }) }]);
    expect(button(DIPHOTON, 'Save').getAttribute('aria-pressed')).toBe('true');
    expect(current()).toEqual([DIPHOTON]);
  });

  it('t opens the tag editor of the current card', async () => {
    const { mutations } = startPage();
    await settle();
    press('j');
    press('j');
    press('j');
    press('t');
    await settle();
    expect(shadowOf(BETA).querySelector('[role="dialog"]')).not.toBeNull();
    expect(button(BETA, 'Tags').getAttribute('aria-expanded')).toBe('true');
    expect(shadowOf(ALPHA).querySelector('[role="dialog"]')).toBeNull();
    expect(mutations()).toEqual([]);
  });

  it('s before any j acts on the first card on screen (jsdom: all rects are zeros, so the first card)', async () => {
    const { mutations } = startPage();
    await settle();
    press('s');
    expect(mutations()).toEqual([{ type: 'content:save', paper: expect.objectContaining({ id: ALPHA }) }]);
    expect(current()).toEqual([ALPHA]);
  });

  it('s before any j skips cards scrolled above the viewport', async () => {
    const { mutations } = startPage();
    await settle();
    stubRect(card(ALPHA), -900, 0); // scrolled past: its bottom edge is the viewport's top
    stubRect(card(DIPHOTON), -20, 400); // partly on screen: the first the reader sees
    stubRect(card(BETA), 400, 800);
    stubRect(card(EPSILON), 800, 1200);
    press('s');
    expect(mutations()).toEqual([{ type: 'content:save', paper: expect.objectContaining({ id: DIPHOTON }) }]);
    expect(current()).toEqual([DIPHOTON]);
    // And j continues from there.
    press('j');
    expect(current()).toEqual([BETA]);
  });

  it('j before any j starts at the first card on screen', async () => {
    startPage();
    await settle();
    stubRect(card(ALPHA), -900, -20);
    stubRect(card(DIPHOTON), -20, 400);
    press('j');
    expect(current()).toEqual([DIPHOTON]);
  });
});

describe('keys the user types into fields', () => {
  it('do nothing in an input of the page', async () => {
    const { mutations } = startPage();
    await settle();
    const search = document.createElement('input');
    search.type = 'search';
    document.body.prepend(search);
    search.focus();
    for (const key of ['j', 's', 'h', 't', 'u', '?']) {
      const event = press(key, search);
      expect(event.defaultPrevented, key).toBe(false);
    }
    await settle();
    expect(current()).toEqual([]);
    expect(mutations()).toEqual([]);
    expect(helpDialog()).toBeNull();
    expect(toastText()).toBe('');
  });

  it('do nothing in a contenteditable of the page', async () => {
    const { mutations } = startPage();
    await settle();
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true'); // jsdom has no contentEditable property
    document.body.append(editor);
    press('j', editor);
    press('h', editor);
    expect(current()).toEqual([]);
    expect(mutations()).toEqual([]);
  });

  it('do nothing in Papershelf’s own tag editor (inside the card’s shadow root)', async () => {
    const { mutations } = startPage();
    await settle();
    press('j');
    press('t');
    await settle();
    const input = shadowOf(ALPHA).querySelector<HTMLInputElement>('[role="dialog"] input');
    expect(input).not.toBeNull();
    input!.focus();
    press('s', input!);
    press('h', input!);
    press('j', input!);
    await settle();
    expect(mutations()).toEqual([]);
    expect(current()).toEqual([ALPHA]);
  });
});

describe('the keyboardShortcuts setting', () => {
  it('off: no key does anything and the site keeps its own keys; back on: they work again', async () => {
    const { triage, mutations } = startPage({}, KEYS_OFF);
    await settle();
    const siteHandler = vi.fn();
    document.addEventListener('keydown', siteHandler);
    try {
      for (const key of ['j', 's', 'h', '?']) expect(press(key).defaultPrevented, key).toBe(false);
      await settle();
      expect(current()).toEqual([]);
      expect(mutations()).toEqual([]);
      expect(helpDialog()).toBeNull();
      expect(siteHandler).toHaveBeenCalledTimes(4);

      triage.setContext(KEYS_ON);
      press('j');
      expect(current()).toEqual([ALPHA]);
      expect(siteHandler).toHaveBeenCalledTimes(4);

      triage.setContext(KEYS_OFF);
      expect(current(), 'the outline goes with the keys').toEqual([]);
      press('j');
      expect(current()).toEqual([]);
      expect(siteHandler).toHaveBeenCalledTimes(5);
    } finally {
      document.removeEventListener('keydown', siteHandler);
    }
  });

  it('turned on twice listens once (one j moves one card)', async () => {
    const { triage } = startPage();
    await settle();
    triage.setContext(KEYS_ON);
    triage.setContext(KEYS_ON);
    press('j');
    press('j');
    expect(current()).toEqual([DIPHOTON]);
  });

  it('turning the keys off closes the help', async () => {
    const { triage } = startPage();
    await settle();
    press('?');
    expect(isShown(helpDialog()!)).toBe(true);
    triage.setContext(KEYS_OFF);
    expect(helpDialog()!.hidden).toBe(true);
  });

  it('leaving the page (abort) stops the keys', async () => {
    const { pageController } = startPage();
    await settle();
    pageController.abort();
    expect(press('j').defaultPrevented).toBe(false);
  });
});

describe('? and the help overlay', () => {
  it('opens a dialog named "Papershelf keys" listing every key; Escape closes it and gives focus back', async () => {
    startPage();
    await settle();
    press('j');
    expect(focusedControl()).toEqual([ALPHA, 'Save']);

    press('?');
    const dialog = helpDialog();
    expect(dialog).not.toBeNull();
    expect(isShown(dialog!)).toBe(true);
    const labelId = dialog!.getAttribute('aria-labelledby');
    expect(labelId).toBeTruthy();
    expect(panelRoot().getElementById(labelId!)?.textContent).toBe('Papershelf keys');
    const keys = Array.from(dialog!.querySelectorAll('kbd')).map((kbd) => kbd.textContent);
    expect(keys).toEqual(['j', 'k', 's', 'h', 't', 'u', 'f', '?']);
    // Each key says what it does.
    for (const row of dialog!.querySelectorAll('tr')) expect(row.querySelector('td')?.textContent?.length).toBeGreaterThan(3);
    expect(focused()).toBe(dialog);

    const escape = press('Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(dialog!.hidden).toBe(true);
    expect(focusedControl()).toEqual([ALPHA, 'Save']);
  });

  it('? again closes it; Escape without the help leaves the page’s Escape alone', async () => {
    startPage();
    await settle();
    expect(press('Escape').defaultPrevented).toBe(false);
    press('?');
    expect(isShown(helpDialog()!)).toBe(true);
    press('?');
    expect(helpDialog()!.hidden).toBe(true);
  });

  it('its Close button closes it', async () => {
    startPage();
    await settle();
    press('?');
    const close = Array.from(helpDialog()!.querySelectorAll('button')).find((b) => b.textContent === 'Close');
    expect(close).toBeDefined();
    click(close!);
    expect(helpDialog()!.hidden).toBe(true);
  });
});

describe('u', () => {
  it('undoes the last hide, and says so', async () => {
    const { mutations } = startPage();
    await settle();
    press('j');
    press('h');
    await settle();
    expect(toastText()).toBe('Hid “Alpha: A Test Paper for Card Reading”');
    expect(card(ALPHA).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');

    press('u');
    await settle();
    expect(mutations().map((request) => request.type)).toEqual(['content:hide', 'content:unhide']);
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(toastText()).toBe('Undone: Hid “Alpha: A Test Paper for Card Reading”');
  });

  it('undoes the newest action first, one per press', async () => {
    const { mutations, library } = startPage();
    await settle();
    press('j');
    press('s'); // save ALPHA
    press('j');
    press('h'); // hide DIPHOTON
    await settle();
    press('u');
    await settle();
    expect(library[DIPHOTON]?.hidden).toBe(false);
    expect(library[ALPHA]?.saved).toBe(true);
    press('u');
    await settle();
    expect(library[ALPHA]?.saved).toBe(false);
    expect(mutations().map((request) => request.type)).toEqual(['content:save', 'content:hide', 'content:unhide', 'content:unsave']);
  });

  it('with nothing to undo says so and sends nothing', async () => {
    const { mutations } = startPage();
    await settle();
    press('u');
    await settle();
    expect(toastText()).toBe('Nothing to undo.');
    expect(mutations()).toEqual([]);
  });

  it('the toast’s Undo button does the same', async () => {
    const { library } = startPage();
    await settle();
    press('j');
    press('h');
    await settle();
    const undo = Array.from(panelRoot().querySelectorAll<HTMLButtonElement>('.toast button')).find((b) => b.textContent === 'Undo');
    expect(undo && isShown(undo)).toBe(true);
    click(undo!);
    await settle();
    expect(library[ALPHA]?.hidden).toBe(false);
  });
});

describe('the current card follows focus', () => {
  it('tabbing or clicking into another card’s controls makes it current; j continues from there', async () => {
    startPage();
    await settle();
    press('j');
    expect(current()).toEqual([ALPHA]);

    button(BETA, 'Tags').focus();
    expect(current()).toEqual([BETA]);
    // Focus stays where the user put it.
    expect(focusedControl()).toEqual([BETA, 'Tags']);
    press('j');
    expect(current()).toEqual([EPSILON]);
  });

  it('focus in the page outside any card changes nothing', async () => {
    startPage();
    await settle();
    press('j');
    const link = card(DIPHOTON).querySelector<HTMLAnchorElement>('h3 a')!;
    link.focus();
    expect(current()).toEqual([ALPHA]);
  });

  it('only one card is ever current', async () => {
    startPage();
    await settle();
    press('j');
    button(EPSILON, 'Save').focus();
    button(DIPHOTON, 'Hide').focus();
    press('j');
    expect(current()).toEqual([BETA]);
    expect(document.querySelectorAll(`[${CURRENT_ATTRIBUTE}]`)).toHaveLength(1);
    expect(privateRootOf(hostOf(card(BETA)))?.activeElement?.textContent).toBe('Save');
  });
});
