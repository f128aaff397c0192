import { HOST_ATTRIBUTE, type CardMount } from './card-mount';
import { isCollapsed } from './card-display';
import { commandFor } from './keymap';
import { isUserInput } from './user-input';

export interface KeyboardTriageOptions {
  win: Window;
  /** The page's cards in document order. */
  mounts(): CardMount[];
  mountOfHost(host: Element): CardMount | undefined;
  undo(): void;
  /** Switches the page between For you and the site's order (lib/content/for-you.ts). */
  toggleForYou?(): void;
  toggleHelp(): void;
  /** Closes the help overlay; false when it was not open. */
  closeHelp(): boolean;
  signal: AbortSignal;
}

/**
 * j/k/s/h/t/u/? on a listing page. The card the keys act on is "current": the one j/k moved to, or
 * the one whose controls the user tabbed or clicked into. It carries an outline and its first
 * control has focus, so the keyboard position is visible and Enter/Space work as usual.
 */
export function startKeyboardTriage(options: KeyboardTriageOptions): void {
  const { win, signal } = options;
  let current: CardMount | undefined;

  const setCurrent = (mount: CardMount | undefined, focus: boolean) => {
    if (current && current !== mount) current.setCurrent(false);
    current = mount;
    if (!mount) return;
    mount.setCurrent(true, focus);
    if (focus) mount.card.element.scrollIntoView({ block: 'nearest' });
  };

  // Keys turned off (or the page left): the outline marked a keyboard position that no longer exists.
  signal.addEventListener('abort', () => setCurrent(undefined, false), { once: true });

  const visibleCards = () => options.mounts().filter((mount) => !isCollapsed(mount.display));
  /**
   * The current card's mount, or the one that replaced it when the site re-rendered the card, so
   * that j/k go on from where the reader is rather than from the first card on screen.
   */
  const alive = (mount: CardMount | undefined) => {
    if (!mount || mount.isIntact()) return mount;
    const now = options.mounts();
    return now.find((other) => other.card.element === mount.card.element) ?? now.find((other) => other.card.id === mount.card.id);
  };

  /** The first card at least partly on screen: where a reader who has not pressed j yet is looking. */
  const firstOnScreen = (cards: CardMount[]) =>
    cards.find((mount) => mount.card.element.getBoundingClientRect().bottom > 0) ?? cards[0];

  const step = (direction: 1 | -1): CardMount | undefined => {
    const cards = visibleCards();
    const from = alive(current);
    if (!from) return firstOnScreen(cards);
    const index = cards.indexOf(from);
    if (index >= 0) return cards[index + direction] ?? from;
    // The current card collapsed (hidden): go to its neighbour in document order.
    const after = cards.findIndex((mount) => from.card.element.compareDocumentPosition(mount.card.element) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (direction === 1) return after >= 0 ? cards[after] : cards.at(-1);
    return after > 0 ? cards[after - 1] : after === -1 ? cards.at(-1) : cards[0];
  };

  /** s, h and t before any j: they act on the first card on screen. */
  const target = (): CardMount | undefined => {
    const mount = alive(current) ?? firstOnScreen(visibleCards());
    if (mount !== current) setCurrent(mount, true);
    return mount;
  };

  win.addEventListener(
    'keydown',
    (event) => {
      // Keys a page script dispatches are the page's business, never a Papershelf command.
      if (!isUserInput(event)) return;
      const command = commandFor(event);
      if (!command) return;
      if (command === 'close') {
        if (options.closeHelp()) event.preventDefault();
        return;
      }
      // The site's own shortcuts do not run under ours.
      event.preventDefault();
      event.stopImmediatePropagation();
      switch (command) {
        case 'next':
        case 'previous':
          setCurrent(step(command === 'next' ? 1 : -1), true);
          break;
        case 'save':
          target()?.act('save');
          break;
        case 'tags':
          target()?.act('tags');
          break;
        case 'hide': {
          const mount = target();
          if (!mount) break;
          const hiding = !mount.display.state?.hidden;
          const next = hiding ? step(1) : undefined;
          mount.act('hide');
          // Like archiving a mail: the next paper comes up.
          if (next && next !== mount) setCurrent(next, true);
          break;
        }
        case 'undo':
          options.undo();
          break;
        case 'forYou':
          options.toggleForYou?.();
          break;
        case 'help':
          options.toggleHelp();
          break;
      }
    },
    { capture: true, signal },
  );

  // Tabbing or clicking into a card's controls makes it current, so j/k continue from there.
  win.document.addEventListener(
    'focusin',
    (event) => {
      for (const node of event.composedPath()) {
        const element = node as Element;
        if (typeof element.hasAttribute === 'function' && element.hasAttribute(HOST_ATTRIBUTE)) {
          const mount = options.mountOfHost(element);
          if (mount && mount !== current) setCurrent(mount, false);
          return;
        }
      }
    },
    { capture: true, signal },
  );
}
