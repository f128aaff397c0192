import { useRef, useState } from 'preact/hooks';
import type { WorkStatusProps } from '../../components/library/WorkStatus';
import { messageOf } from '../ui/ask';
import { t } from '../i18n/t';
import { number, undoWork, type Notice, type Undo, type Work } from './library-work';

export interface WorkState {
  /** While work runs: what it is and how far it got, in words ("Tagging 12,000 papers… 4,000 done."). */
  progress: string | undefined;
  /** What the last work did. */
  notice: Notice | undefined;
  busy: boolean;
  /** Runs `work` unless other work is running; resolves with its notice (undefined when refused). */
  start(work: Work): Promise<Notice | undefined>;
  undo(undo: Undo): Promise<Notice | undefined>;
  /** Shows a notice of the page's own (a refusal found before anything was sent). */
  say(notice: Notice | undefined): void;
}

/**
 * One line of progress and result for a section's edits: one piece of work at a time (the
 * buttons wait while it runs), its progress while it runs, its result in words after, with Undo.
 */
export function useLibraryWork(): WorkState {
  const [progress, setProgress] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  // A ref, not state: two clicks in one frame must not both start.
  const running = useRef(false);

  const start = async (work: Work): Promise<Notice | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setNotice(undefined);
    setProgress(t('workRunning', work.label));
    let result: Notice;
    try {
      result = await work.run((done) => {
        if (done < work.total) setProgress(t('workRunningDone', work.label, number(done)));
      });
    } catch (error) {
      result = { tone: 'error', text: t('workFailed', work.label, messageOf(error)) };

    } finally {
      running.current = false;
      setProgress(undefined);
    }
    setNotice(result);
    return result;
  };

  return { progress, notice, busy: progress !== undefined, start, undo: (undo) => start(undoWork(undo)), say: setNotice };
}

/**
 * The props of a section's WorkStatus line: the work's progress and notice, and Undo (offered once
 * the work is over) that takes back the last work and then calls `afterUndo` — where focus goes,
 * since the Undo button leaves with its line.
 */
export function workStatusOf(work: WorkState, afterUndo: () => void): WorkStatusProps {
  return {
    progress: work.progress,
    notice: work.notice,
    undoable: work.notice?.undo !== undefined && !work.busy,
    onUndo: () => {
      const undo = work.notice?.undo;
      if (undo) void work.undo(undo).then(afterUndo);
    },
  };
}
