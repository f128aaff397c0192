import { useRef, useState } from 'preact/hooks';
import type { PaperState } from '../lib/paper/model';
import { TagEditor } from './TagEditor';

export interface CardControlsProps {
  title: string;
  /** Undefined until the background has answered: the controls show but do not claim a state. */
  state: PaperState | undefined;
  /** A failed action, in words; shown until the next action. */
  problem?: string | undefined;
  onToggleSave(): void;
  onSetTags(tags: string[]): void;
  onHide(): void;
  onShow(): void;
}

/** Save, Tags and Hide for one paper card; a one-line stub with "Show" once hidden. */
export function CardControls({ title, state, problem, onToggleSave, onSetTags, onHide, onShow }: CardControlsProps) {
  const [editing, setEditing] = useState(false);
  const tagsButton = useRef<HTMLButtonElement>(null);
  const saved = state?.saved ?? false;
  const tags = state?.tags ?? [];

  if (state?.hidden) {
    return (
      <div class="bar stub" role="group" aria-label="Papershelf">
        <span class="stub-label">Hidden</span>
        <span class="stub-title" title={title}>{title}</span>
        <button type="button" class="btn" onClick={onShow}>Show</button>
      </div>
    );
  }

  const closeEditor = () => {
    setEditing(false);
    tagsButton.current?.focus();
  };

  return (
    <div class="bar" role="group" aria-label="Papershelf">
      <button type="button" class="btn save" aria-pressed={saved} onClick={onToggleSave} title={saved ? 'Remove from your library' : 'Save to your library'}>
        <span aria-hidden="true">{saved ? '★' : '☆'}</span> Save
      </button>
      <button
        ref={tagsButton}
        type="button"
        class="btn"
        aria-expanded={editing}
        aria-label={tags.length ? `Tags: ${tags.join(', ')}` : 'Tags'}
        onClick={() => setEditing(!editing)}
      >
        <span aria-hidden="true">#</span> Tags{tags.length > 0 && <span class="count"> {tags.length}</span>}
      </button>
      <button type="button" class="btn" onClick={onHide} title="Collapse this paper here and on every later visit">
        <span aria-hidden="true">⊘</span> Hide
      </button>
      {tags.length > 0 && (
        <span class="chips" aria-hidden="true">
          {tags.map((tag) => <span key={tag} class="chip">{tag}</span>)}
        </span>
      )}
      {problem && <span class="problem" role="status">{problem}</span>}
      {editing && <TagEditor paperTitle={title} tags={tags} onChange={onSetTags} onClose={closeEditor} />}
    </div>
  );
}
