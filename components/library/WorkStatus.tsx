import { t } from '../../lib/i18n/t';

export interface WorkStatusProps {
  /** While work runs, what it is and how far it got. */
  progress: string | undefined;
  /** What the last work did. */
  notice: { tone: 'done' | 'error'; text: string } | undefined;
  /** The last work can be undone (a part of it, after a failure part-way). */
  undoable: boolean;
  onUndo(): void;
}

/**
 * A section's progress and result line: "Tagging 12,000 papers… 4,000 done.", then what was done
 * with Undo, or what went wrong (an alert, read out at once). The status element is always there,
 * so assistive tools announce each change of its text.
 */
export function WorkStatus({ progress, notice, undoable, onUndo }: WorkStatusProps) {
  const undo = (
    <button type="button" class="link-button" onClick={onUndo}>
      {t('undo')}
    </button>
  );
  return (
    <>
      {!progress && notice?.tone === 'error' && (
        <p class="problem" role="alert">
          {notice.text} {undoable && undo}
        </p>
      )}
      <div class="status" role="status">
        {progress && <span>{progress}</span>}
        {!progress && notice?.tone === 'done' && (
          <>
            <span>{notice.text}</span>
            {undoable && undo}
          </>
        )}
      </div>
    </>
  );
}
