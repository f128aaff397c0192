import { PANEL_ATTRIBUTE } from './card-mount';
import { t } from '../i18n/t';
import { KEYMAP } from './keymap';
import { el } from './element';
import { isUserInput } from './user-input';
import { attachPrivateRoot, focusedElement } from './private-root';

export interface PagePanelCallbacks {
  onUndo(): void;
  onToggleRevealAll(): void;
}

export interface PagePanel {
  /** "12 hidden — Show" (or "— Hide again" while they are shown); nothing when 0. */
  setHiddenCount(count: number, revealed: boolean): void;
  /** A short message, with an Undo button when the action can be taken back. */
  toast(text: string, undoable: boolean): void;
  /** A lasting note about this page view (cards left without controls); stays until the page goes. */
  setNotice(text: string): void;
  toggleHelp(): void;
  /** Closes the help overlay; false when it was not open. */
  closeHelp(): boolean;
  readonly helpOpen: boolean;
}

const TOAST_MS = 6_000;

/**
 * The page-wide part of Papershelf on a listing: a small panel in the corner with the toast (Undo)
 * and the count of hidden papers, and the keyboard help. One shadow host for the whole page; the
 * live region exists from the start so screen readers announce the first toast too.
 */
export function createPagePanel(doc: Document, styleRoot: (root: ShadowRoot) => void, callbacks: PagePanelCallbacks, signal: AbortSignal): PagePanel {
  const host = doc.createElement('div');
  // Its own attribute: the listing's observer knows it is ours, and it is not a card's host.
  host.setAttribute(PANEL_ATTRIBUTE, '');
  const root = attachPrivateRoot(host);
  styleRoot(root);

  const toastText = el(doc, 'span', { class: 'toast-text' });
  const undoButton = el(doc, 'button', { type: 'button', class: 'btn' }, [t('undo')]);
  const toast = el(doc, 'div', { class: 'toast', role: 'status' }, [toastText, undoButton]);
  const countText = el(doc, 'span', { class: 'count-text' });
  const revealButton = el(doc, 'button', { type: 'button', class: 'btn' });
  const count = el(doc, 'div', { class: 'count' }, [countText, revealButton]);
  const notice = el(doc, 'p', { class: 'notice' });
  const panel = el(doc, 'div', { class: 'panel', role: 'region', 'aria-label': t('extName') }, [toast, count, notice]);
  root.append(panel);
  undoButton.hidden = true;
  count.hidden = true;
  notice.hidden = true;

  let help: HTMLElement | undefined;
  let returnFocus: HTMLElement | null = null;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const listen = (element: HTMLElement, handler: () => void) =>
    element.addEventListener(
      'click',
      (event) => {
        event.stopPropagation(); // the site's handlers do not see clicks on Papershelf's panel
        if (isUserInput(event)) handler();
      },
      { signal },
    );
  listen(undoButton, () => callbacks.onUndo());
  listen(revealButton, () => callbacks.onToggleRevealAll());

  // Never `hidden` (display: none): a live region must be in the accessibility tree before its
  // text arrives for screen readers to announce it. An empty toast is only unseen (page-panel.css).
  const refresh = () => {
    panel.toggleAttribute('data-empty', toastText.textContent === '' && count.hidden === true && notice.hidden === true);
  };
  refresh();
  doc.body.append(host);
  signal.addEventListener('abort', () => {
    clearTimeout(toastTimer);
    host.remove();
  }, { once: true });

  const closeHelp = () => {
    if (!help || help.hidden) return false;
    help.hidden = true;
    returnFocus?.focus({ preventScroll: true });
    return true;
  };

  const buildHelp = () => {
    const close = el(doc, 'button', { type: 'button', class: 'btn' }, [t('close')]);
    listen(close, closeHelp);
    const rows = KEYMAP.map(({ key, does }) => el(doc, 'tr', {}, [el(doc, 'th', { scope: 'row' }, [el(doc, 'kbd', {}, [key])]), el(doc, 'td', {}, [t(does)])]));
    const dialog = el(doc, 'div', { class: 'help', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'papershelf-help-title', tabindex: '-1' }, [
      el(doc, 'h2', { id: 'papershelf-help-title' }, [t('papershelfKeys')]),
      el(doc, 'table', {}, [el(doc, 'tbody', {}, rows)]),
      el(doc, 'p', { class: 'help-note' }, [t('keysHelpNote')]),
      close,
    ]);
    root.append(dialog);
    return dialog;
  };

  return {
    setHiddenCount(n, revealed) {
      count.hidden = n === 0;
      countText.textContent = t('hiddenCount', n);
      revealButton.textContent = revealed ? t('hideAgain') : t('show');
      revealButton.setAttribute('aria-label', revealed ? t('hideHiddenPapersAgain', n) : t('showHiddenPapers', n));
      refresh();
    },
    setNotice(text) {
      notice.textContent = text;
      notice.hidden = text === '';
      refresh();
    },
    toast(text, undoable) {
      toastText.textContent = text;
      undoButton.hidden = !undoable;
      refresh();
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => {
        toastText.textContent = '';
        undoButton.hidden = true;
        refresh();
      }, TOAST_MS);
    },
    toggleHelp() {
      if (closeHelp()) return;
      help ??= buildHelp();
      // Focus inside a card's shadow root is reported as its host: find the real element.
      returnFocus = focusedElement(doc) as HTMLElement | null;
      help.hidden = false;
      help.focus();
    },
    closeHelp,
    get helpOpen() {
      return help !== undefined && !help.hidden;
    },
  };
}
