import { foldText } from '../text/fold';
import { FIELD_SEPARATOR } from './literal-source';
import type { RuleTarget } from './model';
import type { TextTest } from './regex-engine';

/** What rules see of a paper card. Listing pages do not always show the abstract, authors or categories. */
export interface RuleSubject {
  title: string;
  abstract?: string;
  authors?: readonly string[];
  /** Every category the card lists, primary and cross-lists alike. */
  categories?: readonly string[];
}

/**
 * One target of a subject as a single folded string for the word, phrase and category patterns:
 * the fields or list items joined by a separator that no pattern can match across, so a phrase
 * never runs from the end of the title into the abstract, nor from one author into the next.
 */
export function foldedHaystack(subject: RuleSubject, target: RuleTarget): string {
  switch (target) {
    case 'text':
      return foldText(subject.abstract === undefined ? subject.title : `${subject.title}${FIELD_SEPARATOR}${subject.abstract}`);
    case 'author':
      return subject.authors ? foldText(subject.authors.join(FIELD_SEPARATOR)) : '';
    case 'category':
      return subject.categories ? foldText(subject.categories.join(FIELD_SEPARATOR)) : '';
  }
}

/**
 * Whether a user's regular expression matches one field of the target, each field tested on its
 * own original text so `^` and `$` anchor the start and end of the title, the abstract, a name or
 * a category code.
 */
export function someFieldMatches(subject: RuleSubject, target: RuleTarget, regex: TextTest): boolean {
  switch (target) {
    case 'text':
      return regex.test(subject.title) || (subject.abstract !== undefined && regex.test(subject.abstract));
    case 'author':
      return someItemMatches(subject.authors, regex);
    case 'category':
      return someItemMatches(subject.categories, regex);
  }
}

// A plain loop rather than `.some(callback)`: this runs per regex rule per card, and a callback
// would be a fresh closure each time.
function someItemMatches(items: readonly string[] | undefined, regex: TextTest): boolean {
  if (items === undefined) return false;
  for (let index = 0; index < items.length; index++) {
    if (regex.test(items[index]!)) return true;
  }
  return false;
}
