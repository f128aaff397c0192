import { NoAnswerError, type SendRequest, type StateRequest } from './messenger';
import { t } from '../i18n/t';
import { sameState, type StateStore } from './state-store';
import type { UndoLog } from './undo-log';
import { stateIn, type PaperInput, type PaperState } from '../paper/model';
import type { TagCount } from '../messaging/protocol';
import { errorInWords } from '../text/problem-words';
import type { CardRef } from '../sites/types';
import type { ControlsCallbacks } from './controls-view';

/** What an action needs of the card it acts on (its mount). */
export interface ActingCard {
  readonly card: CardRef;
  /** Forgets the last action's problem (the next drawing shows none). */
  clearProblem(): void;
  /** Shows on the card, in words, why an action failed. */
  reportProblem(message: string): void;
  /** Says (aria-busy) that an action of this card is on its way to the library, until it settles. */
  setBusy(busy: boolean): void;
}

/**
 * What the user's actions on cards do. A click or a key reaches a card's controls
 * (action-listener.ts → controls-view.ts), which call the callbacks made here for that card; from
 * here the change goes to the tab's state store at once and to the background in one message.
 */
export interface CardActions {
  /** The callbacks of one card's controls. */
  callbacksFor(target: ActingCard): ControlsCallbacks;
}

export interface CardActionsOptions {
  store: StateStore;
  send: SendRequest;
  /** The full record, read from the page when the user acts (throws in words when it cannot be read). */
  readPaper(card: CardRef): PaperInput;
  /** Shows a paper a rule hid, for this page view only. */
  reveal(card: CardRef): void;
  tagCounts(): Promise<TagCount[]>;
  /** Where actions leave their reverse, for `u` and the toast's Undo. */
  undoLog: UndoLog;
  /** Told after an action that deserves a toast (hiding, removing from the library). */
  onActionDone: (label: string, undoable: boolean) => void;
}

/**
 * Every action shows its effect at once (optimistic), then settles on what the background stored;
 * on failure the card goes back to what it showed before and the error is reported on the card.
 * Each one that succeeds leaves its reverse in the undo log.
 */
export function createCardActions(options: CardActionsOptions): CardActions {
  const { store, send, readPaper } = options;
  const stateOf = (card: CardRef): PaperState => store.get(card.id) ?? { saved: false, hidden: false, tags: [] };

  const apply = async (card: CardRef, optimistic: (before: PaperState) => PaperState, request: () => StateRequest) => {
    const before = stateOf(card);
    const message = request(); // reads the page first: a card that cannot be read changes nothing
    const wanted = optimistic(before);
    store.apply({ [card.id]: wanted });
    let failure: unknown;
    try {
      store.apply(await send(message));
      return before;
    } catch (error) {
      failure = error;
    }
    // The background may have stored the change and then stopped before answering (a service
    // worker stopped mid-request): the library, asked again, decides what the card shows, and a
    // change it holds is done rather than reported as failed.
    const stored = await send({ type: 'content:getStates', ids: [card.id] }).then((states) => stateIn(states, card.id), () => undefined);
    if (stored && sameState(stored, wanted)) {
      store.apply({ [card.id]: stored });
      return before;
    }
    if (stored && failure instanceof NoAnswerError) {
      // The worker stopped before the change was stored, and the one that just answered is awake:
      // it takes the change once more, so a Save is never lost to a worker's restart.
      try {
        store.apply(await send(message));
        return before;
      } catch (error) {
        failure = error;
      }
    }
    store.apply({ [card.id]: stored ?? before });
    throw failure;
  };
  /**
   * Logs an action's reverse as soon as the action starts, so `u` pressed a moment later undoes
   * this action even while it is still on its way; the reverse waits for it to land first. An
   * action that fails leaves nothing to undo.
   */
  const track = async (action: Promise<unknown>, label: string, reverse: () => Promise<unknown>, toast: boolean) => {
    const entry = { label, undo: async () => void (await action.then(reverse)) };
    options.undoLog.push(entry);
    if (toast) options.onActionDone(label, true);
    try {
      await action;
    } catch (error) {
      options.undoLog.remove(entry);
      throw error;
    }
  };

  const save = (card: CardRef) => apply(card, (s) => ({ ...s, saved: true }), () => ({ type: 'content:save', paper: readPaper(card) }));
  const unsave = (card: CardRef) => apply(card, (s) => ({ ...s, saved: false }), () => ({ type: 'content:unsave', id: card.id }));
  // Tagging a paper that is not saved saves it.
  const setTags = (card: CardRef, tags: string[]) =>
    // `base`: what this card showed, so the background applies the change to the tags as stored
    // by then, keeping what other tabs added meanwhile.
    apply(card, (s) => ({ ...s, saved: s.saved || tags.length > 0, tags }), () => ({ type: 'content:setTags', paper: readPaper(card), tags, base: stateOf(card).tags }));
  const hide = (card: CardRef) => apply(card, (s) => ({ ...s, hidden: true }), () => ({ type: 'content:hide', paper: readPaper(card) }));
  const unhide = (card: CardRef) => apply(card, (s) => ({ ...s, hidden: false }), () => ({ type: 'content:unhide', id: card.id }));
  const title = (card: CardRef) => `“${shorten(card.title)}”`;

  const toggleSave = (card: CardRef) => {
    const before = stateOf(card);
    if (!before.saved) return track(save(card), t('toastSaved', title(card)), () => unsave(card), false);
    // Tags went with the save in the user's mind: undo restores both.
    return track(unsave(card), t('toastRemoved', title(card)), () => (before.tags.length ? setTags(card, before.tags) : save(card)), true);
  };
  const changeTags = (card: CardRef, tags: string[]) => {
    const before = stateOf(card);
    return track(setTags(card, tags), t('toastTagsChanged', title(card)), async () => {
      await setTags(card, before.tags);
      if (!before.saved) await unsave(card);
    }, false);
  };
  const toggleHide = (card: CardRef) =>
    stateOf(card).hidden
      ? track(unhide(card), t('toastUnhid', title(card)), () => hide(card), false)
      : track(hide(card), t('toastHid', title(card)), () => unhide(card), true);

  // Each action reports its failure on the card itself, in words, until the next action.
  const busy = new Map<ActingCard, number>();
  const attempt = (target: ActingCard, action: (card: CardRef) => Promise<void>) => {
    target.clearProblem();
    const running = (busy.get(target) ?? 0) + 1;
    busy.set(target, running);
    if (running === 1) target.setBusy(true);
    action(target.card)
      .catch((error: unknown) => target.reportProblem(errorInWords(error, t('couldNotDoThat'))))
      .finally(() => {
        const left = (busy.get(target) ?? 1) - 1;
        if (left > 0) busy.set(target, left);
        else {
          busy.delete(target);
          target.setBusy(false);
        }
      });
  };

  return {
    callbacksFor: (target) => ({
      onToggleSave: () => attempt(target, toggleSave),
      onSetTags: (tags) => attempt(target, (card) => changeTags(card, tags)),
      onToggleHide: () => attempt(target, toggleHide),
      onReveal: () => options.reveal(target.card),
      tagCounts: options.tagCounts,
    }),
  };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
