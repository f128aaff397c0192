import { keyTarget } from './private-root';

/** The listing-page keys, in the order the help overlay lists them. */
export const KEYMAP = [
  { key: 'j', does: 'keyNextPaper' },
  { key: 'k', does: 'keyPreviousPaper' },
  { key: 's', does: 'keySaveOrUnsave' },
  { key: 'h', does: 'keyHideAndNext' },
  { key: 't', does: 'keyEditTags' },
  { key: 'u', does: 'keyUndo' },
  { key: 'f', does: 'keyForYou' },
  { key: '?', does: 'keyHelp' },
] as const;

export type KeyCommand = 'next' | 'previous' | 'save' | 'hide' | 'tags' | 'undo' | 'forYou' | 'help' | 'close';

const COMMANDS: Readonly<Record<string, KeyCommand>> = {
  j: 'next',
  k: 'previous',
  s: 'save',
  h: 'hide',
  t: 'tags',
  u: 'undo',
  f: 'forYou',
  '?': 'help',
  Escape: 'close',
};

/**
 * The command a key press means, or undefined when Papershelf must leave it alone: with a modifier
 * (the browser's and the site's shortcuts), while composing text, and whenever the user is typing in
 * a field, the page's or ours (the event's real target, even inside a shadow root).
 */
export function commandFor(event: KeyboardEvent): KeyCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined;
  const command = COMMANDS[event.key];
  if (!command) return undefined;
  if (isTypingTarget(keyTarget(event))) return undefined;
  return command;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.isContentEditable) return true;
  const name = element.localName;
  if (name === 'textarea' || name === 'select') return true;
  if (name === 'input') {
    const type = (element as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(type);
  }
  return element.closest('[contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="searchbox"]') !== null;
}
