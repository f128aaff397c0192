import { useEffect, useState } from 'preact/hooks';
import { StatusLine } from './StatusLine';
import type { FieldStatus } from './status';
import { t } from '../../lib/i18n/t';

export interface CitationKeyEditorProps {
  paperTitle: string;
  /** The key as stored. */
  citationKey: string | undefined;
  status: FieldStatus | undefined;
  onSave(key: string): void;
  /** The user edits the key again: the last status no longer applies. */
  onEdit(): void;
}

/**
 * A paper's citation key, saved with Enter or Save key. The page checks the key's form and the
 * background whether another paper holds it; either refusal is shown here, in words. Key it by
 * paper: a draft belongs to one paper.
 */
export function CitationKeyEditor({ paperTitle, citationKey, status, onSave, onEdit }: CitationKeyEditorProps) {
  // The key being typed; dropped once the library holds the same key.
  const [draft, setDraft] = useState<string>();
  const value = draft ?? citationKey ?? '';
  useEffect(() => {
    if (draft !== undefined && draft === citationKey) setDraft(undefined);
  }, [draft, citationKey]);
  const saving = status?.tone === 'saving';

  return (
    <form
      class="key-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) onSave(value);
      }}
    >
      <label for="paper-key">{t('citationKey')}</label>
      <div class="field-row">
        <input
          id="paper-key"
          type="text"
          value={value}
          spellcheck={false}
          autocomplete="off"
          aria-label={t('citationKeyFor', paperTitle)}
          aria-invalid={status?.tone === 'error' ? 'true' : undefined}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            if (status && !saving) onEdit();
          }}
        />
        <button type="submit" class="button" disabled={saving}>
          {t('saveKey')}
        </button>
      </div>
      <StatusLine status={status} />
    </form>
  );
}
