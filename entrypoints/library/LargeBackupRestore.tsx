import { useState } from 'preact/hooks';
import type { BackupSummary } from '../../lib/import/backup-file';
import { number, papers } from '../../lib/library-page/library-work';
import { restoreLargeBackup } from '../../lib/library-page/restore-backup';
import type { Outcome } from '../../lib/ui/ask';
import { t } from '../../lib/i18n/t';

export interface LargeBackupRestoreProps {
  file: File;
  summary: BackupSummary;
  /** The restore started: the page takes no other file until it is done. */
  onStart(): void;
  onDone(outcome: Outcome): void;
  onCancel(): void;
}

/**
 * A backup too large for the preview (lib/library-page/restore-backup.ts), checked whole already:
 * what Restore does, then its progress a chunk at a time.
 */
export function LargeBackupRestore({ file, summary, onStart, onDone, onCancel }: LargeBackupRestoreProps) {
  const [done, setDone] = useState<number>();
  const total = summary.papers;
  const restore = async () => {
    setDone(0);
    onStart();
    onDone(await restoreLargeBackup(file, total, setDone));
  };
  return (
    <div class="import-preview">
      <p>
        {t('largeBackupExplained', file.name, papers(total))}
      </p>
      {done === undefined ? (
        <div class="actions">
          <button type="button" class="button primary" onClick={() => void restore()}>
            {t('restorePapers', papers(total))}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <p class="muted" role="status">
          {t('restoringPapersDone', papers(total), number(done))}
          <progress class="reading" max={total} value={done} aria-label={t('restoringFile', file.name)} />
        </p>
      )}
    </div>
  );
}
