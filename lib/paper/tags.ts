import { t } from '../i18n/t';
import { InWordsError } from '../text/problem-words';
import { LIMITS } from './limits';

/** A tag the library refuses; the message is written for the user and shown as it is. */
export class TagError extends InWordsError {
  override readonly name = 'TagError';
}

// C0 and C1 controls and DEL. Tabs and line breaks never get this far: they are whitespace and
// collapse to a space first, so only invisible, unprintable characters are refused.
const CONTROL_CHARACTER = /\p{Cc}/u;
const WHITESPACE_RUN = /\s+/g;

/**
 * A tag as the library stores it: trimmed, each whitespace run one space, Unicode NFC (so "é"
 * typed as one character or as e + accent is the same tag). Throws a TagError for an empty tag, a
 * tag over LIMITS.tag characters, a control character or a comma.
 *
 * Length is counted in UTF-16 code units, as PaperRecordSchema counts it, so every tag accepted
 * here is also a tag the record schema accepts.
 */
export function normalizeTag(raw: string): string {
  const tag = tidyTag(raw);
  if (tag === '') throw new TagError(t('tagEmpty'));
  if (CONTROL_CHARACTER.test(tag)) throw new TagError(t('tagControlCharacters'));
  // Commas separate tags in the editor and in BibTeX `keywords`: a tag holding one would come
  // back as two.
  if (tag.includes(',')) throw new TagError(t('tagComma'));
  if (tag.length > LIMITS.tag) throw new TagError(t('tagTooLong', LIMITS.tag, tag.length));
  return tag;
}

/**
 * The spelling half of {@link normalizeTag} without its checks: what a draft will be stored as, for
 * matching it against known tags while the user is still typing.
 */
export function tidyTag(raw: string): string {
  return raw.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * The key two tags are compared by: "LLM" and "llm" are the same tag. `toLowerCase` is Unicode's
 * default case mapping, the same in every browser locale (`toLocaleLowerCase()` would fold "I" to
 * "ı" in a Turkish browser). Everything that matches tags uses this key (the editor, setTags'
 * library spelling, tagCounts' grouping), so they never disagree. NFC so that a draft typed with
 * combining accents finds the stored tag.
 */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

/** Drops later case-insensitive repeats, keeping the first spelling and the order. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Cleans a list of tags with {@link normalizeTag} and de-duplicates it case-insensitively, keeping
 * the first spelling. Throws the TagError of the first bad tag. There is no cap on the count here:
 * LIMITS.tags bounds a record only against hostile input, and PaperRecordSchema enforces it.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  return uniqueTags(tags.map(normalizeTag));
}

/** A tag and the number of papers that carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

// Case-insensitive, locale-aware: "apple" sorts next to "Apple", "école" next to "ecole".
const alphabetical = new Intl.Collator(undefined, { sensitivity: 'base' });
// Between spellings of one tag: capitals first, since a capitalised spelling ("LLM", "BERT") is
// usually the deliberate one.
const spellingOrder = new Intl.Collator(undefined, { sensitivity: 'variant', caseFirst: 'upper' });

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Folds counts per spelling into counts per tag: spellings equal case-insensitively are one tag,
 * named by its most common spelling (a tie goes to the first alphabetically). The same spelling may
 * appear several times (one entry per paper, say); its counts add up. Sorted most used first, then
 * alphabetically (locale-aware, case-insensitive). Entries with no papers are left out.
 */
export function groupTagCounts(spellings: Iterable<TagCount>): TagCount[] {
  const groups = new Map<string, Map<string, number>>();
  for (const { tag, count } of spellings) {
    if (count <= 0) continue;
    const key = tagKey(tag);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    group.set(tag, (group.get(tag) ?? 0) + count);
  }
  const result: TagCount[] = [];
  for (const group of groups.values()) {
    let best: TagCount | undefined;
    let total = 0;
    for (const [tag, count] of group) {
      total += count;
      if (!best || count > best.count || (count === best.count && compareSpellings(tag, best.tag) < 0)) best = { tag, count };
    }
    if (best) result.push({ tag: best.tag, count: total });
  }
  return result.sort((a, b) => b.count - a.count || alphabetical.compare(a.tag, b.tag) || compareSpellings(a.tag, b.tag));
}

/** A total order on spellings, so the result never depends on the order rows arrived in. */
function compareSpellings(a: string, b: string): number {
  return spellingOrder.compare(a, b) || byCodeUnits(a, b);
}
