import type { PaperState } from '../paper/model';
import { createControlsView } from './controls-view';
import type { CardRef } from '../sites/types';

/** The attributes Papershelf puts on the page (the page contract in DESIGN.md). */
export const ID_ATTRIBUTE = 'data-papershelf-id';
export const HIDDEN_ATTRIBUTE = 'data-papershelf-hidden';
export const HOST_ATTRIBUTE = 'data-papershelf-host';
/**
 * The hidden marker's value on the other elements of a paper (an arXiv `dt`): they vanish entirely
 * (style.css), where the card itself keeps its stub. One attribute, so mounting writes no extra one.
 */
export const HIDDEN_COMPANION = 'companion';

export interface CardActions {
  toggleSave(card: CardRef): Promise<void>;
  setTags(card: CardRef, tags: string[]): Promise<void>;
  hide(card: CardRef): Promise<void>;
  show(card: CardRef): Promise<void>;
}

export interface CardMount {
  readonly card: CardRef;
  readonly host: HTMLElement;
  /** True while the controls are still where they were put (the site may re-render the card). */
  isIntact(): boolean;
  render(state: PaperState | undefined): void;
  /** Runs a control's action (`save`, `tags`, `hide`, `show`). */
  act(action: string): void;
  dispose(): void;
}

/**
 * Puts the controls for one card into an open shadow root on a host appended as the card's last
 * child. The host is a direct child so that a hidden card can collapse to it (style.css).
 */
export function mountCard(
  card: CardRef,
  actions: CardActions,
  styleRoot: (root: ShadowRoot) => void,
  initialState: PaperState | undefined,
): CardMount {
  const { element } = card;
  const marked = [element, ...(card.companions ?? [])];
  const doc = element.ownerDocument;
  const host = doc.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, '');
  const shadow = host.attachShadow({ mode: 'open' });
  styleRoot(shadow);

  let state = initialState;
  let problem: string | undefined;
  // An action can settle after the card was torn down (extension reloaded, card re-rendered by the
  // site): a disposed mount must not write to the page again.
  let disposed = false;

  // Each action reports its failure on the card itself, in words, until the next action.
  const run = (action: () => Promise<void>) => {
    problem = undefined;
    action().catch((error: unknown) => {
      problem = error instanceof Error ? error.message : String(error);
      draw();
    });
  };
  const view = createControlsView(shadow, () => card.title, {
    onToggleSave: () => run(() => actions.toggleSave(card)),
    onSetTags: (tags) => run(() => actions.setTags(card, tags)),
    onHide: () => run(() => actions.hide(card)),
    onShow: () => run(() => actions.show(card)),
  });

  const draw = () => {
    if (disposed) return;
    for (const target of marked) {
      if (state?.hidden) target.setAttribute(HIDDEN_ATTRIBUTE, target === element ? '' : HIDDEN_COMPANION);
      else target.removeAttribute(HIDDEN_ATTRIBUTE);
    }
    view.update(state, problem);
  };

  for (const target of marked) target.setAttribute(ID_ATTRIBUTE, card.id);
  element.append(host);
  // A fresh view already shows the unknown state; drawing now would only repeat it.
  if (state !== undefined) draw();

  return {
    card,
    host,
    isIntact: () => host.parentNode === element && element.getAttribute(ID_ATTRIBUTE) === card.id,
    act: (action) => view.act(action),
    render(next) {
      state = next;
      draw();
    },
    dispose() {
      disposed = true;
      view.dispose();
      host.remove();
      for (const target of marked) {
        if (target.getAttribute(ID_ATTRIBUTE) === card.id) target.removeAttribute(ID_ATTRIBUTE);
        target.removeAttribute(HIDDEN_ATTRIBUTE);
      }
    },
  };
}
