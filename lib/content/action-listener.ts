import { HOST_ATTRIBUTE } from './card-mount';
import { ACTION_ATTRIBUTE } from './controls-view';
import { isUserInput } from './user-input';

/** Whatever runs a control's action for one host (a card's mount). */
export interface Actor {
  act(action: string): void;
}

/**
 * One click and one keydown listener per page instead of two per card (a 2000-entry page would
 * otherwise register 4000). They run in the capture phase at the document: a click on one of our
 * controls is handled here and stops, so the site's own handlers never see it; keys pressed on our
 * controls stop here too, so the site's shortcuts do not fire under them.
 */
export function listenForActions(doc: Document, mountOf: (host: Element) => Actor | undefined, signal: AbortSignal): void {
  const control = (event: Event): { mount: Actor; action: string } | undefined => {
    let action: string | null = null;
    for (const target of event.composedPath()) {
      const element = target as Element;
      // The path also holds the shadow root, the document and the window: not elements.
      if (typeof element.getAttribute !== 'function') continue;
      action ??= element.getAttribute(ACTION_ATTRIBUTE);
      if (element.hasAttribute(HOST_ATTRIBUTE)) {
        const mount = mountOf(element);
        return mount && action ? { mount, action } : undefined;
      }
    }
    return undefined;
  };
  doc.addEventListener(
    'click',
    (event) => {
      // A page script's click() on our button changes nothing (user-input.ts).
      if (!isUserInput(event)) return;
      const found = control(event);
      if (!found) return;
      event.stopPropagation();
      found.mount.act(found.action);
    },
    { capture: true, signal },
  );
  doc.addEventListener('keydown', (event) => control(event) && event.stopPropagation(), { capture: true, signal });
}

