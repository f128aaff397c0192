/**
 * Actions are taken only for Papershelf's own controls inside its own (closed) root: `data-action`
 * that a page writes on the host, on the card or on its own elements is never read, so the page
 * cannot turn the user's real clicks into saves or hides (security issue #13, part 3).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenForActions } from '../../../lib/content/action-listener';
import { HOST_ATTRIBUTE } from '../../../lib/content/card-mount';
import { ACTION_ATTRIBUTE } from '../../../lib/content/controls-view';
import { attachPrivateRoot } from '../../../lib/content/private-root';

let trusted = true;
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => trusted }));

afterEach(() => {
  document.body.replaceChildren();
  trusted = true;
});

function mountHost() {
  const card = document.body.appendChild(document.createElement('article'));
  const host = card.appendChild(document.createElement('div'));
  host.setAttribute(HOST_ATTRIBUTE, '');
  const root = attachPrivateRoot(host);
  const bar = root.appendChild(document.createElement('div'));
  const save = bar.appendChild(document.createElement('button'));
  save.setAttribute(ACTION_ATTRIBUTE, 'save');
  const act = vi.fn();
  listenForActions(root, { act });
  return { card, host, root, bar, save, act };
}

const click = (target: EventTarget) => target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));

describe('the action listener at a card\'s root', () => {
  it('acts for the control the user clicked inside the root, and the site never sees the click', () => {
    const { save, act } = mountHost();
    const seenBySite = vi.fn();
    document.addEventListener('click', seenBySite);
    click(save);
    expect(act).toHaveBeenCalledWith('save');
    expect(seenBySite).not.toHaveBeenCalled();
  });

  it('takes no action from data-action on the host, the card or any element of the page', () => {
    const { card, host, bar, act } = mountHost();
    host.setAttribute(ACTION_ATTRIBUTE, 'save');
    card.setAttribute(ACTION_ATTRIBUTE, 'hide');
    const overlay = document.body.appendChild(document.createElement('div'));
    overlay.setAttribute(ACTION_ATTRIBUTE, 'hide');
    // A click on the host's own area (the page stretched it over the window) and inside our bar,
    // which has no action of its own: the path holds the host's data-action further out.
    click(host);
    click(bar);
    click(card);
    click(overlay);
    expect(act).not.toHaveBeenCalled();
  });

  it('ignores a page script\'s click on the real control', () => {
    const { save, act } = mountHost();
    trusted = false;
    click(save);
    expect(act).not.toHaveBeenCalled();
  });

  it('keeps keys pressed on a control from the site\'s shortcuts, and lets other keys through', () => {
    const { save, bar, act } = mountHost();
    const seenBySite = vi.fn();
    document.addEventListener('keydown', seenBySite);
    save.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true }));
    expect(seenBySite).not.toHaveBeenCalled();
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true }));
    expect(seenBySite).toHaveBeenCalledTimes(1);
    expect(act).not.toHaveBeenCalled();
  });

  it('puts the controls in a closed root: the page\'s scripts get null', () => {
    const { host, root } = mountHost();
    expect(host.shadowRoot).toBeNull();
    expect(root.mode).toBe('closed');
  });
});
