import { useRef } from 'preact/hooks';
import { TagTable } from '../../components/library/TagTable';
import { WorkStatus } from '../../components/library/WorkStatus';
import { tagKey, type TagCount } from '../../lib/paper/tags';
import type { LiveResult } from '../../lib/ui/use-live-query';
import { ask, sentence } from '../../lib/ui/ask';
import { deleteTagUndo, papers, quoted, type Notice, type Work } from '../../lib/library-page/library-work';
import { useLibraryWork, workStatusOf } from '../../lib/library-page/use-library-work';
import { plural, t } from '../../lib/i18n/t';

export interface TagsSectionProps {
  /** tagCounts, live: every tag of the library with its count. */
  tags: LiveResult<TagCount[]>;
  /** Lists the papers with this tag in the Papers section. */
  onShowTag(tag: string): void;
}

/**
 * Every tag with its count. Rename one (a name that is another tag merges the two, as the field
 * says before the user confirms), delete one (Undo puts it back on exactly the papers that had
 * it: deleteTagUndo), or click one to list its papers. Renaming and merging are undone by putting the changed
 * papers back as they were.
 */
export function TagsSection({ tags, onShowTag }: TagsSectionProps) {
  const work = useLibraryWork();
  const section = useRef<HTMLElement>(null);
  const list = tags.status === 'ready' ? tags.value : [];

  const rename = async (from: string, to: string): Promise<boolean> => {
    const merging = list.some((tag) => tagKey(tag.tag) === tagKey(to) && tagKey(tag.tag) !== tagKey(from));
    const notice = await work.start(renameWork(from, to, merging));
    return notice?.tone === 'done';
  };

  const remove = (tag: string) => void work.start(deleteTagWork(tag));

  return (
    <section aria-labelledby="tags-heading" ref={section}>
      <h2 id="tags-heading" tabIndex={-1}>
        {t('tags')}
      </h2>
      {tags.status === 'loading' && <p class="muted">{t('readingYourTags')}</p>}
      {tags.status === 'error' && (
        <p class="problem" role="alert">
          {t('couldNotReadTags', tags.error)}
        </p>
      )}
      {tags.status === 'ready' && (
        <>
          <p class="muted">
            {plural(list.length, 'tagCountMostUsedFirstOne', 'tagCountMostUsedFirst')}
          </p>
          <TagTable tags={list} busy={work.busy} onShow={onShowTag} onRename={rename} onDelete={remove} />
        </>
      )}
      {/* The focus stays in the section after Undo: on its heading. */}
      <WorkStatus {...workStatusOf(work, () => section.current?.querySelector<HTMLElement>('#tags-heading')?.focus())} />
    </section>
  );
}

/** One request: the background renames (or merges) on every paper in one transaction. */
function renameWork(from: string, to: string, merging: boolean): Work {
  return {
    label: t(merging ? 'mergingTag' : 'renamingTag', quoted(from), quoted(to)),
    total: 0,
    async run(): Promise<Notice> {
      const reply = await ask({ type: 'ui:renameTag', from, to });
      if (!reply.ok) return { tone: 'error', text: t('tagNotRenamed', quoted(from), sentence(reply.error)) };
      const { previous } = reply.result;
      const text = t(merging ? 'mergedTag' : 'renamedTag', quoted(from), quoted(to), papers(previous.length));
      return { tone: 'done', text, ...(previous.length > 0 && { undo: { kind: 'restore', records: previous } }) };
    },
  };
}

/** One request; Undo adds the tag back to the papers the answer says had it. */
function deleteTagWork(tag: string): Work {
  return {
    label: t('deletingTag', quoted(tag)),
    total: 0,
    async run(): Promise<Notice> {
      const reply = await ask({ type: 'ui:deleteTag', tag });
      if (!reply.ok) return { tone: 'error', text: t('tagNotDeleted', quoted(tag), sentence(reply.error)) };
      const { previous } = reply.result;
      // The tag as those papers spelled it, so Undo brings back the same spelling.
      const spelled = previous[0]?.tags.find((own) => tagKey(own) === tagKey(tag)) ?? tag;
      const undo = deleteTagUndo(previous, spelled);
      return { tone: 'done', text: t('deletedTag', quoted(tag), papers(previous.length)), ...(undo && { undo }) };
    },
  };
}
