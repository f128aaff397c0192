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
  dispose(): void;
}

/**
 * One card's controls. A listing can hold 2000 cards, so the bar every card needs at once is a
 * prepared tree of seven nodes cloned per card; everything else (tag chips, the hidden stub, a
 * problem message, the Preact tag editor) is built only for the cards that need it. Icons are CSS
 * generated content with empty alternative text, so accessible names stay "Save", "Tags", "Hide".
 */
const templates = new WeakMap<Document, DocumentFragment>();

function barTemplate(doc: Document): DocumentFragment {
  let fragment = templates.get(doc);
  if (!fragment) {
    fragment = doc.createDocumentFragment();
    fragment.append(
      el(doc, 'div', { class: 'bar', role: 'group', 'aria-label': 'Papershelf' }, [
        el(doc, 'button', { type: 'button', class: 'btn save', 'aria-pressed': 'false', 'data-action': 'save', title: 'Save to your library' }, ['Save']),
        el(doc, 'button', { type: 'button', class: 'btn tags', 'aria-expanded': 'false', 'data-action': 'tags' }, ['Tags']),
        el(doc, 'button', { type: 'button', class: 'btn hide', 'data-action': 'hide' }, ['Hide']),
      ]),
    );
    templates.set(doc, fragment);
  }
  return fragment;
}

/** Renders the controls for one paper into `root` (a card's shadow root). */
export function createControlsView(root: ShadowRoot, title: () => string, callbacks: ControlsCallbacks): ControlsView {
  const doc = root.ownerDocument;
  root.append(barTemplate(doc).cloneNode(true));
  const bar = root.lastElementChild as HTMLElement;
  const [save, tagsButton] = bar.children as unknown as [HTMLButtonElement, HTMLButtonElement];

  let state: PaperState | undefined;
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
    editorSlot ??= bar.appendChild(el(doc, 'div', { class: 'editor-slot' }));
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

  const onClick = (event: Event) => {
    // The site's own handlers (analytics, card-wide click handlers) never see our clicks and keys.
    event.stopPropagation();
    const action = (event.target as Element).closest?.('[data-action]')?.getAttribute('data-action');
    if (action === 'save') callbacks.onToggleSave();
    else if (action === 'tags') setEditing(!editing);
    else if (action === 'hide') callbacks.onHide();
    else if (action === 'show') callbacks.onShow();
  };
  const onKeyDown = (event: Event) => event.stopPropagation();
  root.addEventListener('click', onClick);
  root.addEventListener('keydown', onKeyDown);

  const showStub = (hidden: boolean) => {
    if (hidden && !stub) {
      // Page text only ever goes in through text nodes: never parsed as HTML.
      const text = title();
      stub = el(doc, 'div', { class: 'bar stub', role: 'group', 'aria-label': 'Papershelf' }, [
        el(doc, 'span', { class: 'stub-label' }, ['Hidden']),
        el(doc, 'span', { class: 'stub-title', title: text }, [text]),
        el(doc, 'button', { type: 'button', class: 'btn', 'data-action': 'show' }, ['Show']),
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
      save.setAttribute('aria-pressed', String(saved));
      save.title = saved ? 'Saved: click to remove from your library' : 'Save to your library';
      if (tags.length > 0) tagsButton.setAttribute('aria-label', `Tags: ${tags.join(', ')}`);
      else tagsButton.removeAttribute('aria-label');
      tagsButton.dataset.count = tags.length ? String(tags.length) : '';
      if (tags.length > 0 || chips) {
        chips ??= bar.insertBefore(el(doc, 'span', { class: 'chips', 'aria-hidden': 'true' }), editorSlot ?? null);
        chips.replaceChildren(...tags.map((tag) => el(doc, 'span', { class: 'chip' }, [tag])));
      }
      showStub(hidden);
      showProblem(problem, hidden);
      if (hidden && editing) setEditing(false);
      else if (editing) renderEditor();
      // Hide and Show swap the button that had focus: keep keyboard users on this card.
      // The swapped-out group is only `hidden`, so its focused button may still be the active element.
      const focusLost = root.activeElement === null || root.activeElement.closest('[hidden]') !== null;
      if (hadFocus && focusLost) (hidden ? stub : bar)?.querySelector<HTMLButtonElement>('button')?.focus();
    },
    dispose() {
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onKeyDown);
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
