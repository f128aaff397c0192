import { useEffect, useRef } from 'preact/hooks';
import { noArxivIdReason } from '../../lib/import/arxiv-id-fields';
import type { Outcome } from '../../lib/ui/ask';
import { replaceSafetyNote } from '../../lib/library-page/replace-words';
import type { Preview } from '../../lib/library-page/import-file';
import { plural, t, type MessageKey } from '../../lib/i18n/t';
import { slot, withParts } from '../../lib/i18n/slots';

/** Lists in the preview stop here: a file with 50,000 rejected entries should not build 50,000 rows. */
const MAX_LISTED = 200;

/** What kind of file was read, in words. */
const KIND_WORDS: Readonly<Record<Preview['kind'], MessageKey>> = { bibtex: 'kindBibtex', backup: 'kindBackup', papermemory: 'kindPaperMemory' };

/** "1 paper", "12 papers": counts as the import's words always showed them, without digit grouping. */
const papers = (count: number) => plural(count, 'paperCountOne', 'paperCountMany', String(count));

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
  const noArxivId = noArxivIdReason();
  const notArxiv = plan.rejected.filter((entry) => entry.reason === noArxivId);
  const unreadable = plan.rejected.filter((entry) => entry.reason !== noArxivId);

  const { counts } = plan;
  const toWrite = plan.records.length;
  // Merging nothing new writes nothing; replacing always does something (it empties the library).
  const canImport = replacing || toWrite > 0;

  return (
    <div class="preview" role="region" aria-label={t('importPreview')}>
      <p>
        {withParts(t('fileIsKind', slot(0), t(KIND_WORDS[preview.kind])), [<strong key="file">{preview.fileName}</strong>])}
      </p>
      <p class="counts">
        {t('importCounts', counts.new, counts.merged, counts.unchanged, counts.rejected)}
      </p>
      {counts.duplicate > 0 && (
        <p class="muted">
          {plural(counts.duplicate, 'duplicateEntriesOne', 'duplicateEntries', String(counts.duplicate))}
        </p>
      )}

      {preview.replace && (
        <fieldset class="choice">
          <legend>{t('howToImportTheBackup')}</legend>
          <label>
            <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} disabled={importing} onChange={() => onMode('merge')} />
            {t('mergeBackupChoice')}
          </label>
          <label>
            <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} disabled={importing} onChange={() => onMode('replace')} />
            {t('replaceBackupChoice')}
          </label>
        </fieldset>
      )}
      {replacing && (
        <div class="warning">
          <p>
            {librarySize === undefined ? t('replaceEmptiesEveryPaper', papers(toWrite)) : t('replaceEmptiesPapers', papers(librarySize), papers(toWrite))} {replaceSafetyNote()}
          </p>
          <button type="button" class="button" onClick={onBackupFirst}>
            {t('downloadABackupFirst')}
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
          {t('alsoImportManagerKeywords', papers(manager.papersWithThem), manager.examples.map((tag) => t('quoted', tag)).join(', '))}
        </label>
      )}

      {unreadable.length > 0 && (
        <>
          <h3>{t('entriesThatCannotBeImported')}</h3>
          <ul class="reasons" aria-label={t('rejectedEntries')}>
            {unreadable.slice(0, MAX_LISTED).map((entry, index) => (
              <li key={`${index}:${entry.entry}`}>
                <span class="entry">{entry.entry}</span>
                {entry.line !== undefined && <> {t('onLine', entry.line)}</>}: {entry.reason}
              </li>
            ))}
          </ul>
          {unreadable.length > MAX_LISTED && <p class="muted">{t('andMore', unreadable.length - MAX_LISTED)}</p>}
        </>
      )}
      {notArxiv.length > 0 && (
        <details class="not-arxiv">
          <summary>
            {plural(notArxiv.length, 'noArxivIdLeftOutOne', 'noArxivIdLeftOut', String(notArxiv.length))}
          </summary>
          <ul class="reasons" aria-label={t('entriesWithNoArxivId')}>
            {notArxiv.slice(0, MAX_LISTED).map((entry, index) => (
              <li key={`${index}:${entry.entry}`}>
                <span class="entry">{entry.entry}</span>
                {entry.line !== undefined && <> {t('onLine', entry.line)}</>}
              </li>
            ))}
          </ul>
          {notArxiv.length > MAX_LISTED && <p class="muted">{t('andMore', notArxiv.length - MAX_LISTED)}</p>}
        </details>
      )}
      {plan.warnings.length > 0 && (
        <>
          <h3>{t('notes')}</h3>
          <ul class="reasons" aria-label={t('notesOnTheFile')}>
            {plan.warnings.slice(0, MAX_LISTED).map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
          {plan.warnings.length > MAX_LISTED && <p class="muted">{t('andMore', plan.warnings.length - MAX_LISTED)}</p>}
        </>
      )}

      {replacing && replaceQuestion && (
        <div class="warning" role="alertdialog" aria-label={t('confirmReplace')} aria-describedby="replace-question">
          <p id="replace-question">
            <strong>{replaceQuestion}</strong>
          </p>
          <div class="actions">
            <button type="button" class="button primary" disabled={importing} onClick={onConfirmReplace}>
              {t('replaceTheLibrary')}
            </button>
            <button ref={keep} type="button" class="button" disabled={importing} onClick={onKeepLibrary}>
              {t('keepTheLibrary')}
            </button>
          </div>
        </div>
      )}
      {!canImport && <p class="muted">{t('nothingToImport')}</p>}
      <div class="actions">
        {canImport && !(replacing && replaceQuestion) && (
          <button type="button" class="button primary" disabled={importing} onClick={onImport}>
            {importing ? t('importingPapers', papers(toWrite)) : t('importPapers', papers(toWrite))}
          </button>
        )}
        <button type="button" class="button" disabled={importing} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
