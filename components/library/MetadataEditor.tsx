import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord } from '../../lib/paper/model';
import { draftOf, editedByHand, metadataChanges, type MetadataChanges, type MetadataDraft } from './metadata-draft';
import { StatusLine } from './StatusLine';
import type { FieldStatus } from './status';
import { t } from '../../lib/i18n/t';

export interface MetadataEditorProps {
  paper: Pick<PaperRecord, 'title' | 'authors' | 'publishedAt' | 'userEdited'>;
  status: FieldStatus | undefined;
  /** Only the fields that changed. */
  onSave(changes: MetadataChanges): void;
  /** A refusal found on the page, before anything is sent; or undefined when the user edits again. */
  onStatus(status: FieldStatus | undefined): void;
}

/**
 * Corrects a paper's title, authors (one per line) and publication date by hand. What the user
 * changes here is theirs: look-ups and listing pages leave it as it is from then on, and the form
 * says which fields that applies to. Until the user types, it follows the library (a look-up
 * that completes the authors shows at once). Key it by paper.
 */
export function MetadataEditor({ paper, status, onSave, onStatus }: MetadataEditorProps) {
  const [draft, setDraft] = useState<MetadataDraft>();
  const value = draft ?? draftOf(paper);
  const check = metadataChanges(paper, value);
  // Saved (or typed back to what is stored): the form follows the library again.
  const unchanged = check.ok && check.count === 0;
  useEffect(() => {
    if (draft !== undefined && unchanged) setDraft(undefined);
  }, [draft, unchanged]);
  const saving = status?.tone === 'saving';
  const byHand = editedByHand(paper);

  const edit = (patch: Partial<MetadataDraft>) => {
    setDraft({ ...value, ...patch });
    if (status && !saving) onStatus(undefined);
  };

  return (
    <form
      class="metadata-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (saving) return;
        if (!check.ok) onStatus({ tone: 'error', text: check.reason });
        else if (check.count === 0) onStatus({ tone: 'done', text: t('nothingToSaveMetadata') });
        else onSave(check.changes);
      }}
    >
      <fieldset>
        <legend>{t('correctTheMetadata')}</legend>
        <label for="paper-title-edit">{t('title')}</label>
        <input id="paper-title-edit" type="text" value={value.title} onInput={(event) => edit({ title: event.currentTarget.value })} />
        <label for="paper-authors-edit">{t('authorsOnePerLine')}</label>
        <textarea id="paper-authors-edit" rows={4} value={value.authors} onInput={(event) => edit({ authors: event.currentTarget.value })} />
        <label for="paper-date-edit">{t('datePublishedField')}</label>
        <input
          id="paper-date-edit"
          type="text"
          inputMode="numeric"
          placeholder="2017-06-12"
          autocomplete="off"
          value={value.publishedAt}
          onInput={(event) => edit({ publishedAt: event.currentTarget.value })}
        />
        <p class="muted" id="metadata-hint">
          {byHand
            ? t(paper.userEdited?.length === 1 ? 'correctedByHandOne' : 'correctedByHand', byHand)
            : t('correctionsStay')}
        </p>
        <div class="field-row">
          <button type="submit" class="button" disabled={saving || unchanged} aria-describedby="metadata-hint">
            {saving ? t('saving') : t('saveMetadata')}
          </button>
          {draft !== undefined && !unchanged && (
            <button
              type="button"
              class="button"
              disabled={saving}
              onClick={() => {
                setDraft(undefined);
                onStatus(undefined);
              }}
            >
              {t('discardChanges')}
            </button>
          )}
        </div>
      </fieldset>
      <StatusLine status={status} />
    </form>
  );
}
