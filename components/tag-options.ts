import { tagKey, tidyTag, type TagCount } from '../lib/paper/tags';

/** At most this many known tags are offered at once: the editor sits inline in a card. */
export const MAX_SHOWN_SUGGESTIONS = 8;

/** One line of the tag editor's list: a tag the library knows, or the draft as a new tag. */
export type TagOption = { kind: 'suggestion'; tag: string; count: number } | { kind: 'create'; tag: string };

/**
 * What the editor offers for a draft: known tags whose key contains the draft's, those starting
 * with it first, each group most used first (ties keep the order given, which is most used first
 * already), without the tags the paper has, at most MAX_SHOWN_SUGGESTIONS. An empty draft matches
 * every tag, so an empty field shows the top tags. When the draft is no known tag (case-insensitively)
 * a last option creates it.
 */
export function tagOptions(suggestions: readonly TagCount[], paperTags: readonly string[], draft: string): TagOption[] {
  const text = tidyTag(draft);
  const query = tagKey(text);
  const onPaper = new Set(paperTags.map(tagKey));
  let known = onPaper.has(query);
  const prefix: TagCount[] = [];
  const inside: TagCount[] = [];
  for (const suggestion of suggestions) {
    const key = tagKey(suggestion.tag);
    if (key === query) known = true;
    if (onPaper.has(key)) continue;
    if (key.startsWith(query)) prefix.push(suggestion);
    else if (key.includes(query)) inside.push(suggestion);
  }
  // Array.prototype.sort is stable, so equal counts keep the order they came in.
  const mostUsedFirst = (a: TagCount, b: TagCount) => b.count - a.count;
  const options: TagOption[] = [...prefix.sort(mostUsedFirst), ...inside.sort(mostUsedFirst)]
    .slice(0, MAX_SHOWN_SUGGESTIONS)
    .map(({ tag, count }) => ({ kind: 'suggestion', tag, count }));
  if (text !== '' && !known) options.push({ kind: 'create', tag: text });
  return options;
}
