/**
 * A listing page's own scripts cannot drive Papershelf: a `click()` on our buttons, keys dispatched
 * at the window, typing into an open tag editor, a click on the panel's Undo — none of them may
 * change the library (lib/content/user-input.ts). jsdom makes every event untrusted, so `isUserInput`
 * is switched here: the user's own presses first (trusted), then the page's (untrusted).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_ATTRIBUTE, HIDDEN_ATTRIBUTE } from '../../../lib/content/card-mount';
import { startPageTriage } from '../../../lib/content/page-triage';
import { createShadowStyler } from '../../../lib/content/shadow-styles';
import { ALPHA, BETA, button, card, click, idsWith, loadFixture, panelRoot, settle, shadowOf, startRun, stopAll } from './triage-harness';

let trusted = true;
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => trusted }));

const controllers: AbortController[] = [];
beforeEach(() => {
  loadFixture();
  trusted = true;
  Element.prototype.scrollIntoView = () => {};
});
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  stopAll();
});

function startPage() {
  const controller = new AbortController();
  controllers.push(controller);
  const started = startRun({ signal: controller.signal });
  const triage = startPageTriage({ listing: started.run, doc: document, win: window, stylePanel: createShadowStyler('', window), signal: controller.signal });
  triage.setContext({ rules: [], keyboardShortcuts: true });
  return started;
}

function press(key: string, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

describe('events from the page’s scripts', () => {
  it('the real check is the browser’s isTrusted flag', async () => {
    const real = await vi.importActual<typeof import('../../../lib/content/user-input')>('../../../lib/content/user-input');
    expect(real.isUserInput(new MouseEvent('click'))).toBe(false);
    expect(real.isUserInput({ isTrusted: true } as Event)).toBe(true);
  });

  it('a click() on Save, Hide or Tags changes nothing and sends nothing', async () => {
    const { mutations } = startPage();
    await settle();
    trusted = false;
    button(ALPHA, 'Save').click();
    click(button(ALPHA, 'Hide'));
    click(button(BETA, 'Tags'));
    await settle();
    expect(mutations()).toEqual([]);
    expect(button(ALPHA, 'Save').getAttribute('aria-pressed')).toBe('false');
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(shadowOf(BETA).querySelector('[role="dialog"]')).toBeNull();

    trusted = true; // the same click by the user works: the check above is what refused it
    button(ALPHA, 'Save').click();
    await settle();
    expect(mutations().map((request) => request.type)).toEqual(['content:save']);
  });

  it('keys dispatched at the page are left to the page: no move, no save, no hide, no help', async () => {
    const { mutations } = startPage();
    await settle();
    trusted = false;
    for (const key of ['j', 's', 'h', 't', '?']) expect(press(key).defaultPrevented, key).toBe(false);
    await settle();
    expect(idsWith(CURRENT_ATTRIBUTE)).toEqual([]);
    expect(mutations()).toEqual([]);
    expect(panelRoot().querySelector('[role="dialog"]')).toBeNull();
  });

  it('typing into a tag editor the user opened does not tag the paper', async () => {
    const { mutations } = startPage();
    await settle();
    click(button(BETA, 'Tags'));
    await settle();
    const input = shadowOf(BETA).querySelector<HTMLInputElement>('[role="dialog"] input')!;
    trusted = false;
    input.value = 'planted';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
    press('Enter', input);
    await settle();
    expect(mutations()).toEqual([]);

    trusted = true;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
    press('Enter', input);
    await settle();
    expect(mutations().map((request) => request.type)).toEqual(['content:setTags']);
  });

  it('a click on the panel’s Undo does not undo the user’s hide', async () => {
    const { mutations } = startPage();
    await settle();
    click(button(ALPHA, 'Hide'));
    await settle();
    const undo = [...panelRoot().querySelectorAll('button')].find((element) => element.textContent === 'Undo')!;
    expect(undo.hidden).toBe(false);
    trusted = false;
    undo.click();
    await settle();
    expect(mutations().map((request) => request.type)).toEqual(['content:hide']);
    expect(card(ALPHA).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
  });
});
