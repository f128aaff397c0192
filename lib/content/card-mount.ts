import { createControlsView, type Relevance } from './controls-view';
import { listenForActions } from './action-listener';
import { attachPrivateRoot } from './private-root';
import { isCollapsed, isHiddenHere, type CardDisplay } from './card-display';
import type { CardActions } from './card-actions';
import type { CardRef } from '../sites/types';

/** The attributes Papershelf puts on the page (the page contract in DESIGN.md). */
export const ID_ATTRIBUTE = 'data-papershelf-id';
export const HIDDEN_ATTRIBUTE = 'data-papershelf-hidden';
export const HOST_ATTRIBUTE = 'data-papershelf-host';
/** On the host of the page-wide panel (toast, hidden count, keyboard help). */
export const PANEL_ATTRIBUTE = 'data-papershelf-panel';
/** `dim` or `highlight`: a rule's look on a card that is not collapsed (style.css). */
export const RULE_ATTRIBUTE = 'data-papershelf-rule';
/** On a hidden card the user chose to see for this page view. */
export const REVEALED_ATTRIBUTE = 'data-papershelf-revealed';
/** On the card the keyboard is on (j/k): a visible outline in style.css. */
export const CURRENT_ATTRIBUTE = 'data-papershelf-current';
/**
 * The hidden marker's value on the other elements of a paper (an arXiv `dt`): they vanish entirely
 * (style.css), where the card itself keeps its stub. One attribute, so mounting writes no extra one.
 */
export const HIDDEN_COMPANION = 'companion';

export interface CardMount {
  readonly card: CardRef;
  readonly host: HTMLElement;
  /** True while the controls are still where they were put (the site may re-render the card). */
  isIntact(): boolean;
  /** What the card shows now (its last drawn display). */
  readonly display: CardDisplay;
  render(display: CardDisplay): void;
  /** Runs a control's action (`save`, `tags`, `hide`, `show`, `reveal`). */
  act(action: string): void;
  /** Marks the card the keyboard is on and moves focus to its first control. */
  setCurrent(current: boolean, focus?: boolean): void;
  /** For you's mark beside the controls (controls-view.ts); undefined takes it away. */
  showRelevance(relevance: Relevance | undefined): void;
  dispose(): void;
}

/** A card's controls built off the page: nothing of the page is read or written until `attach`. */
export interface PreparedCard {
  readonly card: CardRef;
  /** Marks the card, appends the controls to it and draws `initial`: the only step that writes to the page. */
  attach(initial: CardDisplay): CardMount;
}

/**
 * Builds one card's controls without touching the page: a long listing builds them in slices
 * between frames and attaches many at once, so the browser lays the page out again once rather
 * than after every slice. Attached, the controls live in a closed shadow root (private-root.ts) on
 * a host appended as the card's last child; the host is a direct child so that a hidden card can
 * collapse to it (style.css).
 */
export function prepareCard(card: CardRef, actions: CardActions, styleRoot: (root: ShadowRoot) => void): PreparedCard {
  const { element } = card;
  const marked = [element, ...(card.companions ?? [])];
  const doc = element.ownerDocument;
  const host = doc.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, '');
  const shadow = attachPrivateRoot(host);
  styleRoot(shadow);

  let display: CardDisplay = { state: undefined, rule: undefined, revealed: false };
  let problem: string | undefined;
  // An action can settle after the card was torn down (extension reloaded, card re-rendered by the
  // site): a disposed mount must not write to the page again.
  let disposed = false;

  const view = createControlsView(shadow, () => card.title, actions.callbacksFor({
    card,
    clearProblem() {
      problem = undefined;
    },
    reportProblem(message) {
      problem = message;
      draw();
    },
    setBusy(busy) {
      if (!disposed) view.setBusy(busy);
    },
  }));

  const draw = () => {
    if (disposed) return;
    const collapsed = isCollapsed(display);
    const look = collapsed ? undefined : display.rule?.action === 'hide' ? undefined : display.rule?.action;
    const revealed = !collapsed && isHiddenHere(display);
    for (const target of marked) {
      setAttribute(target, HIDDEN_ATTRIBUTE, collapsed ? (target === element ? '' : HIDDEN_COMPANION) : undefined);
      setAttribute(target, RULE_ATTRIBUTE, look);
      setAttribute(target, REVEALED_ATTRIBUTE, revealed ? '' : undefined);
    }
    view.update(display, problem);
  };

  // Clicks on the controls reach the view, which calls the card's actions (card-actions.ts).
  listenForActions(shadow, view);
  const mount: CardMount = {
    card,
    host,
    get display() {
      return display;
    },
    isIntact: () => host.parentNode === element && element.getAttribute(ID_ATTRIBUTE) === card.id,
    act: (action) => view.act(action),
    render(next) {
      display = next;
      draw();
    },
    setCurrent(current, focus = false) {
      for (const target of marked) setAttribute(target, CURRENT_ATTRIBUTE, current ? '' : undefined);
      if (current && focus) view.focus();
    },
    showRelevance(relevance) {
      if (!disposed) view.showRelevance(relevance);
    },
    dispose() {
      disposed = true;
      view.dispose();
      host.remove();
      for (const target of marked) {
        if (target.getAttribute(ID_ATTRIBUTE) === card.id) target.removeAttribute(ID_ATTRIBUTE);
        for (const name of [HIDDEN_ATTRIBUTE, RULE_ATTRIBUTE, REVEALED_ATTRIBUTE, CURRENT_ATTRIBUTE]) target.removeAttribute(name);
      }
    },
  };
  return {
    card,
    attach(initial) {
      display = initial;
      for (const target of marked) target.setAttribute(ID_ATTRIBUTE, card.id);
      element.append(host);
      // A fresh view already shows the unknown state; drawing now would only repeat it.
      if (initial.state !== undefined || initial.rule !== undefined) draw();
      return mount;
    },
  };
}

/** Writes only on change: attribute writes on 2000 cards would each queue a style recalculation. */
function setAttribute(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}
