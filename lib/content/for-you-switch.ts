import type { ForYouReply } from '../messaging/for-you-protocol';
import { t } from '../i18n/t';

/** The page's For-you switch and hint. */
export const SWITCH_ATTRIBUTE = 'data-papershelf-for-you';

/**
 * The page's switch ("For you" / the site's order) and, until the model can rank, its hint. It sits
 * in the page's flow just above the list that holds the first card: a box fixed to a corner of the
 * window would cover the cards beneath it on a page too short to scroll them out from under it. Its
 * place is taken as soon as the cards are known, before any reply, and kept (invisible while it has
 * nothing to say): the background's answer never pushes the cards down under a reader's pointer.
 */
export function createSwitch(
  doc: Document,
  onToggle: () => void,
  onDismiss: () => void,
  firstCard: () => Element | undefined,
  /** Only a reader's own click acts (a page's script cannot turn For you on or hide its hint); tests say which clicks count. */
  isReaders: (event: Event) => boolean = (event) => event.isTrusted,
) {
  const box = doc.createElement('div');
  box.setAttribute(SWITCH_ATTRIBUTE, '');
  box.setAttribute(PENDING_ATTRIBUTE, '');
  /** What the switch shows now (status, order, hint), so that a reply saying it again writes nothing. */
  let shown = '';
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = t('forYouSwitch');
  button.setAttribute('aria-pressed', 'false');
  button.title = t('forYouSwitchTitle');
  button.hidden = true;
  button.addEventListener('click', (event) => {
    if (isReaders(event)) onToggle();
  });
  const hint = doc.createElement('span');
  hint.setAttribute('role', 'status');
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = '×';
  dismiss.setAttribute('aria-label', t('dismissForYouHint'));
  dismiss.title = t('dismissForYouHintTitle');
  dismiss.hidden = true;
  // A reply to a request sent before the background heard of the dismissal still carries the hint:
  // once dismissed here, this page shows it no more while the model is still learning (a model
  // that was ready and then reset starts a new hint).
  let dismissed = false;
  dismiss.addEventListener('click', (event) => {
    if (!isReaders(event)) return;
    dismissed = true;
    hint.textContent = '';
    hint.hidden = true;
    dismiss.hidden = true;
    shown = '';
    box.toggleAttribute(PENDING_ATTRIBUTE, button.hidden === true);
    onDismiss();
  });
  box.append(button, hint, dismiss);
  const place = () => {
    if (box.isConnected) return;
    firstCard()?.parentElement?.before(box);
  };
  return {
    /** Takes the switch's place above the list (once there are cards). */
    place,
    show(status: ForYouReply['status'], text: string, on: boolean) {
      place();
      // Every reply says the same as the one before on a page being scored: nothing to write then.
      const said = `${status}\u0000${on}\u0000${text}`;
      if (said === shown) return;
      shown = said;
      button.hidden = status !== 'ready';
      button.setAttribute('aria-pressed', String(on && status === 'ready'));
      if (status === 'ready') dismissed = false;
      hint.textContent = status === 'off' || dismissed ? '' : text;
      hint.title = hint.textContent;
      hint.hidden = !hint.textContent;
      dismiss.hidden = !hint.textContent || status === 'ready';
      box.toggleAttribute(PENDING_ATTRIBUTE, status !== 'ready' && !hint.textContent);
    },
    flash() {
      if (!hint.textContent) return;
      hint.hidden = false;
      box.removeAttribute(PENDING_ATTRIBUTE);
    },
    remove() {
      box.remove();
    },
  };
}

/** The switch holds its place but shows nothing (no reply yet, For you off, or nothing to say). */
const PENDING_ATTRIBUTE = 'data-papershelf-pending';
