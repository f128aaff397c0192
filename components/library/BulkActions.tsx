import { useState } from 'preact/hooks';
import { normalizeTag, TagError, type TagCount } from '../../lib/paper/tags';
import { t } from '../../lib/i18n/t';

export interface BulkActionsProps {
  /** Selected papers the library holds. */
  selectedCount: number;
  /** Of those, how many the current filter does not show. */
  notShown: number;
  /** Papers matching the filter, once all are found; undefined while searching. */
  matching: number | undefined;
  /** Of the selected papers, how many are hidden, and how many saved. */
  hiddenCount: number;
  savedCount: number;
  /** Every tag of the library, most used first: what "Tag to add" suggests. */
  suggestions: readonly TagCount[];
  /** The tags the selected papers carry, each with how many of them have it. */
  selectedTags: readonly TagCount[];
  /** Work is running: every action waits. */
  busy: boolean;
  onSelectAll(): void;
  onClear(): void;
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onUnhide(): void;
  onUnsave(): void;
  onDelete(): void;
  onExport(): void;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * The selection and what can be done to it: select every paper matching the filter or none; add
 * or remove a tag, unhide, unsave, delete, export BibTeX. Each button says how many papers it
 * acts on. Props in, callbacks out.
 */
export function BulkActions(props: BulkActionsProps) {
  const { selectedCount, notShown, matching, hiddenCount, savedCount, selectedTags, busy } = props;
  const [addDraft, setAddDraft] = useState('');
  const [addProblem, setAddProblem] = useState('');
  const [removeChoice, setRemoveChoice] = useState('');
  const none = selectedCount === 0;
  // A tag no selected paper has any more falls back to the prompt.
  const removable = selectedTags.some((tag) => tag.tag === removeChoice) ? removeChoice : '';

  const addTag = () => {
    try {
      const tag = normalizeTag(addDraft);
      setAddProblem('');
      setAddDraft('');
      props.onAddTag(tag);
    } catch (error) {
      if (!(error instanceof TagError)) throw error;
      setAddProblem(error.message);
    }
  };

  return (
    <div class="bulk" role="group" aria-label={t('selection')}>
      <div class="bulk-row">
        <p class="bulk-count" id="selection-count" aria-live="polite">
          {notShown > 0 ? t('selectedNotShown', count(selectedCount), count(notShown)) : t('selectedCount', count(selectedCount))}
        </p>
        <button type="button" class="button" disabled={!matching || busy} onClick={props.onSelectAll}>
          {matching === undefined ? t('selectAllMatching') : t('selectAllCountMatching', count(matching))}
        </button>
        <button type="button" class="button" disabled={none || busy} onClick={props.onClear}>
          {t('clearSelection')}
        </button>
      </div>
      <div class="bulk-row">
        <form
          class="bulk-tag"
          onSubmit={(event) => {
            event.preventDefault();
            if (!none && !busy) addTag();
          }}
        >
          <input
            type="text"
            list="bulk-tag-options"
            aria-label={t('tagToAdd')}
            aria-describedby="selection-count"
            aria-invalid={addProblem ? 'true' : undefined}
            placeholder={t('tagToAdd')}
            autocomplete="off"
            spellcheck={false}
            value={addDraft}
            onInput={(event) => {
              setAddDraft(event.currentTarget.value);
              setAddProblem('');
            }}
          />
          <datalist id="bulk-tag-options">
            {props.suggestions.map((tag) => (
              <option key={tag.tag} value={tag.tag} />
            ))}
          </datalist>
          <button type="submit" class="button" disabled={none || busy || addDraft.trim() === ''}>
            {t('addTag')}
          </button>
        </form>
        <form
          class="bulk-tag"
          onSubmit={(event) => {
            event.preventDefault();
            if (removable && !busy) props.onRemoveTag(removable);
          }}
        >
          <select aria-label={t('tagToRemove')} aria-describedby="selection-count" value={removable} disabled={selectedTags.length === 0} onChange={(event) => setRemoveChoice(event.currentTarget.value)}>
            <option value="">{selectedTags.length === 0 ? t('noTagsOnTheSelection') : t('tagToRemovePrompt')}</option>
            {selectedTags.map((tag) => (
              <option key={tag.tag} value={tag.tag}>
                {t('tagOnSomeOfSelection', tag.tag, count(tag.count), count(selectedCount))}
              </option>
            ))}
          </select>
          <button type="submit" class="button" disabled={!removable || busy}>
            {t('removeTag')}
          </button>
        </form>
      </div>
      {addProblem && (
        <p class="problem" role="alert">
          {addProblem}
        </p>
      )}
      <div class="bulk-row">
        <button type="button" class="button" disabled={hiddenCount === 0 || busy} onClick={props.onUnhide}>
          {t('unhideCountHidden', count(hiddenCount))}
        </button>
        <button type="button" class="button" disabled={savedCount === 0 || busy} onClick={props.onUnsave} title={t('unsaveKeepsThePapers')}>
          {t('unsaveCountSaved', count(savedCount))}
        </button>
        <button type="button" class="button danger" disabled={none || busy} onClick={props.onDelete}>
          {t('deleteCountSelected', count(selectedCount))}
        </button>
        <button type="button" class="button primary" disabled={none || busy} onClick={props.onExport}>
          {t('exportCountSelected', count(selectedCount))}
        </button>
      </div>
    </div>
  );
}
