import { useState } from 'preact/hooks';
import { AUTO_BACKUP_KEEP_DAYS, type AutoBackup } from '../../lib/db/auto-backups';
import { useLiveQuery } from '../../lib/ui/use-live-query';
import { messageOf, type Outcome } from '../../lib/ui/ask';
import { downloadAutoBackup } from '../../lib/library-page/auto-backup-download';
import { downloadBackup } from '../../lib/library-page/backup';
import { db } from '../../lib/library-page/library-db';
import { count } from '../../lib/library-page/replace-words';
import { t } from '../../lib/i18n/t';

/** One file with the whole library, its settings and rules; Import restores it. And the copies a Replace kept. */
export function BackupSection() {
  const [note, setNote] = useState<Outcome>();
  const [writing, setWriting] = useState<number>();
  const automatic = useLiveQuery(() => db.backups.orderBy('takenAt').reverse().toArray(), []);
  const run = async (action: () => Promise<string>) => {
    try {
      setNote({ tone: 'done', text: await action() });
    } catch (error) {
      setNote({ tone: 'error', text: t('couldNotMakeBackup', messageOf(error)) });
    }
  };
  const kept = automatic.status === 'ready' ? automatic.value : [];
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backup')}</h2>
      <p class="muted">
        {t('backupExplained')}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          disabled={writing !== undefined}
          onClick={() =>
            void run(async () => {
              // A library of a million papers takes a while: the count of papers written shows meanwhile.
              setWriting(0);
              try {
                return await downloadBackup(setWriting);
              } finally {
                setWriting(undefined);
              }
            })
          }
        >
          {t('downloadBackup')}
        </button>
      </div>
      {writing !== undefined && (
        <p class="muted" role="status">
          {t('writingBackup', writing.toLocaleString('en'))}
        </p>
      )}
      <h3 id="automatic-backups-heading">{t('automaticBackups')}</h3>
      <p class="muted">
        {t('autoBackupsExplained', AUTO_BACKUP_KEEP_DAYS)}
      </p>
      {kept.length === 0 ? (
        <p class="muted">{t('noneYet')}</p>
      ) : (
        <ul class="auto-backups" aria-labelledby="automatic-backups-heading">
          {kept.map((backup) => (
            <AutoBackupItem key={backup.id} backup={backup} onDownload={() => void run(() => downloadAutoBackup(backup))} />
          ))}
        </ul>
      )}
      {note && (
        <p class={note.tone === 'error' ? 'problem' : 'muted'} role={note.tone === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}

function AutoBackupItem({ backup, onDownload }: { backup: AutoBackup; onDownload(): void }) {
  const when = new Date(backup.takenAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
  const label = t('autoBackupLabel', when, count(backup.papers, 'paper'), count(backup.rules, 'rule'), formatSize(backup.bytes));
  return (
    <li>
      <span>{label}</span>{' '}
      <button type="button" class="button" aria-label={t('downloadTheBackupFrom', when)} onClick={onDownload}>
        {t('download')}
      </button>
    </li>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return t('sizeBytes', bytes);
  if (bytes < 2 ** 20) return t('sizeKilobytes', Math.round(bytes / 1024));
  return t('sizeMegabytes', (bytes / 2 ** 20).toFixed(1));
}
