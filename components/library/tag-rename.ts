import { normalizeTag, TagError, tagKey, type TagCount } from '../../lib/paper/tags';
import { plural, t } from '../../lib/i18n/t';

/**
 * What renaming a tag to a draft name would do, worked out before anything is sent, so the page
 * can say it (above all that it merges two tags into one) and the
 * confirm button can say "Merge" rather than "Rename". The background decides the same way
 * (PaperRepository.renameTag): names are compared with tagKey, and a name that is already another
 * tag merges into that tag under its existing spelling.
 */
export type RenamePlan =
  | { kind: 'invalid'; reason: string }
  /** The draft is the tag as it is: nothing to do. */
  | { kind: 'unchanged' }
  /** The same tag in another case or spacing ("llm" to "LLM"): respelled on every paper. */
  | { kind: 'respell'; to: string; count: number }
  | { kind: 'rename'; to: string; count: number }
  /** The draft is another tag of the library: the two become one, named `into`. */
  | { kind: 'merge'; into: string; count: number; intoCount: number };

export function planRename(tags: readonly TagCount[], from: string, draft: string): RenamePlan {
  let to: string;
  try {
    to = normalizeTag(draft);
  } catch (error) {
    if (error instanceof TagError) return { kind: 'invalid', reason: error.message };
    throw error;
  }
  const count = tags.find((tag) => tagKey(tag.tag) === tagKey(from))?.count ?? 0;
  if (to === from) return { kind: 'unchanged' };
  if (tagKey(to) === tagKey(from)) return { kind: 'respell', to, count };
  const other = tags.find((tag) => tagKey(tag.tag) === tagKey(to));
  return other ? { kind: 'merge', into: other.tag, count, intoCount: other.count } : { kind: 'rename', to, count };
}

const papers = (count: number) => plural(count, 'paperCountOne', 'paperCountMany');

/** The plan in words, shown under the field before the user confirms. */
export function describeRename(from: string, plan: RenamePlan): string {
  switch (plan.kind) {
    case 'invalid':
      return plan.reason;
    case 'unchanged':
      return t('typeANewName');
    case 'respell':
      return t('respellsTag', from, plan.to, papers(plan.count));
    case 'rename':
      return t('renamesTag', from, plan.to, papers(plan.count));
    case 'merge':
      return t('mergesTag', plan.into, papers(plan.intoCount), from, papers(plan.count));
  }
}
