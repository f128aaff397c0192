import { useEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import { LIMITS } from '../lib/paper/model';

export interface TagEditorProps {
  paperTitle: string;
  tags: readonly string[];
  onChange(tags: string[]): void;
  onClose(): void;
}

/**
 * A small inline editor: type a tag and press Enter (or comma) to add it, Backspace in an empty
 * field removes the last one, Escape or "Done" closes. Everything works from the keyboard.
 */
export function TagEditor({ paperTitle, tags, onChange, onClose }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    if (tag.length > LIMITS.tag) {
      setProblem(`A tag is at most ${LIMITS.tag} characters.`);
      return;
    }
    setDraft('');
    setProblem('');
    if (tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) return;
    onChange([...tags, tag]);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    // Keep the host page's own keyboard shortcuts from firing while the user types a tag.
    event.stopPropagation();
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div class="tag-editor" role="dialog" aria-label={`Tags for ${paperTitle}`}>
      <ul class="tag-list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag} class="tag">
            <span>{tag}</span>
            <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        class="tag-input"
        type="text"
        aria-label="Add a tag"
        placeholder="Add a tag, press Enter"
        maxLength={LIMITS.tag + 1}
        value={draft}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="button" class="btn" onClick={() => { add(); onClose(); }}>
        Done
      </button>
      {problem && <p class="problem" role="alert">{problem}</p>}
    </div>
  );
}
