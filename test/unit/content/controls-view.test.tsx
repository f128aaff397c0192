/**
 * The per-card controls: `createControlsView` (a cloned template, for pages with thousands of
 * cards) with the Preact `TagEditor` opened from it. Rendered into an open shadow root as on a page.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenForActions } from '../../../lib/content/action-listener';
import { HOST_ATTRIBUTE } from '../../../lib/content/card-mount';
import { createControlsView, type ControlsCallbacks, type ControlsView } from '../../../lib/content/controls-view';
import type { PaperState } from '../../../lib/paper/model';
import type { CardDisplay } from '../../../lib/content/card-display';

// Every event jsdom dispatches is untrusted; here they stand for the user's (user-input.test.ts covers the page's).
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => true }));

const TITLE = 'Alpha: A Test Paper';
const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Setup {
  root: ShadowRoot;
  view: ControlsView;
  callbacks: { [K in keyof ControlsCallbacks]: ReturnType<typeof vi.fn> };
  update(state: PaperState | undefined, problem?: string): void;
  show(display: CardDisplay, problem?: string): void;
}

function setup(state: PaperState | undefined, title = TITLE): Setup {
  const host = document.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, '');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const callbacks = { onToggleSave: vi.fn(), onSetTags: vi.fn(), onToggleHide: vi.fn(), onReveal: vi.fn(), tagCounts: vi.fn(async () => []) };
  const view = createControlsView(root, () => title, callbacks);
  // Clicks reach the view as on a page: through the listener at its root.
  listenForActions(root, view);
  const show = (display: CardDisplay, problem?: string) => act(() => view.update(display, problem));
  const update = (next: PaperState | undefined, problem?: string) => show({ state: next, revealed: false }, problem);
  update(state);
  cleanups.push(() => {
    view.dispose();
    host.remove();
  });
  return { root, view, callbacks, update, show };
}

/** What is rendered: anything inside `[hidden]` is neither shown nor in the accessibility tree. */
function visible<T extends Element>(elements: Iterable<T>): T[] {
  return Array.from(elements).filter((element) => element.closest('[hidden]') === null);
}

function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttonNames(root: ParentNode): string[] {
  return visible(root.querySelectorAll('button')).map(accessibleName);
}

function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = visible(root.querySelectorAll('button')).filter((b) => accessibleName(b) === name);
  if (found.length !== 1) throw new Error(`expected one button named ${JSON.stringify(name)}, found ${found.length}`);
  return found[0]!;
}

function groups(root: ParentNode): Element[] {
  return visible(root.querySelectorAll('[role="group"]'));
}

function dialog(root: ParentNode): Element | null {
  return visible(root.querySelectorAll('[role="dialog"]'))[0] ?? null;
}

function statusText(root: ParentNode): string {
  return visible(root.querySelectorAll('[role="status"]'))
    .map((element) => element.textContent ?? '')
    .join('')
    .trim();
}

function click(element: HTMLElement) {
  act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
  });
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
}

function press(target: HTMLElement, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

function openEditor(root: ShadowRoot): HTMLInputElement {
  const tags = visible(root.querySelectorAll<HTMLButtonElement>('button[aria-expanded]'))[0];
  if (!tags) throw new Error('no Tags button');
  click(tags);
  const input = dialog(root)?.querySelector<HTMLInputElement>('input');
  if (!input) throw new Error('the tag editor did not open');
  return input;
}

describe('card controls', () => {
  it('show one "Papershelf" group with Save, Tags and Hide', () => {
    const { root } = setup({ saved: false, hidden: false, tags: [] });
    expect(groups(root).map((group) => group.getAttribute('aria-label'))).toEqual(['Papershelf']);
    expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Hide']);
    expect(statusText(root)).toBe('');
  });

  it('Save has aria-pressed reflecting the saved state', () => {
    const { root, update } = setup(undefined);
    expect(button(root, 'Save').getAttribute('aria-pressed')).toBe('false');
    update({ saved: true, hidden: false, tags: [] });
    expect(button(root, 'Save').getAttribute('aria-pressed')).toBe('true');
    update({ saved: false, hidden: false, tags: [] });
    expect(button(root, 'Save').getAttribute('aria-pressed')).toBe('false');
  });

  it('Save and Hide call their callbacks, once per click', () => {
    const { root, callbacks } = setup({ saved: false, hidden: false, tags: [] });
    click(button(root, 'Save'));
    expect(callbacks.onToggleSave).toHaveBeenCalledTimes(1);
    click(button(root, 'Hide'));
    expect(callbacks.onToggleHide).toHaveBeenCalledTimes(1);
    expect(callbacks.onSetTags).not.toHaveBeenCalled();
    expect(callbacks.onReveal).not.toHaveBeenCalled();
  });

  it('name the Tags button "Tags", or "Tags: a, b" when tagged, with the tags as chips', () => {
    const { root, update } = setup({ saved: false, hidden: false, tags: [] });
    expect(button(root, 'Tags').getAttribute('aria-expanded')).toBe('false');
    update({ saved: true, hidden: false, tags: ['a', 'b'] });
    expect(buttonNames(root)).toEqual(['Save', 'Tags: a, b', 'Hide']);
    expect(visible(root.querySelectorAll('.chip')).map((chip) => chip.textContent)).toEqual(['a', 'b']);
    update({ saved: true, hidden: false, tags: [] });
    expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Hide']);
    expect(visible(root.querySelectorAll('.chip'))).toHaveLength(0);
  });

  it('show a problem in words until the next update clears it', () => {
    const { root, update } = setup({ saved: false, hidden: false, tags: [] });
    update({ saved: false, hidden: false, tags: [] }, 'The browser says storage is full.');
    expect(statusText(root)).toBe('The browser says storage is full.');
    update({ saved: true, hidden: false, tags: [] });
    expect(statusText(root)).toBe('');
  });

  it('put tag text in as text, never as markup', () => {
    const { root, update } = setup(undefined);
    update({ saved: true, hidden: false, tags: ['<b>x</b>'] });
    expect(root.querySelector('b')).toBeNull();
    expect(visible(root.querySelectorAll('.chip'))[0]?.textContent).toBe('<b>x</b>');
  });

  describe('tag editor', () => {
    it('opens a dialog from Tags and focuses its input', () => {
      const { root } = setup({ saved: false, hidden: false, tags: [] });
      expect(dialog(root)).toBeNull();
      click(button(root, 'Tags'));
      const opened = dialog(root);
      expect(opened?.getAttribute('aria-label')).toBe(`Tags for ${TITLE}`);
      expect(button(root, 'Tags').getAttribute('aria-expanded')).toBe('true');
      expect(root.activeElement).toBe(opened?.querySelector('input'));
    });

    it('adds a trimmed tag on Enter and clears the input', () => {
      const { root, callbacks } = setup({ saved: true, hidden: false, tags: ['llm'] });
      const input = openEditor(root);
      type(input, '  vision ');
      const event = press(input, 'Enter');
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['llm', 'vision']);
      expect(event.defaultPrevented).toBe(true);
      expect(input.value).toBe('');
    });

    it('adds on comma too', () => {
      const { root, callbacks } = setup({ saved: false, hidden: false, tags: [] });
      const input = openEditor(root);
      type(input, 'rl');
      press(input, ',');
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['rl']);
    });

    it('shows the tags the store confirms', () => {
      const { root, update } = setup({ saved: false, hidden: false, tags: [] });
      openEditor(root);
      update({ saved: true, hidden: false, tags: ['x', 'y'] });
      expect(visible(dialog(root)!.querySelectorAll('li')).map((li) => li.querySelector('span')?.textContent)).toEqual(['x', 'y']);
    });

    it('ignores a case-insensitive duplicate and an empty draft', () => {
      const { root, callbacks } = setup({ saved: true, hidden: false, tags: ['LLM'] });
      const input = openEditor(root);
      type(input, 'llm');
      press(input, 'Enter');
      type(input, '   ');
      press(input, 'Enter');
      expect(callbacks.onSetTags).not.toHaveBeenCalled();
      expect(root.querySelector('[role="alert"]')).toBeNull();
    });

    it('Backspace in an empty input removes the last tag; in a non-empty one it does nothing', () => {
      const { root, callbacks } = setup({ saved: true, hidden: false, tags: ['a', 'b', 'c'] });
      const input = openEditor(root);
      type(input, 'draft');
      press(input, 'Backspace');
      expect(callbacks.onSetTags).not.toHaveBeenCalled();
      type(input, '');
      press(input, 'Backspace');
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['a', 'b']);
    });

    it('removes one tag with its remove button', () => {
      const { root, callbacks } = setup({ saved: true, hidden: false, tags: ['a', 'b', 'c'] });
      openEditor(root);
      click(button(root, 'Remove tag b'));
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['a', 'c']);
    });

    it('Escape closes the editor and returns focus to Tags', () => {
      const { root, callbacks } = setup({ saved: false, hidden: false, tags: [] });
      const input = openEditor(root);
      press(input, 'Escape');
      expect(dialog(root)).toBeNull();
      expect(root.activeElement).toBe(button(root, 'Tags'));
      expect(button(root, 'Tags').getAttribute('aria-expanded')).toBe('false');
      expect(callbacks.onSetTags).not.toHaveBeenCalled();
    });

    it('Tags toggles the editor closed again', () => {
      const { root } = setup({ saved: false, hidden: false, tags: [] });
      openEditor(root);
      click(button(root, 'Tags'));
      expect(dialog(root)).toBeNull();
    });

    it('keeps keystrokes from reaching the host page', () => {
      const { root } = setup({ saved: false, hidden: false, tags: [] });
      const pageListener = vi.fn();
      document.addEventListener('keydown', pageListener);
      try {
        press(openEditor(root), 'j');
        expect(pageListener).not.toHaveBeenCalled();
      } finally {
        document.removeEventListener('keydown', pageListener);
      }
    });

    it('rejects a 65-character tag with an alert, keeping the draft, without calling onSetTags', () => {
      const { root, callbacks } = setup({ saved: false, hidden: false, tags: [] });
      const input = openEditor(root);
      const long = 'x'.repeat(65);
      type(input, long);
      press(input, 'Enter');
      expect(callbacks.onSetTags).not.toHaveBeenCalled();
      expect(root.querySelector('[role="alert"]')?.textContent).toBe('A tag is at most 64 characters (this one has 65).');
      expect(input.value).toBe(long);

      // A 64-character tag is fine and clears the alert.
      type(input, 'y'.repeat(64));
      press(input, 'Enter');
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['y'.repeat(64)]);
      expect(root.querySelector('[role="alert"]')).toBeNull();
    });

    it('Done adds the draft and closes', () => {
      const { root, callbacks } = setup({ saved: false, hidden: false, tags: [] });
      const input = openEditor(root);
      type(input, 'later');
      click(button(root, 'Done'));
      expect(callbacks.onSetTags).toHaveBeenCalledExactlyOnceWith(['later']);
      expect(dialog(root)).toBeNull();
    });

    it('closes when the paper becomes hidden', () => {
      const { root, update } = setup({ saved: false, hidden: false, tags: [] });
      openEditor(root);
      update({ saved: false, hidden: true, tags: [] });
      expect(root.querySelector('[role="dialog"]')).toBeNull();
    });
  });

  describe('hidden', () => {
    const HOSTILE = 'Evil <img src=x onerror=alert(1)> title';

    it('render only the stub, with the title as text, and a Show button', () => {
      const { root, callbacks } = setup({ saved: true, hidden: true, tags: ['a'] }, HOSTILE);
      expect(root.querySelector('img')).toBeNull();
      const shown = groups(root);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.getAttribute('aria-label')).toBe('Papershelf');
      expect(shown[0]!.textContent).toContain(HOSTILE);
      expect(buttonNames(root)).toEqual(['Show']);
      click(button(root, 'Show'));
      expect(callbacks.onToggleHide).toHaveBeenCalledTimes(1);
      expect(callbacks.onReveal).not.toHaveBeenCalled();
    });

    it('go back to the full controls when shown again', () => {
      const { root, update } = setup({ saved: false, hidden: true, tags: [] });
      expect(buttonNames(root)).toEqual(['Show']);
      update({ saved: false, hidden: false, tags: [] });
      expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Hide']);
    });

    it('say which rule hid a paper, and Show reveals it for this page view instead of unhiding', () => {
      const { root, callbacks, show } = setup(undefined);
      show({ state: undefined, rule: { action: 'hide', label: '“diffusion”' }, revealed: false });
      expect(groups(root)[0]!.textContent).toContain('Hidden by rule “diffusion”');
      click(button(root, 'Show'));
      expect(callbacks.onReveal).toHaveBeenCalledTimes(1);
      expect(callbacks.onToggleHide).not.toHaveBeenCalled();
    });

    it('once revealed, show the full controls with the rule named, and Hide hides by hand', () => {
      const { root, callbacks, show } = setup(undefined);
      show({ state: undefined, rule: { action: 'hide', label: '“diffusion”' }, revealed: true });
      expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Hide']);
      expect(groups(root)[0]!.textContent).toContain('Hidden by rule “diffusion”');
      click(button(root, 'Hide'));
      expect(callbacks.onToggleHide).toHaveBeenCalledTimes(1);
    });

    it('offer Unhide on a paper hidden by hand that is shown for this page view', () => {
      const { root, show } = setup(undefined);
      show({ state: { saved: false, hidden: true, tags: [] }, revealed: true });
      expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Unhide']);
      show({ state: { saved: false, hidden: false, tags: [] }, revealed: true });
      expect(buttonNames(root)).toEqual(['Save', 'Tags', 'Hide']);
    });

    it('name the rule that dims or highlights a paper, and drop the note when the rule goes', () => {
      const { root, show } = setup(undefined);
      show({ state: undefined, rule: { action: 'highlight', label: 'author “LeCun”' }, revealed: false });
      expect(visible(root.querySelectorAll('.rule-note')).map((note) => note.textContent)).toEqual(['Highlighted by rule author “LeCun”']);
      show({ state: undefined, rule: { action: 'dim', label: 'category cs.CV' }, revealed: false });
      expect(visible(root.querySelectorAll('.rule-note')).map((note) => note.textContent)).toEqual(['Dimmed by rule category cs.CV']);
      show({ state: undefined, revealed: false });
      expect(visible(root.querySelectorAll('.rule-note'))).toHaveLength(0);
    });

    // Regression: the swapped-out group is only `hidden`, not removed, so its focused button could
    // stay `activeElement` and focus was left behind in a hidden group.
    it('keep keyboard focus on the card when Hide and Show swap the groups', () => {
      const { root, update } = setup({ saved: false, hidden: false, tags: [] });
      button(root, 'Hide').focus();
      expect(root.activeElement).toBe(button(root, 'Hide'));
      update({ saved: false, hidden: true, tags: [] });
      expect(root.activeElement).toBe(button(root, 'Show'));
      update({ saved: false, hidden: false, tags: [] });
      expect(root.activeElement).toBe(button(root, 'Save'));
    });
  });
});
