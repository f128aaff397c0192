import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../../lib/paper/limits';
import { StatusLine } from './StatusLine';
import type { FieldStatus } from './status';
import { t } from '../../lib/i18n/t';

export interface NoteEditorProps {
  /** The note as stored; undefined when the paper has none. */
  note: string | undefined;
  status: FieldStatus | undefined;
  onSave(note: string): void;
  /** The user typed again: the last status no longer applies. */
  onEdit(): void;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * The user's note on a paper: saved when the field loses focus, or with Save note. The limit is
 * shown as the user nears it, and a note over it is refused in words rather than cut short.
 * Key it by paper: a draft belongs to one paper.
 */
export function NoteEditor({ note, status, onSave, onEdit }: NoteEditorProps) {
  const stored = note ?? '';
  // What is typed; dropped once the library holds the same text.
  const [draft, setDraft] = useState<string>();
  const value = draft ?? stored;
  useEffect(() => {
    if (draft !== undefined && draft === stored) setDraft(undefined);
  }, [draft, stored]);

  const over = value.length > LIMITS.note;
  const changed = value !== stored;
  const save = () => {
    if (changed && !over && status?.tone !== 'saving') onSave(value);
  };

  return (
    <div class="note-editor">
      <label for="paper-note">{t('note')}</label>
      <textarea
        id="paper-note"
        rows={4}
        value={value}
        aria-describedby="paper-note-count"
        aria-invalid={over ? 'true' : undefined}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          if (status && status.tone !== 'saving') onEdit();
        }}
        onBlur={save}
      />
      <div class="field-foot">
        <span id="paper-note-count" class={over ? 'problem' : 'muted'}>
          {over ? t('noteTooLong', count(value.length), count(LIMITS.note)) : t('noteLength', count(value.length), count(LIMITS.note))}
        </span>
        <button type="button" class="button" disabled={!changed || over || status?.tone === 'saving'} onClick={save}>
          {status?.tone === 'saving' ? t('saving') : t('saveNote')}
        </button>
      </div>
      <StatusLine status={status} />
    </div>
  );
}
