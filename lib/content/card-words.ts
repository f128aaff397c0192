import type { PaperInput } from '../paper/model';
import type { RuleSubject } from '../rules';
import type { CardRef, CardText, SiteAdapter } from '../sites/types';

/**
 * The words of a listing's cards, read once per card and shared: rules match them and For you
 * sends them to the ranker, and on a 2,000-entry page reading them is the larger part of what
 * either costs. A card that cannot be read gives null (it matches no rule; For you sends its title).
 */
export interface CardWords {
  /** Title, abstract and authors as the ranker takes them (rules' exact read when made already): For you's words. */
  words(card: CardRef): CardText | null;
  /** Everything rules look at, the categories included. */
  subject(card: CardRef): RuleSubject | null;
}

export function createCardWords(adapter: SiteAdapter, doc: Document, url: URL): CardWords {
  /** What each card gave, and whether it was read as rules need it (exact, with the categories). */
  const read = new WeakMap<CardRef, { text: CardText | null; forRules: boolean }>();

  const readCard = (card: CardRef, forRules: boolean) => {
    // The words alone, unvalidated, where the adapter can give them; else the full record. For
    // you alone reads them as the ranker takes them (types.ts CardTextFields), for less.
    const text = adapter.readCardText?.(card, doc, url, forRules ? {} : { categories: false, exact: false });
    const entry = text ? { text, forRules } : { text: textOfPaper(adapter.readPaper(card, doc, url)), forRules: true };
    read.set(card, entry);
    return entry.text;
  };

  return {
    words(card) {
      const known = read.get(card);
      return known ? known.text : readCard(card, false);
    },
    subject(card) {
      const known = read.get(card);
      return known?.forRules ? known.text : readCard(card, true);
    },
  };
}

/** A full record's words as a card read gives them; null for a card that could not be read. */
function textOfPaper(paper: PaperInput | string): CardText | null {
  if (typeof paper === 'string') return null;
  const text: CardText = { title: paper.title };
  if (paper.abstract) text.abstract = paper.abstract;
  if (paper.authors) text.authors = paper.authors;
  const categories = paper.categories ?? (paper.primaryCategory ? [paper.primaryCategory] : undefined);
  if (categories) text.categories = categories;
  return text;
}
