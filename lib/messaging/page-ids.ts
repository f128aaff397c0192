import type { LibraryInput, PaperInput, StateMap } from '../paper/model';
import { arxivIdOf, paperIdOf, type PaperId } from '../paper/paper-id';
import type { BackgroundPush } from './protocol';

/**
 * Where a listing page's ids meet the library's. A page names its papers by the ids it shows (the
 * arXiv id of a card, `data-papershelf-id`); the library keys them by PaperId. The background
 * tags what a listing page sends here, and untags the states it answers or pushes to tabs, so
 * the content script and the site adapters never deal in tags. Every listing site names papers
 * by arXiv id today; a site with another kind of id would send its kind with its requests.
 */

/** The library's id of the paper a listing page names by `pageId` (already checked as an arXiv id). */
export function paperIdFromPage(pageId: string): PaperId {
  return paperIdOf('arxiv', pageId);
}

/** What a page read, as the library takes it. */
export function libraryInputFromPage(paper: PaperInput): LibraryInput {
  return { ...paper, id: paperIdFromPage(paper.id) };
}

/** States keyed by PaperId, keyed as listing pages name their papers; papers no listing page can show are left out. */
export function statesForPages(states: StateMap): StateMap {
  const out: StateMap = {};
  for (const [id, state] of Object.entries(states)) {
    const pageId = arxivIdOf(id);
    if (pageId !== null) out[pageId] = state;
  }
  return out;
}

/** The push that tells listing tabs of these papers' new states. */
export function statesChangedPush(states: StateMap): BackgroundPush {
  return { type: 'background:statesChanged', states: statesForPages(states) };
}
