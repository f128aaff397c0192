import { useState } from 'preact/hooks';
import { messageOf, type Outcome } from './ask';
import { downloadBackup } from './backup';

/** One file with the whole library, its settings and rules; Import restores it. */
export function BackupSection() {
  const [note, setNote] = useState<Outcome>();
  const download = async () => {
    try {
      setNote({ tone: 'done', text: await downloadBackup() });
    } catch (error) {
      setNote({ tone: 'error', text: `Could not make a backup: ${messageOf(error)}` });
    }
  };
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p class="muted">
        One JSON file with every paper (saved, hidden and tagged) and your settings. Import it here to restore the library.
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={() => void download()}>
          Download backup
        </button>
      </div>
      {note && (
        <p class={note.tone === 'error' ? 'problem' : 'muted'} role={note.tone === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </section>
  );
}
