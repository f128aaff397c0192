import { scoredPaper, type ScoredPaper } from '../messaging/for-you-protocol';
import { createCardWords } from '../content/card-words';
import { adapterFor } from '../sites';

/**
 * Every card's words read from a listing's bytes, as the content script would read them from the
 * page it shows: the same adapter finds the cards and `createCardWords` reads them for the ranker.
 * The document is parsed inert (no script runs, nothing loads); the bytes are the page's, hostile
 * like any page text. Undefined for an address no adapter reads; a card read twice keeps its first.
 */
export function readPageWords(page: string, url: string, parser: DOMParser): Map<string, ScoredPaper> | undefined {
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return undefined;
  }
  const adapter = adapterFor(address);
  if (!adapter) return undefined;
  const doc = parser.parseFromString(page, 'text/html');
  const words = createCardWords(adapter, doc, address);
  const papers = new Map<string, ScoredPaper>();
  for (const card of adapter.findCards(doc, address).cards) {
    if (papers.has(card.id)) continue;
    papers.set(card.id, scoredPaper(card.id, words.words(card) ?? { title: card.title }));
  }
  return papers;
}
