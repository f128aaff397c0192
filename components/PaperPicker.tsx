import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord } from '../lib/paper/model';
import { formatAuthors } from './paper-text';

/** What one row last heard about its citation key. */
export interface KeyStatus {
  tone: 'saving' | 'done' | 'error';
  text: string;
}

export interface PaperPickerProps {
  query: string;
  onQuery(query: string): void;
  /** The papers to list, in order (already matched and capped by the caller). */
  shown: readonly PaperRecord[];
  /** How many saved papers match the query, and how many are saved. */
  matched: number;
  total: number;
  selected: ReadonlySet<string>;
  /** How many selected papers are still saved (the export's count). */
  selectedCount: number;
  onSelect(id: string, selected: boolean): void;
  onSelectShown(): void;
  onClearSelection(): void;
  onExport(): void;
  exportNote?: string | undefined;
  keyStatus: ReadonlyMap<string, KeyStatus>;
  onSaveKey(paper: PaperRecord, key: string): void;
  /** The user edits a key again: the row's last status no longer applies. */
  onEditKey(id: string): void;
}

/**
 * Find saved papers, edit a paper's citation key, pick papers to export. Props in, callbacks out:
 * no browser APIs and no database here. Text is rendered as text, never HTML.
 */
export function PaperPicker(props: PaperPickerProps) {
  const { query, onQuery, shown, matched, total, selected, selectedCount } = props;
  const capped = matched > shown.length;
  return (
    <div class="picker">
      <div class="field">
        <label for="paper-search">Search papers</label>
        <input
          id="paper-search"
          type="search"
          value={query}
          placeholder="Title, author, arXiv id or tag"
          aria-describedby="paper-search-count"
          onInput={(event) => onQuery(event.currentTarget.value)}
        />
      </div>
      <p id="paper-search-count" class="muted" role="status">
        {matched} of {total} saved papers match{capped ? `; showing the first ${shown.length}.` : '.'}
      </p>
      <div class="actions">
        <button type="button" class="button" disabled={shown.length === 0} onClick={props.onSelectShown}>
          Select all {shown.length} shown
        </button>
        <button type="button" class="button" disabled={selected.size === 0} onClick={props.onClearSelection}>
          Clear selection
        </button>
        <button type="button" class="button primary" disabled={selectedCount === 0} onClick={props.onExport}>
          Export {selectedCount} selected
        </button>
      </div>
      {props.exportNote && (
        <p class="muted" role="status">
          {props.exportNote}
        </p>
      )}
      {shown.length > 0 && (
        <ul class="picker-list" aria-label="Matching papers">
          {shown.map((paper) => (
            <PaperRow
              key={paper.id}
              paper={paper}
              checked={selected.has(paper.id)}
              status={props.keyStatus.get(paper.id)}
              onSelect={props.onSelect}
              onSaveKey={props.onSaveKey}
              onEditKey={props.onEditKey}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface PaperRowProps {
  paper: PaperRecord;
  checked: boolean;
  status: KeyStatus | undefined;
  onSelect(id: string, selected: boolean): void;
  onSaveKey(paper: PaperRecord, key: string): void;
  onEditKey(id: string): void;
}

function PaperRow({ paper, checked, status, onSelect, onSaveKey, onEditKey }: PaperRowProps) {
  // The key being typed; dropped once the library holds the same key.
  const [draft, setDraft] = useState<string>();
  const value = draft ?? paper.citationKey ?? '';
  useEffect(() => {
    if (draft !== undefined && draft === paper.citationKey) setDraft(undefined);
  }, [draft, paper.citationKey]);

  const keyId = `key-${paper.id}`;
  const saving = status?.tone === 'saving';
  return (
    <li class="picker-row">
      <label class="picker-pick">
        <input type="checkbox" checked={checked} aria-label={`Select ${paper.title}`} onChange={(event) => onSelect(paper.id, event.currentTarget.checked)} />
        <span class="picker-title">{paper.title}</span>
      </label>
      <div class="paper-meta muted">
        <span>{formatAuthors(paper)}</span>
        <span> · arXiv:{paper.id}</span>
        {paper.tags.length > 0 && <span> · {paper.tags.join(', ')}</span>}
      </div>
      <form
        class="picker-key"
        onSubmit={(event) => {
          event.preventDefault();
          if (!saving) onSaveKey(paper, value);
        }}
      >
        <input
          id={keyId}
          type="text"
          value={value}
          spellcheck={false}
          autocomplete="off"
          aria-label={`Citation key for ${paper.title}`}
          aria-invalid={status?.tone === 'error' ? 'true' : undefined}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            if (status && !saving) onEditKey(paper.id);
          }}
        />
        <button type="submit" class="button" disabled={saving}>
          Save key
        </button>
      </form>
      {status && status.tone !== 'saving' && (
        <p class={status.tone === 'error' ? 'problem' : 'done'} role={status.tone === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </li>
  );
}
