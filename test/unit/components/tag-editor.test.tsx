/**
 * The tag editor on its own: an ARIA combobox over the library's tags, used with the keyboard only
 * (and a few clicks). Rendered into an open shadow root, as on a listing page.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagEditor, type TagEditorProps } from '../../../components/TagEditor';
import type { TagCount } from '../../../lib/paper/tags';

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const LIBRARY: TagCount[] = [
  { tag: 'LLM', count: 12 },
  { tag: 'vision', count: 9 },
  { tag: 'to-read', count: 7 },
  { tag: 'Diffusion', count: 5 },
  { tag: 'television', count: 4 },
  { tag: 'RL', count: 3 },
  { tag: 'agents', count: 3 },
  { tag: 'vit', count: 2 },
  { tag: 'audio', count: 1 },
  { tag: 'robotics', count: 1 },
];

interface Mounted {
  root: ShadowRoot;
  input: HTMLInputElement;
  onChange: ReturnType<typeof vi.fn<(tags: string[]) => void>>;
  onClose: ReturnType<typeof vi.fn<() => void>>;
  /** Renders again with some props changed, as the content script does when the store answers. */
  rerender(props: Partial<TagEditorProps>): void;
}

function mount(props: Partial<TagEditorProps> = {}): Mounted {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const slot = root.appendChild(document.createElement('div'));
  const onChange = vi.fn<(tags: string[]) => void>();
  const onClose = vi.fn<() => void>();
  let current: TagEditorProps = { paperTitle: 'A Paper', tags: [], onChange, onClose, ...props };
  const draw = () => act(() => render(<TagEditor {...current} />, slot));
  draw();
  cleanups.push(() => {
    act(() => render(null, slot));
    host.remove();
  });
  const input = root.querySelector<HTMLInputElement>('input');
  if (!input) throw new Error('no input');
  return {
    root,
    input,
    onChange,
    onClose,
    rerender(next) {
      current = { ...current, ...next };
      draw();
    },
  };
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
}

function press(target: HTMLElement, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

/** The accessible name as a screen reader gets it: aria-hidden parts left out. */
function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function listbox(root: ShadowRoot, input: HTMLInputElement): HTMLElement {
  const id = input.getAttribute('aria-controls');
  const list = id ? root.getElementById(id) : null;
  if (!list) throw new Error('aria-controls names no element');
  return list;
}

/** The options shown (a collapsed list shows none). */
function options(root: ShadowRoot, input: HTMLInputElement): HTMLElement[] {
  const list = listbox(root, input);
  if (list.closest('[hidden]')) return [];
  return Array.from(list.querySelectorAll<HTMLElement>('[role="option"]'));
}

function optionNames(root: ShadowRoot, input: HTMLInputElement): string[] {
  return options(root, input).map(accessibleName);
}

/** The option's tag as seen: the name without the count. */
function optionTags(root: ShadowRoot, input: HTMLInputElement): string[] {
  return options(root, input).map((option) => option.querySelector('.option-tag')?.textContent ?? '');
}

function highlighted(root: ShadowRoot, input: HTMLInputElement): string | null {
  const id = input.getAttribute('aria-activedescendant');
  if (!id) return null;
  const option = root.getElementById(id);
  expect(option?.getAttribute('aria-selected')).toBe('true');
  return option ? accessibleName(option) : null;
}

function alertText(root: ShadowRoot): string | null {
  return root.querySelector('[role="alert"]')?.textContent ?? null;
}

describe('TagEditor as a combobox', () => {
  it('has the combobox roles and states wired up', () => {
    const { root, input } = mount({ suggestions: LIBRARY });
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-label')).toBe('Add a tag');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(listbox(root, input).getAttribute('role')).toBe('listbox');
    expect(root.activeElement).toBe(input);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('is collapsed when there is nothing to offer', () => {
    const { root, input } = mount();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(listbox(root, input).hidden).toBe(true);
    expect(options(root, input)).toEqual([]);
  });

  it('shows the eight most used tags for an empty, focused field, without the paper’s own', () => {
    const { root, input } = mount({ tags: ['vision'], suggestions: LIBRARY });
    expect(optionTags(root, input)).toEqual(['LLM', 'to-read', 'Diffusion', 'television', 'RL', 'agents', 'vit', 'audio']);
  });

  it('shows each count, and names the option "LLM, 12 papers"', () => {
    const { root, input } = mount({ suggestions: LIBRARY });
    const first = options(root, input)[0]!;
    expect(first.textContent).toContain('LLM· 12');
    expect(first.querySelector('.option-count')?.getAttribute('aria-hidden')).toBe('true');
    expect(accessibleName(first)).toBe('LLM, 12 papers');
    expect(accessibleName(options(root, input)[7]!)).toBe('vit, 2 papers');
    const single = mount({ suggestions: [{ tag: 'solo', count: 1 }] });
    expect(optionNames(single.root, single.input)).toEqual(['solo, 1 paper']);
  });

  it('filters case-insensitively: prefix matches first, then the rest, most used first in each', () => {
    const { root, input } = mount({ suggestions: LIBRARY });
    type(input, 'VI');
    expect(optionNames(root, input)).toEqual(['vision, 9 papers', 'vit, 2 papers', 'television, 4 papers', 'Create “VI”']);
  });

  it('offers "Create" only when the text is no known tag, whatever its case', () => {
    const { root, input } = mount({ tags: ['mine'], suggestions: LIBRARY });
    type(input, 'Vision');
    expect(optionNames(root, input)).toEqual(['vision, 9 papers', 'television, 4 papers']);
    type(input, 'MINE');
    expect(optionNames(root, input)).toEqual([]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    type(input, '  new   tag ');
    expect(optionNames(root, input)).toEqual(['Create “new tag”']);
  });

  it('shows suggestions that arrive after it opened, and keeps the highlight on its tag', () => {
    const { root, input, rerender } = mount();
    type(input, 'r');
    expect(optionNames(root, input)).toEqual(['Create “r”']);
    rerender({ suggestions: LIBRARY });
    expect(optionTags(root, input)).toEqual(['RL', 'robotics', 'to-read', 'Create “r”']);
    press(input, 'ArrowDown');
    press(input, 'ArrowDown');
    expect(highlighted(root, input)).toBe('robotics, 1 paper');
    rerender({ suggestions: [{ tag: 'robotics', count: 50 }, ...LIBRARY.filter((entry) => entry.tag !== 'robotics')] });
    expect(optionTags(root, input)[0]).toBe('robotics');
    expect(highlighted(root, input)).toBe('robotics, 50 papers');
  });
});

describe('TagEditor from the keyboard', () => {
  it('ArrowDown and ArrowUp move the highlight, wrapping around', () => {
    const { root, input } = mount({ suggestions: LIBRARY.slice(0, 3) });
    expect(press(input, 'ArrowDown').defaultPrevented).toBe(true);
    expect(highlighted(root, input)).toBe('LLM, 12 papers');
    press(input, 'ArrowDown');
    press(input, 'ArrowDown');
    expect(highlighted(root, input)).toBe('to-read, 7 papers');
    press(input, 'ArrowDown');
    expect(highlighted(root, input)).toBe('LLM, 12 papers');
    press(input, 'ArrowUp');
    expect(highlighted(root, input)).toBe('to-read, 7 papers');
  });

  it('ArrowUp with nothing highlighted goes to the last option', () => {
    const { root, input } = mount({ suggestions: LIBRARY });
    type(input, 'vi');
    press(input, 'ArrowUp');
    expect(highlighted(root, input)).toBe('Create “vi”');
  });

  it('Enter adds the highlighted tag in the library’s spelling and clears the field', () => {
    const { root, input, onChange } = mount({ tags: ['mine'], suggestions: LIBRARY });
    type(input, 'dif');
    press(input, 'ArrowDown');
    const event = press(input, 'Enter');
    expect(event.defaultPrevented).toBe(true);
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['mine', 'Diffusion']);
    expect(input.value).toBe('');
    expect(highlighted(root, input)).toBeNull();
  });

  it('Enter with nothing highlighted adds the typed text, cleaned', () => {
    const { input, onChange } = mount({ suggestions: LIBRARY });
    type(input, '  graph   neural nets ');
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['graph neural nets']);
  });

  it('typed text equal to a known tag takes the known spelling', () => {
    const { input, onChange } = mount({ suggestions: LIBRARY });
    type(input, 'llm');
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['LLM']);
  });

  it('the Create option adds the typed text', () => {
    const { root, input, onChange } = mount({ suggestions: LIBRARY });
    type(input, 'Vis');
    press(input, 'ArrowUp');
    expect(highlighted(root, input)).toBe('Create “Vis”');
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['Vis']);
  });

  it('comma adds the typed text, never the highlighted option, and never types a comma', () => {
    const { root, input, onChange } = mount({ suggestions: LIBRARY });
    type(input, 'vi');
    press(input, 'ArrowDown');
    expect(highlighted(root, input)).toBe('vision, 9 papers');
    const event = press(input, ',');
    expect(event.defaultPrevented).toBe(true);
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['vi']);
  });

  it('Tab completes a highlighted tag into the field and keeps the focus there', () => {
    const { root, input, onChange } = mount({ suggestions: LIBRARY });
    type(input, 'tel');
    press(input, 'ArrowDown');
    const event = press(input, 'Tab');
    expect(event.defaultPrevented).toBe(true);
    expect(input.value).toBe('television');
    expect(onChange).not.toHaveBeenCalled();
    expect(highlighted(root, input)).toBeNull();
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['television']);
  });

  it('Tab moves on as usual otherwise: nothing highlighted, the Create option, or Shift+Tab', () => {
    const { input } = mount({ suggestions: LIBRARY });
    type(input, 'vi');
    expect(press(input, 'Tab').defaultPrevented).toBe(false);
    press(input, 'ArrowUp'); // Create “vi”
    expect(press(input, 'Tab').defaultPrevented).toBe(false);
    press(input, 'ArrowDown'); // wraps to vision
    expect(press(input, 'Tab', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(input.value).toBe('vi');
  });

  it('Escape closes the list first, then the editor', () => {
    const { input, onClose } = mount({ suggestions: LIBRARY });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    press(input, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(onClose).not.toHaveBeenCalled();
    press(input, 'Escape');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('Escape closes the editor at once when no list is open', () => {
    const { input, onClose } = mount();
    press(input, 'Escape');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('ArrowDown opens a closed list again', () => {
    const { root, input } = mount({ suggestions: LIBRARY });
    press(input, 'Escape');
    press(input, 'ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(highlighted(root, input)).toBe('LLM, 12 papers');
  });

  it('Backspace in an empty field removes the last tag; in a non-empty one it edits the text', () => {
    const { input, onChange } = mount({ tags: ['a', 'b'] });
    type(input, 'x');
    press(input, 'Backspace');
    expect(onChange).not.toHaveBeenCalled();
    type(input, '');
    press(input, 'Backspace');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['a']);
  });

  it('typing clears the highlight, so Enter adds what was typed', () => {
    const { root, input, onChange } = mount({ suggestions: LIBRARY });
    type(input, 'v');
    press(input, 'ArrowDown');
    type(input, 'vx');
    expect(highlighted(root, input)).toBeNull();
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['vx']);
  });

  it('leaves Enter to an input method that is composing text', () => {
    const { input, onChange } = mount();
    type(input, 'きかい');
    press(input, 'Enter', { isComposing: true });
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('きかい');
  });

  it('keeps every keystroke from reaching the host page', () => {
    const { input } = mount({ suggestions: LIBRARY });
    const pageListener = vi.fn();
    document.addEventListener('keydown', pageListener);
    try {
      for (const key of ['j', 'ArrowDown', 'Enter', 'Tab', 'Escape', 'Backspace', ',']) press(input, key);
      expect(pageListener).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', pageListener);
    }
  });
});

describe('TagEditor adding and removing', () => {
  it('does not add a tag the paper has, whatever its case, and says nothing', () => {
    const { root, input, onChange } = mount({ tags: ['LLM'], suggestions: LIBRARY });
    type(input, 'llm');
    press(input, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('');
    expect(alertText(root)).toBeNull();
  });

  it('does nothing for an empty field', () => {
    const { root, input, onChange } = mount();
    press(input, 'Enter');
    type(input, '   ');
    press(input, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(alertText(root)).toBeNull();
  });

  it.each([
    ['x'.repeat(80), 'A tag is at most 64 characters (this one has 80).'],
    ['ideas, later', 'A tag cannot contain a comma: commas separate tags.'],
    ['bell\u0007', 'A tag cannot contain control characters.'],
  ])('refuses %j with a message, keeping the text to fix', (text, message) => {
    const { root, input, onChange } = mount();
    type(input, text);
    press(input, 'Enter');
    expect(onChange).not.toHaveBeenCalled();
    expect(alertText(root)).toBe(message);
    expect(input.value).toBe(text);
    // Fixing the text clears the message.
    type(input, 'fine');
    expect(alertText(root)).toBeNull();
    press(input, 'Enter');
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['fine']);
  });

  it('Done adds the text and closes, but stays open to show a refusal', () => {
    const { root, onChange, onClose, input } = mount();
    const done = Array.from(root.querySelectorAll('button')).find((button) => button.textContent === 'Done')!;
    type(input, 'a,b');
    act(() => done.click());
    expect(alertText(root)).toBe('A tag cannot contain a comma: commas separate tags.');
    expect(onClose).not.toHaveBeenCalled();
    type(input, 'later');
    act(() => done.click());
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['later']);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('a click on an option adds it, and the mousedown before it keeps the focus in the field', () => {
    const { root, input, onChange } = mount({ tags: ['x'], suggestions: LIBRARY });
    type(input, 'ag');
    const agents = options(root, input)[0]!;
    const mousedown = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    act(() => {
      agents.dispatchEvent(mousedown);
    });
    expect(mousedown.defaultPrevented).toBe(true);
    act(() => agents.click());
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['x', 'agents']);
    expect(root.activeElement).toBe(input);
  });

  it('names each remove button "Remove tag X" and removes that tag', () => {
    const { root, onChange } = mount({ tags: ['a', 'LLM', 'c'] });
    const buttons = Array.from(root.querySelectorAll('li button'));
    expect(buttons.map(accessibleName)).toEqual(['Remove tag a', 'Remove tag LLM', 'Remove tag c']);
    act(() => (buttons[1] as HTMLButtonElement).click());
    expect(onChange).toHaveBeenCalledExactlyOnceWith(['a', 'c']);
  });

  it('adds several tags in a row from the keyboard as the store confirms each', () => {
    const { root, input, onChange, rerender } = mount({ suggestions: LIBRARY });
    press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(onChange).toHaveBeenLastCalledWith(['LLM']);
    rerender({ tags: ['LLM'] });
    // The list stays open on the top tags, now without LLM.
    expect(optionTags(root, input)[0]).toBe('vision');
    type(input, 'RL');
    press(input, 'Enter');
    expect(onChange).toHaveBeenLastCalledWith(['LLM', 'RL']);
  });

  it('closes the list when the field loses focus and opens it when it gets it back', () => {
    const { input } = mount({ suggestions: LIBRARY });
    act(() => input.blur());
    expect(input.getAttribute('aria-expanded')).toBe('false');
    act(() => input.focus());
    expect(input.getAttribute('aria-expanded')).toBe('true');
  });
});
