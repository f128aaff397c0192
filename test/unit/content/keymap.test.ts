import { afterEach, describe, expect, it } from 'vitest';
import { commandFor, isTypingTarget, type KeyCommand } from '../../../lib/content/keymap';
import { attachPrivateRoot } from '../../../lib/content/private-root';

afterEach(() => {
  document.body.replaceChildren();
});

/**
 * What `commandFor` says about a key pressed on `target`, asked the way the content script asks:
 * from a capture listener on the window while the event is dispatched (composedPath() is only
 * filled during dispatch, and outside a shadow root the target is retargeted to the host).
 */
function commandAt(target: EventTarget, init: KeyboardEventInit): { command: KeyCommand | undefined; seenTarget: EventTarget | null } {
  let result: { command: KeyCommand | undefined; seenTarget: EventTarget | null } | undefined;
  const listener = (event: KeyboardEvent) => {
    result = { command: commandFor(event), seenTarget: event.target };
  };
  window.addEventListener('keydown', listener, { capture: true });
  try {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }));
  } finally {
    window.removeEventListener('keydown', listener, { capture: true });
  }
  if (!result) throw new Error('the keydown never reached the window');
  return result;
}

function add<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, parent: ParentNode = document.body): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent.append(element);
  return element;
}

describe('commandFor: which key means what', () => {
  const cases: Array<[string, KeyCommand]> = [
    ['j', 'next'],
    ['k', 'previous'],
    ['s', 'save'],
    ['h', 'hide'],
    ['t', 'tags'],
    ['u', 'undo'],
    ['?', 'help'],
    ['Escape', 'close'],
  ];
  it.each(cases)('%s → %s', (key, command) => {
    expect(commandAt(document.body, { key }).command).toBe(command);
  });

  it('? typed with Shift (as it must be on most layouts) still opens the help', () => {
    expect(commandAt(document.body, { key: '?', shiftKey: true }).command).toBe('help');
  });

  it('other keys mean nothing', () => {
    for (const key of ['a', 'x', 'Enter', ' ', 'ArrowDown', 'Tab', '/', 'Shift']) {
      expect(commandAt(document.body, { key }).command, key).toBeUndefined();
    }
  });
});

describe('commandFor: keys Papershelf must leave alone', () => {
  it.each([
    ['Ctrl', { ctrlKey: true }],
    ['Meta', { metaKey: true }],
    ['Alt', { altKey: true }],
  ] as const)('with %s held (the browser’s and the site’s shortcuts)', (_name, modifier) => {
    for (const key of ['j', 'k', 's', 'h', 't', 'u', '?']) {
      expect(commandAt(document.body, { key, ...modifier }).command, key).toBeUndefined();
    }
  });

  it('while an input method is composing text', () => {
    expect(commandAt(document.body, { key: 'j', isComposing: true }).command).toBeUndefined();
    expect(commandAt(document.body, { key: 'j', isComposing: false }).command).toBe('next');
  });

  it.each(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date'])('while the user types in <input type=%s>', (type) => {
    const input = add('input', { type });
    expect(commandAt(input, { key: 'j' }).command).toBeUndefined();
    expect(commandAt(input, { key: 's' }).command).toBeUndefined();
  });

  it('in an <input> with no type (a text field)', () => {
    expect(commandAt(add('input'), { key: 'h' }).command).toBeUndefined();
  });

  it('in a textarea and a select', () => {
    expect(commandAt(add('textarea'), { key: 'h' }).command).toBeUndefined();
    const select = add('select');
    add('option', {}, select).textContent = 'one';
    expect(commandAt(select, { key: 'h' }).command).toBeUndefined();
  });

  it('in a contenteditable element and anything inside it', () => {
    const editable = add('div', { contenteditable: 'true' });
    const inner = add('p', {}, editable);
    expect(commandAt(editable, { key: 'j' }).command).toBeUndefined();
    expect(commandAt(inner, { key: 'j' }).command).toBeUndefined();
    const bare = add('div', { contenteditable: '' });
    expect(commandAt(add('span', {}, bare), { key: 'k' }).command).toBeUndefined();
  });

  it('in a custom text field (role=textbox, role=combobox) and inside one', () => {
    const textbox = add('div', { role: 'textbox', tabindex: '0' });
    expect(commandAt(textbox, { key: 'j' }).command).toBeUndefined();
    expect(commandAt(add('span', {}, textbox), { key: 'j' }).command).toBeUndefined();
    expect(commandAt(add('div', { role: 'combobox', tabindex: '0' }), { key: 'j' }).command).toBeUndefined();
  });

  it('in an input inside an open shadow root, although the window only sees the host', () => {
    const host = add('div');
    const root = host.attachShadow({ mode: 'open' });
    const input = add('input', { type: 'text' }, root);
    const seen = commandAt(input, { key: 'j' });
    // Retargeted: judging by event.target alone would have let the key through.
    expect(seen.seenTarget).toBe(host);
    expect(seen.command).toBeUndefined();
    // A button in the same shadow root is no field: the key works there.
    const shadowButton = add('button', { type: 'button' }, root);
    expect(commandAt(shadowButton, { key: 'j' }).command).toBe('next');
  });

  it('in the tag field inside one of Papershelf\'s closed roots, which the event path does not show', () => {
    const host = add('div');
    const root = attachPrivateRoot(host);
    const input = add('input', { type: 'text' }, root);
    input.focus();
    const seen = commandAt(input, { key: 'j' });
    expect(seen.seenTarget).toBe(host);
    expect(seen.command).toBeUndefined();
    const button = add('button', { type: 'button' }, root);
    button.focus();
    expect(commandAt(button, { key: 'j' }).command).toBe('next');
  });

  it('in a contenteditable inside an open shadow root', () => {
    const root = add('div').attachShadow({ mode: 'open' });
    const editable = add('div', { contenteditable: 'true' }, root);
    expect(commandAt(add('span', {}, editable), { key: 'h' }).command).toBeUndefined();
  });
});

describe('commandFor: controls that are not text fields keep the keys', () => {
  it.each(['checkbox', 'radio', 'button', 'submit', 'reset', 'range'])('<input type=%s>', (type) => {
    expect(commandAt(add('input', { type }), { key: 'j' }).command).toBe('next');
  });

  it('<button>, links and plain elements', () => {
    expect(commandAt(add('button'), { key: 's' }).command).toBe('save');
    expect(commandAt(add('a', { href: '#x' }), { key: 's' }).command).toBe('save');
    expect(commandAt(add('article'), { key: 'h' }).command).toBe('hide');
  });

  it('contenteditable="false" inside nothing editable is not a field', () => {
    expect(commandAt(add('div', { contenteditable: 'false' }), { key: 'j' }).command).toBe('next');
  });

  // Hugging Face's upvote control is a <div role="checkbox"> around a disabled checkbox input.
  it('the site’s role=checkbox vote control', () => {
    const vote = add('div', { role: 'checkbox' });
    expect(commandAt(add('input', { type: 'checkbox' }, vote), { key: 'j' }).command).toBe('next');
    expect(commandAt(vote, { key: 'j' }).command).toBe('next');
  });
});

describe('isTypingTarget', () => {
  it('is false for null, the window and the document', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(window)).toBe(false);
    expect(isTypingTarget(document)).toBe(false);
  });
});
