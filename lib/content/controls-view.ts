import { h, render } from 'preact';
import { TagEditor } from '../../components/TagEditor';
import type { PaperState } from '../paper/model';

export interface ControlsCallbacks {
  onToggleSave(): void;
  onSetTags(tags: string[]): void;
  onHide(): void;
  onShow(): void;
}

export interface ControlsView {
  update(state: PaperState | undefined, problem: string | undefined): void;
  /** Runs the action of a control (`data-action`): clicks reach it through one listener per page. */
  act(action: string): void;
  dispose(): void;
}

/** The attribute naming what a control does; the page-wide click listener looks for it. */
export const ACTION_ATTRIBUTE = 'data-action';

/**
 * One card's controls. A listing can hold 2000 cards, so the bar every card needs at once is a
 * prepared tree of seven nodes cloned per card; everything else (tag chips, the hidden stub, a
 * problem message, the Preact tag editor) is built only for the cards that need it. Icons are CSS
 * generated content with empty alternative text, so accessible names stay "Save", "Tags", "Hide".
 */
const templates = new WeakMap<Document, HTMLElement>();

function barTemplate(doc: Document): HTMLElement {
  let bar = templates.get(doc);
  if (!bar) {
    bar = el(doc, 'div', { class: 'bar', role: 'group', 'aria-label': 'Papershelf' }, [
        el(doc, 'button', { type: 'button', class: 'btn save', 'aria-pressed': 'false', [ACTION_ATTRIBUTE]: 'save', title: 'Save to your library' }, ['Save']),
        el(doc, 'button', { type: 'button', class: 'btn tags', 'aria-expanded': 'false', [ACTION_ATTRIBUTE]: 'tags' }, ['Tags']),
        el(doc, 'button', { type: 'button', class: 'btn hide', [ACTION_ATTRIBUTE]: 'hide' }, ['Hide']),
    ]);
    templates.set(doc, bar);
  }
  return bar;
}

/** Renders the controls for one paper into `root` (a card's shadow root). */
export function createControlsView(root: ShadowRoot, title: () => string, callbacks: ControlsCallbacks): ControlsView {
  const doc = root.ownerDocument;
  const bar = root.appendChild(barTemplate(doc).cloneNode(true) as HTMLElement);
  const [save, tagsButton] = bar.children as unknown as [HTMLButtonElement, HTMLButtonElement];

  let state: PaperState | undefined;
  /** What the DOM shows now; a fresh clone shows an unknown (empty) state. */
  let shown = { saved: false, hidden: false, tagsKey: '', problem: undefined as string | undefined };
  let editing = false;
  let stub: HTMLElement | undefined;
  let chips: HTMLElement | undefined;
  let problemSlot: HTMLElement | undefined;
  let editorSlot: HTMLElement | undefined;

  const renderEditor = () => {
    if (!editing) {
      if (editorSlot) render(null, editorSlot);
      return;
    }
    if (!editorSlot) {
      editorSlot = bar.appendChild(el(doc, 'div', { class: 'editor-slot' }));
      // The site's own handlers never see what the user types or clicks in the editor.
      for (const type of ['click', 'keydown', 'keyup', 'keypress', 'input']) editorSlot.addEventListener(type, (event) => event.stopPropagation());
    }
    render(
      h(TagEditor, {
        paperTitle: title(),
        tags: state?.tags ?? [],
        onChange: callbacks.onSetTags,
        onClose: () => {
          setEditing(false);
          tagsButton.focus();
        },
      }),
      editorSlot,
    );
  };
  const setEditing = (value: boolean) => {
    editing = value;
    tagsButton.setAttribute('aria-expanded', String(value));
    renderEditor();
  };

  const act = (action: string) => {
    if (action === 'save') callbacks.onToggleSave();
    else if (action === 'tags') setEditing(!editing);
    else if (action === 'hide') callbacks.onHide();
    else if (action === 'show') callbacks.onShow();
  };

  const showStub = (hidden: boolean) => {
    if (hidden && !stub) {
      // Page text only ever goes in through text nodes: never parsed as HTML.
      const text = title();
      stub = el(doc, 'div', { class: 'bar stub', role: 'group', 'aria-label': 'Papershelf' }, [
        el(doc, 'span', { class: 'stub-label' }, ['Hidden']),
        el(doc, 'span', { class: 'stub-title', title: text }, [text]),
        el(doc, 'button', { type: 'button', class: 'btn', [ACTION_ATTRIBUTE]: 'show' }, ['Show']),
      ]);
      root.append(stub);
    }
    bar.hidden = hidden;
    if (stub) stub.hidden = !hidden;
  };

  const showProblem = (problem: string | undefined, hidden: boolean) => {
    if (!problem && !problemSlot) return;
    problemSlot ??= el(doc, 'p', { class: 'problem', role: 'status' });
    problemSlot.textContent = problem ?? '';
    (hidden ? stub : bar)?.append(problemSlot);
  };

  return {
    update(next, problem) {
      const hadFocus = root.activeElement !== null;
      state = next;
      const saved = next?.saved ?? false;
      const tags = next?.tags ?? [];
      const hidden = next?.hidden ?? false;
      // Only what changed touches the DOM: a page's worth of "not in the library" costs nothing.
      if (saved !== shown.saved) {
        save.setAttribute('aria-pressed', String(saved));
        save.title = saved ? 'Saved: click to remove from your library' : 'Save to your library';
      }
      const tagsKey = tags.join('\u0000');
      if (tagsKey !== shown.tagsKey) {
        if (tags.length > 0) tagsButton.setAttribute('aria-label', `Tags: ${tags.join(', ')}`);
        else tagsButton.removeAttribute('aria-label');
        tagsButton.dataset.count = tags.length ? String(tags.length) : '';
        chips ??= bar.insertBefore(el(doc, 'span', { class: 'chips', 'aria-hidden': 'true' }), editorSlot ?? null);
        chips.replaceChildren(...tags.map((tag) => el(doc, 'span', { class: 'chip' }, [tag])));
      }
      if (hidden !== shown.hidden) showStub(hidden);
      if (problem !== shown.problem || hidden !== shown.hidden) showProblem(problem, hidden);
      shown = { saved, hidden, tagsKey, problem };
      if (hidden && editing) setEditing(false);
      else if (editing) renderEditor();
      // Hide and Show swap the groups. The swapped-out group is only `hidden`, so its focused
      // button may still be the active element: move keyboard users to the visible group.
      const focusLost = root.activeElement === null || root.activeElement.closest('[hidden]') !== null;
      if (hadFocus && focusLost) (hidden ? stub : bar)?.querySelector<HTMLButtonElement>('button')?.focus();
    },
    act,
    dispose() {
      if (editorSlot) render(null, editorSlot);
    },
  };
}

function el(doc: Document, tag: string, attributes: Record<string, string> = {}, children: (Node | string)[] = []): HTMLElement {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
