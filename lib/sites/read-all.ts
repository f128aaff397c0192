import type { AdapterResult, SiteAdapter } from './types';

/**
 * Finds and fully reads every card: what tests, tools and rules need. A card whose paper cannot be
 * read is skipped and counted like one that could not be found.
 */
export function readAllCards(adapter: SiteAdapter, root: ParentNode, url: URL): AdapterResult {
  const found = adapter.findCards(root, url);
  const notes = adapter.pageNotes?.(root, url) ?? [];
  const result: AdapterResult = { cards: [], skipped: found.skipped, problems: [...notes, ...found.problems] };
  for (const card of found.cards) {
    const paper = adapter.readPaper(card, root, url);
    if (typeof paper === 'string') {
      result.skipped += 1;
      result.problems.push(`${card.id}: ${paper}`);
    } else {
      result.cards.push({ ...card, paper });
    }
  }
  return result;
}
