import { h, render } from 'preact';
import { t } from '../i18n/t';
import { TagEditor } from '../../components/TagEditor';
import type { PaperState } from '../paper/model';
import type { TagCount } from '../messaging/protocol';
import { hiddenReason, isCollapsed, ruleWords, type CardDisplay } from './card-display';
import { el } from './element';
import { isUserInput } from './user-input';

export interface ControlsCallbacks {
  onToggleSave(): void;
  onSetTags(tags: string[]): void;
  /** Hide, or unhide a paper hidden by hand. */
  onToggleHide(): void;
  /** Show a paper a rule hid, for this page view. */
  onReveal(): void;
  tagCounts(): Promise<TagCount[]>;
}

export interface ControlsView {
  update(display: CardDisplay, problem: string | undefined): void;
  /** Runs the action of a control (`data-action`): clicks reach it through one listener per page. */
  act(action: string): void;
  /** Focuses the first control of whichever group is showing. */
  focus(): void;
  /** For you's mark beside the buttons; undefined takes it away. */
  showRelevance(relevance: Relevance | undefined): void;
  /** `aria-busy` on the controls while an action is on its way to the library. */
  setBusy(busy: boolean): void;
  dispose(): void;
}

/** A card's relevance as its mark shows it: `level` dots of five, and what a screen reader says. */
export interface Relevance {
  level: number;
  label: string;
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
    bar = el(doc, 'div', { class: 'bar', role: 'group', 'aria-label': t('extName') }, [
        el(doc, 'button', { type: 'button', class: 'btn save', 'aria-pressed': 'false', [ACTION_ATTRIBUTE]: 'save', title: t('saveToYourLibrary') }, [t('save')]),
        el(doc, 'button', { type: 'button', class: 'btn tags', 'aria-expanded': 'false', [ACTION_ATTRIBUTE]: 'tags' }, [t('tags')]),
        el(doc, 'button', { type: 'button', class: 'btn hide', [ACTION_ATTRIBUTE]: 'hide' }, [t('hide')]),
    ]);
    templates.set(doc, bar);
  }
  return bar;
}

/**
 * The relevance mark: one element whose dots are drawn by card-controls.css from its `data-level`
 * (0 to 5), so a page of 2,000 marks is 2,000 elements with a fixed size, not 12,000.
 */
function markTemplate(doc: Document): HTMLElement {
  let mark = markTemplates.get(doc);
  if (!mark) {
    mark = el(doc, 'span', { class: 'relevance', role: 'img', tabindex: '0' });
    markTemplates.set(doc, mark);
  }
  return mark;
}
const markTemplates = new WeakMap<Document, HTMLElement>();

/**
 * The one-line stub of a hidden paper ("Hidden by rule …", its title, Show), cloned like the bar:
 * a rule list that hides hundreds of a long listing's cards builds hundreds of stubs at once.
 */
function stubTemplate(doc: Document): HTMLElement {
  let stub = stubTemplates.get(doc);
  if (!stub) {
    stub = el(doc, 'div', { class: 'bar stub', role: 'group', 'aria-label': t('extName') }, [
      el(doc, 'span', { class: 'stub-label' }),
      el(doc, 'span', { class: 'stub-title' }),
      el(doc, 'button', { type: 'button', class: 'btn' }, [t('show')]),
    ]);
    stubTemplates.set(doc, stub);
  }
  return stub;
}
const stubTemplates = new WeakMap<Document, HTMLElement>();

/** Renders the controls for one paper into `root` (a card's shadow root). */
export function createControlsView(root: ShadowRoot, title: () => string, callbacks: ControlsCallbacks): ControlsView {
  const doc = root.ownerDocument;
  const bar = root.appendChild(barTemplate(doc).cloneNode(true) as HTMLElement);
  const [save, tagsButton, hideButton] = bar.children as unknown as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];

  let state: PaperState | undefined;
  /** What the DOM shows now; a fresh clone shows an unknown (empty) state. */
  let shown = { saved: false, collapsed: false, hiddenByHand: false, tagsKey: '', problem: undefined as string | undefined, reason: '', note: '' };
  let editing = false;
  let suggestions: readonly TagCount[] = [];
  let stub: HTMLElement | undefined;
  let stubLabel: HTMLElement | undefined;
  let stubShow: HTMLElement | undefined;
  let ruleNote: HTMLElement | undefined;
  let chips: HTMLElement | undefined;
  let problemSlot: HTMLElement | undefined;
  let editorSlot: HTMLElement | undefined;
  let mark: HTMLElement | undefined;
  let busy = false;

  const renderEditor = () => {
    if (!editing) {
      if (editorSlot) render(null, editorSlot);
      return;
    }
    if (!editorSlot) {
      editorSlot = bar.appendChild(el(doc, 'div', { class: 'editor-slot' }));
      // The site's own handlers never see what the user types or clicks in the editor.
      for (const type of ['click', 'keydown', 'keyup', 'keypress', 'input']) editorSlot.addEventListener(type, (event) => event.stopPropagation());
      // A page script's events never reach the editor's own handlers (caught on the way down).
      for (const type of ['click', 'keydown', 'input', 'change', 'submit']) {
        editorSlot.addEventListener(type, (event) => isUserInput(event) || event.stopImmediatePropagation(), { capture: true });
      }
    }
    render(
      h(TagEditor, {
        paperTitle: title(),
        tags: state?.tags ?? [],
        suggestions,
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
    // Suggestions arrive after the editor opened: it starts with none rather than waiting.
    if (value) {
      callbacks
        .tagCounts()
        .then((counts) => {
          suggestions = counts;
          renderEditor();
        })
        .catch(() => undefined); // no suggestions is a fine editor
    }
  };

  const act = (action: string) => {
    if (action === 'save') callbacks.onToggleSave();
    else if (action === 'tags') setEditing(!editing);
    else if (action === 'hide' || action === 'show') callbacks.onToggleHide();
    else if (action === 'reveal') callbacks.onReveal();
  };

  const showStub = (collapsed: boolean, reason: string, byHand: boolean) => {
    if (collapsed && !stub) {
      // Page text only ever goes in through text nodes: never parsed as HTML.
      const text = title();
      stub = stubTemplate(doc).cloneNode(true) as HTMLElement;
      const [label, titleSpan, show] = stub.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
      stubLabel = label;
      stubShow = show;
      titleSpan.title = text;
      titleSpan.textContent = text;
      if (busy) stub.setAttribute('aria-busy', 'true');
      root.append(stub);
    }
    if (stubLabel && stubShow) {
      stubLabel.textContent = reason;
      // "Show" on a paper hidden by hand unhides it; on one a rule hid, it shows it for this page view.
      stubShow.setAttribute(ACTION_ATTRIBUTE, byHand ? 'show' : 'reveal');
      stubShow.title = byHand ? t('unhideThisPaper') : t('showItRuleStays');
    }
    bar.hidden = collapsed;
    if (stub) stub.hidden = !collapsed;
  };

  const showRuleNote = (note: string) => {
    if (!note && !ruleNote) return;
    ruleNote ??= bar.insertBefore(el(doc, 'span', { class: 'rule-note' }), chips ?? editorSlot ?? null);
    ruleNote.textContent = note;
    ruleNote.hidden = !note;
  };

  const showProblem = (problem: string | undefined, hidden: boolean) => {
    if (!problem && !problemSlot) return;
    problemSlot ??= el(doc, 'p', { class: 'problem', role: 'status' });
    problemSlot.textContent = problem ?? '';
    (hidden ? stub : bar)?.append(problemSlot);
  };

  return {
    update(display, problem) {
      const hadFocus = root.activeElement !== null;
      const next = display.state;
      state = next;
      const saved = next?.saved ?? false;
      const tags = next?.tags ?? [];
      const hidden = isCollapsed(display);
      const hiddenByHand = next?.hidden ?? false;
      const reason = hidden ? hiddenReason(display) : '';
      const note = !hidden && display.rule ? ruleWords(display.rule) : '';
      // Only what changed touches the DOM: a page's worth of "not in the library" costs nothing.
      if (saved !== shown.saved) {
        save.setAttribute('aria-pressed', String(saved));
        save.title = saved ? t('savedClickToRemove') : t('saveToYourLibrary');
      }
      const tagsKey = tags.join('\u0000');
      if (tagsKey !== shown.tagsKey) {
        if (tags.length > 0) tagsButton.setAttribute('aria-label', t('tagsList', tags.join(', ')));
        else tagsButton.removeAttribute('aria-label');
        tagsButton.dataset.count = tags.length ? String(tags.length) : '';
        chips ??= bar.insertBefore(el(doc, 'span', { class: 'chips', 'aria-hidden': 'true' }), editorSlot ?? null);
        chips.replaceChildren(...tags.map((tag) => el(doc, 'span', { class: 'chip' }, [tag])));
      }
      if (hiddenByHand !== shown.hiddenByHand) {
        // A paper hidden by hand that is shown for this page view offers to unhide it for good.
        hideButton.textContent = hiddenByHand ? t('unhide') : t('hide');
      }
      if (hidden !== shown.collapsed || reason !== shown.reason || hiddenByHand !== shown.hiddenByHand) showStub(hidden, reason, hiddenByHand);
      if (note !== shown.note) showRuleNote(note);
      if (problem !== shown.problem || hidden !== shown.collapsed) showProblem(problem, hidden);
      shown = { saved, collapsed: hidden, hiddenByHand, tagsKey, problem, reason, note };
      if (hidden && editing) setEditing(false);
      else if (editing) renderEditor();
      // Hide and Show swap the groups. The swapped-out group is only `hidden`, so its focused
      // button may still be the active element: move keyboard users to the visible group.
      const focusLost = root.activeElement === null || root.activeElement.closest('[hidden]') !== null;
      if (hadFocus && focusLost) (hidden ? stub : bar)?.querySelector<HTMLButtonElement>('button')?.focus();
    },
    act,
    focus() {
      (shown.collapsed ? stub : bar)?.querySelector<HTMLButtonElement>('button:not([hidden])')?.focus({ preventScroll: true });
    },
    showRelevance(relevance) {
      if (!relevance) {
        mark?.remove();
        mark = undefined;
        return;
      }
      // After the buttons: the chips and notes after it move, the buttons under the pointer never do.
      const fresh = !mark;
      mark ??= markTemplate(doc).cloneNode(false) as HTMLElement;
      mark.setAttribute('data-level', String(relevance.level));
      mark.setAttribute('aria-label', relevance.label);
      mark.title = relevance.label;
      // Put in place once it says everything: its style is worked out once.
      if (fresh) hideButton.after(mark);
    },
    setBusy(next) {
      busy = next;
      for (const group of [bar, stub]) {
        if (next) group?.setAttribute('aria-busy', 'true');
        else group?.removeAttribute('aria-busy');
      }
    },
    dispose() {
      if (editorSlot) render(null, editorSlot);
    },
  };
}
