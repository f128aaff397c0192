import type { PageContext } from '../messaging/protocol';
import { t } from '../i18n/t';
import type { ListingRun } from './listing-run';
import { createPagePanel } from './page-panel';
import { startKeyboardTriage } from './keyboard-triage';
import { overLimitNotice } from './id-budget';
import { errorInWords } from '../text/problem-words';

export interface PageTriageOptions {
  /** The run this triage follows and drives (keys, rules, "show hidden"). */
  listing: ListingRun;
  doc: Document;
  win: Window;
  stylePanel: (root: ShadowRoot) => void;
  signal: AbortSignal;
  /** What `f` does: the run's For-you switch. */
  toggleForYou?: () => void;
}

export interface PageTriage {  /** Applies the user's rules and turns the keymap on or off. */
  setContext(context: PageContext): void;
}

/**
 * The page-wide side of triage on one listing run: undo (toast and `u`), the hidden count with its
 * "show" switch, rules, and the keymap. Everything ends with the run's signal.
 */
export function startPageTriage(options: PageTriageOptions): PageTriage {
  const { listing, doc, win, signal } = options;
  const { undoLog } = listing;
  let keys: AbortController | undefined;

  const undo = () => {
    const entry = undoLog.pop();
    if (!entry) {
      panel.toast(t('nothingToUndo'), false);
      return;
    }
    entry
      .undo()
      .then(() => panel.toast(t('undone', entry.label), false))
      .catch((error: unknown) => panel.toast(t('couldNotUndo', errorInWords(error, t('somethingUnexpected'))), false));
  };

  const panel = createPagePanel(
    doc,
    options.stylePanel,
    {
      onUndo: undo,
      onToggleRevealAll: () => listing.setRevealAll(!listing.revealedAll),
    },
    signal,
  );

  const setKeyboard = (on: boolean) => {
    if (on === (keys !== undefined)) return;
    if (!on) {
      keys?.abort();
      keys = undefined;
      panel.closeHelp();
      return;
    }
    keys = new AbortController();
    signal.addEventListener('abort', () => keys?.abort(), { once: true });
    startKeyboardTriage({
      win,
      mounts: () => listing.mountsInOrder(),
      mountOfHost: (host) => listing.mountOfHost(host),
      undo,
      toggleForYou: () => options.toggleForYou?.(),
      toggleHelp: () => panel.toggleHelp(),
      closeHelp: () => panel.closeHelp(),
      signal: keys.signal,
    });
  };

  listing.follow({
    actionDone: (label, undoable) => panel.toast(label, undoable),
    hiddenCount: (count, revealed) => panel.setHiddenCount(count, revealed),
    overLimit: (limit) => panel.setNotice(overLimitNotice(limit)),
  });

  return {
    setContext(context) {
      if (signal.aborted) return;
      const started = performance.now();
      listing.setRules(context.rules);
      // The time rules add to a page (benchmarks, DevTools' performance panel).
      performance.measure('papershelf:rules', { start: started, detail: { rules: context.rules.length } });
      setKeyboard(context.keyboardShortcuts);
    },
  };
}
