import { useState } from 'preact/hooks';
import type { BackupSummary } from '../../lib/import/backup-file';
import { number, papers } from '../../lib/library-page/library-work';
import { restoreLargeBackup } from '../../lib/library-page/restore-backup';
import type { Outcome } from '../../lib/ui/ask';

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
        {file.name} is a Papershelf backup of {papers(total)}, too large to preview. Restore puts its papers back as the backup holds them: a paper already in the
        library takes the backup's version, and papers the backup does not hold stay.
      </p>
      {done === undefined ? (
        <div class="actions">
          <button type="button" class="button primary" onClick={() => void restore()}>
            Restore {papers(total)}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      ) : (
        <p class="muted" role="status">
          Restoring {papers(total)}… {number(done)} done.
          <progress class="reading" max={total} value={done} aria-label={`Restoring ${file.name}`} />
        </p>
      )}
    </div>
  );
}
