import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { tagKey, type TagCount } from '../../lib/paper/tags';
import { describeRename, planRename } from './tag-rename';
import { plural, t } from '../../lib/i18n/t';

export interface TagTableProps {
  /** Every tag of the library with its count, most used first. */
  tags: readonly TagCount[];
  /** Work is running: renames and deletes wait. */
  busy: boolean;
  /** Lists the papers with this tag. */
  onShow(tag: string): void;
  /** Resolves true when done (the field closes), false when refused (it stays, with the reason shown elsewhere). */
  onRename(from: string, to: string): Promise<boolean>;
  onDelete(tag: string): void;
}

/** Rows drawn at most; the search finds the others. */
const MAX_LISTED = 500;

const papers = (count: number) => plural(count, 'paperCountOne', 'paperCountMany');

/**
 * Every tag with its count: click one to list its papers, rename it in place (saying before the
 * user confirms when the new name is another tag, which merges the two), or delete it. Props in,
 * callbacks out.
 */
export function TagTable({ tags, busy, onShow, onRename, onDelete }: TagTableProps) {
  const [find, setFind] = useState('');
  const [editing, setEditing] = useState<{ tag: string; draft: string }>();
  const table = useRef<HTMLDivElement>(null);
  // When the field closes the focus goes to the tag's Rename button (the new name's, once the
  // library lists it), not to the page's body.
  const refocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (editing !== undefined || refocus.current === undefined) return;
    const tag = refocus.current;
    const button = [...(table.current?.querySelectorAll<HTMLButtonElement>('button[data-rename]') ?? [])].find((candidate) => candidate.dataset.rename === tag);
    if (!button) return;
    refocus.current = undefined;
    button.focus();
  }, [editing, tags]);
  const cancel = () => {
    refocus.current = editing?.tag;
    setEditing(undefined);
  };
  const wanted = tagKey(find.trim());
  const matching = wanted ? tags.filter((tag) => tagKey(tag.tag).includes(wanted)) : tags;
  const listed = matching.slice(0, MAX_LISTED);

  const submit = async (from: string, draft: string) => {
    const plan = planRename(tags, from, draft);
    if (plan.kind === 'invalid' || plan.kind === 'unchanged') return;
    const to = plan.kind === 'merge' ? plan.into : plan.to;
    refocus.current = undefined;
    if (!(await onRename(from, to))) return;
    refocus.current = to;
    setEditing(undefined);
  };

  return (
    <div class="tag-table" ref={table}>
      {tags.length > 8 && (
        <input type="search" class="search" aria-label={t('findATag')} placeholder={t('findATag')} value={find} onInput={(event) => setFind(event.currentTarget.value)} />
      )}
      {tags.length === 0 && <p class="muted">{t('noTagsYet')}</p>}
      {tags.length > 0 && matching.length === 0 && <p class="muted">{t('noTagHolds', find.trim())}</p>}
      <ul class="tag-rows" aria-label={t('everyTag')}>
        {listed.map(({ tag, count }) => {
          const open = editing?.tag === tag;
          return (
            <li key={tag} class="tag-row">
              {open ? (
                <RenameForm
                  tag={tag}
                  draft={editing.draft}
                  tags={tags}
                  busy={busy}
                  onDraft={(draft) => setEditing({ tag, draft })}
                  onSubmit={() => void submit(tag, editing.draft)}
                  onCancel={cancel}
                />
              ) : (
                <>
                  <button type="button" class="link-button tag-name" aria-label={t('showPapersTagged', tag)} onClick={() => onShow(tag)}>
                    {tag}
                  </button>
                  <span class="tag-count">{papers(count)}</span>
                  <button type="button" class="button" data-rename={tag} aria-label={t('renameTagNamed', tag)} disabled={busy} onClick={() => setEditing({ tag, draft: tag })}>
                    {t('rename')}
                  </button>
                  <button type="button" class="button danger" aria-label={t('deleteTagNamed', tag)} disabled={busy} onClick={() => onDelete(tag)}>
                    {t('delete')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {matching.length > listed.length && <p class="muted">{t('moreTagsTypeToFind', (matching.length - listed.length).toLocaleString('en'))}</p>}
    </div>
  );
}

interface RenameFormProps {
  tag: string;
  draft: string;
  tags: readonly TagCount[];
  busy: boolean;
  onDraft(draft: string): void;
  onSubmit(): void;
  onCancel(): void;
}

function RenameForm({ tag, draft, tags, busy, onDraft, onSubmit, onCancel }: RenameFormProps) {
  const input = useRef<HTMLInputElement>(null);
  // Opened by a click on Rename: typing the new name is what comes next.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const plan = planRename(tags, tag, draft);
  // One rename is open at a time: fixed ids are unique.
  const hintId = 'rename-hint';
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <form
      class="rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <label for="rename-field">{t('newNameFor', tag)}</label>
      <input
        id="rename-field"
        type="text"
        aria-describedby={hintId}
        aria-invalid={plan.kind === 'invalid' ? 'true' : undefined}
        autocomplete="off"
        spellcheck={false}
        value={draft}
        ref={input}
        onInput={(event) => onDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="button primary" disabled={busy || plan.kind === 'invalid' || plan.kind === 'unchanged'}>
        {plan.kind === 'merge' ? t('merge') : t('rename')}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t('cancel')}
      </button>
      <p id={hintId} class={plan.kind === 'invalid' ? 'problem rename-hint' : plan.kind === 'merge' ? 'warning-text rename-hint' : 'muted rename-hint'} aria-live="polite">
        {describeRename(tag, plan)}
      </p>
    </form>
  );
}
