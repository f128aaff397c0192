import { useEffect, useRef } from 'preact/hooks';
import { NO_ARXIV_ID } from '../../lib/import/arxiv-id-fields';
import type { Outcome } from '../../lib/ui/ask';
import { plural } from '../../lib/ui/ask';
import { REPLACE_SAFETY_NOTE } from '../../lib/library-page/replace-words';
import { KIND_LABEL, type Preview } from '../../lib/library-page/import-file';

/** Lists in the preview stop here: a file with 50,000 rejected entries should not build 50,000 rows. */
const MAX_LISTED = 200;

export interface ImportPreviewProps {
  preview: Preview;
  mode: 'merge' | 'replace';
  /** BibTeX: whether the reference manager's keywords become tags too. */
  withManagerTags: boolean;
  onManagerTags(on: boolean): void;
  librarySize: number | undefined;
  importing: boolean;
  backupNote: Outcome | undefined;
  onMode(mode: 'merge' | 'replace'): void;
  onImport(): void;
  onCancel(): void;
  onBackupFirst(): void;
  /** Set while a Replace waits for the user's yes: the question naming what would be lost. */
  replaceQuestion?: string | undefined;
  onConfirmReplace(): void;
  onKeepLibrary(): void;
}

/** What a chosen file would do to the library, before anything is written: counts, reasons, merge or replace. */
export function ImportPreview(props: ImportPreviewProps) {
  const { preview, mode, withManagerTags, onManagerTags, librarySize, importing, backupNote, onMode, onImport, onCancel, onBackupFirst, replaceQuestion, onConfirmReplace, onKeepLibrary } = props;
  const keep = useRef<HTMLButtonElement>(null);
  // The question takes the focus, on its safe answer: Enter pressed out of habit keeps the library.
  useEffect(() => {
    if (replaceQuestion) keep.current?.focus();
  }, [replaceQuestion]);
  const replacing = mode === 'replace' && preview.replace !== undefined;
  const manager = preview.withManagerTags;
  const plan = replacing ? preview.replace! : withManagerTags && manager ? manager.merge : preview.merge;
  // Entries that are not arXiv papers are a different thing from damaged ones: counted apart.
  const notArxiv = plan.rejected.filter((entry) => entry.reason === NO_ARXIV_ID);
  const unreadable = plan.rejected.filter((entry) => entry.reason !== NO_ARXIV_ID);
  const { counts } = plan;
  const toWrite = plan.records.length;
  // Merging nothing new writes nothing; replacing always does something (it empties the library).
  const canImport = replacing || toWrite > 0;

  return (
    <div class="preview" role="region" aria-label="Import preview">
      <p>
        <strong>{preview.fileName}</strong> is {KIND_LABEL[preview.kind]}.
      </p>
      <p class="counts">
        {counts.new} new, {counts.merged} merged, {counts.unchanged} unchanged, {counts.rejected} rejected
      </p>
      {counts.duplicate > 0 && (
        <p class="muted">
          {counts.duplicate === 1 ? '1 entry names a paper' : `${counts.duplicate} entries name papers`} listed earlier in the file;{' '}
          {counts.duplicate === 1 ? 'it is' : 'they are'} folded into that entry.
        </p>
      )}

      {preview.replace && (
        <fieldset class="choice">
          <legend>How to import the backup</legend>
          <label>
            <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} disabled={importing} onChange={() => onMode('merge')} />
            Merge: add the backup's papers to the library, keeping everything already in it
          </label>
          <label>
            <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} disabled={importing} onChange={() => onMode('replace')} />
            Replace: the library becomes exactly the backup
          </label>
        </fieldset>
      )}
      {replacing && (
        <div class="warning">
          <p>
            Replace empties the library first:{' '}
            {librarySize === undefined ? 'every paper in it' : `the ${plural(librarySize, 'paper')} in it now`} (saved, hidden and
            tagged) will be replaced by the backup's {plural(toWrite, 'paper')}. {REPLACE_SAFETY_NOTE}
          </p>
          <button type="button" class="button" onClick={onBackupFirst}>
            Download a backup first
          </button>
          {backupNote && (
            <p class={backupNote.tone === 'error' ? 'problem' : 'muted'} role={backupNote.tone === 'error' ? 'alert' : 'status'}>
              {backupNote.text}
            </p>
          )}
        </div>
      )}

      {manager && (
        <label class="option">
          <input type="checkbox" checked={withManagerTags} disabled={importing} onChange={(event) => onManagerTags(event.currentTarget.checked)} />
          Also import the reference manager’s keywords as tags ({plural(manager.papersWithThem, 'paper')} have them, such as{' '}
          {manager.examples.map((tag) => `“${tag}”`).join(', ')})
        </label>
      )}

      {unreadable.length > 0 && (
        <>
          <h3>Entries that cannot be imported</h3>
          <ul class="reasons" aria-label="Rejected entries">
            {unreadable.slice(0, MAX_LISTED).map((entry, index) => (
              <li key={`${index}:${entry.entry}`}>
                <span class="entry">{entry.entry}</span>
                {entry.line !== undefined && ` (line ${entry.line})`}: {entry.reason}
              </li>
            ))}
          </ul>
          {unreadable.length > MAX_LISTED && <p class="muted">…and {unreadable.length - MAX_LISTED} more.</p>}
        </>
      )}
      {notArxiv.length > 0 && (
        <details class="not-arxiv">
          <summary>
            {notArxiv.length === 1 ? '1 entry has' : `${notArxiv.length} entries have`} no arXiv id (books, journal articles without a
            preprint) and {notArxiv.length === 1 ? 'is' : 'are'} left out
          </summary>
          <ul class="reasons" aria-label="Entries with no arXiv id">
            {notArxiv.slice(0, MAX_LISTED).map((entry, index) => (
              <li key={`${index}:${entry.entry}`}>
                <span class="entry">{entry.entry}</span>
                {entry.line !== undefined && ` (line ${entry.line})`}
              </li>
            ))}
          </ul>
          {notArxiv.length > MAX_LISTED && <p class="muted">…and {notArxiv.length - MAX_LISTED} more.</p>}
        </details>
      )}
      {plan.warnings.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul class="reasons" aria-label="Notes on the file">
            {plan.warnings.slice(0, MAX_LISTED).map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
          {plan.warnings.length > MAX_LISTED && <p class="muted">…and {plan.warnings.length - MAX_LISTED} more.</p>}
        </>
      )}

      {replacing && replaceQuestion && (
        <div class="warning" role="alertdialog" aria-label="Confirm Replace" aria-describedby="replace-question">
          <p id="replace-question">
            <strong>{replaceQuestion}</strong>
          </p>
          <div class="actions">
            <button type="button" class="button primary" disabled={importing} onClick={onConfirmReplace}>
              Replace the library
            </button>
            <button ref={keep} type="button" class="button" disabled={importing} onClick={onKeepLibrary}>
              Keep the library
            </button>
          </div>
        </div>
      )}
      {!canImport && <p class="muted">Nothing to import: the library already has everything this file holds.</p>}
      <div class="actions">
        {canImport && !(replacing && replaceQuestion) && (
          <button type="button" class="button primary" disabled={importing} onClick={onImport}>
            {importing ? `Importing ${plural(toWrite, 'paper')}…` : `Import ${plural(toWrite, 'paper')}`}
          </button>
        )}
        <button type="button" class="button" disabled={importing} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
