import { ACTION_ATTRIBUTE } from './controls-view';
import { isUserInput } from './user-input';

/** Whatever runs a control's action for one card (its mount). */
export interface Actor {
  act(action: string): void;
}

const actors = new WeakMap<EventTarget, Actor>();

/**
 * Listens at one card's closed shadow root. An action is taken only for a control INSIDE that root:
 * `data-action` on the host, on the card or on any element of the page never counts, so a page
 * cannot turn the user's clicks on its own elements (an invisible overlay, say) into saves or hides.
 * The listeners run in the capture phase at the root: a click on one of our controls is handled
 * and stops there, so the site's handlers further out never see it; keys pressed on our controls
 * stop there too, so the site's shortcuts do not fire under them. Two shared functions serve every
 * root: a 2000-entry page registers no closures per card.
 */
export function listenForActions(root: ShadowRoot, actor: Actor): void {
  actors.set(root, actor);
  root.addEventListener('click', onClick, { capture: true });
  root.addEventListener('keydown', onKeydown, { capture: true });
}

/** The `data-action` of the control inside `root` the event went to, if any. */
export function actionInside(root: ShadowRoot, event: Event): string | undefined {
  for (const target of event.composedPath()) {
    // Everything before the root on the path is inside it; the host and the page come after.
    if (target === root) return undefined;
    const element = target as Element;
    if (typeof element.getAttribute !== 'function' || element.getRootNode() !== root) continue;
    const action = element.getAttribute(ACTION_ATTRIBUTE);
    if (action) return action;
  }
  return undefined;
}

function onClick(event: Event): void {
  // A page script's click() on our button changes nothing (user-input.ts).
  if (!isUserInput(event)) return;
  const root = event.currentTarget as ShadowRoot;
  const action = actionInside(root, event);
  const actor = actors.get(root);
  if (!action || !actor) return;
  event.stopPropagation();
  actor.act(action);
}

function onKeydown(event: Event): void {
  if (actionInside(event.currentTarget as ShadowRoot, event)) event.stopPropagation();
}
