/**
 * The Papers section's selection: which papers the bulk actions act on. Pure and immutable (each
 * change is a new value), so Preact sees every change and a test can follow each step.
 *
 * Papers are kept by id, not by position: the list reorders and shrinks under the selection (a
 * new search, a write from another tab), and a selected paper stays selected through that. Ids of
 * papers that leave the library stay in the set, harmlessly: `chosenPapers` only ever returns
 * papers the library holds, and an Undo that brings them back finds them still selected.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where the last click or Space was: a Shift+click selects from here. */
  readonly anchor: string | undefined;
}

export const EMPTY_SELECTION: Selection = Object.freeze({ ids: new Set<string>(), anchor: undefined });

/** Selects or unselects one paper (flips it when `on` is not given), and anchors there. */
export function toggled(selection: Selection, id: string, on = !selection.ids.has(id)): Selection {
  if (selection.ids.has(id) === on) return { ids: selection.ids, anchor: id };
  const ids = new Set(selection.ids);
  if (on) ids.add(id);
  else ids.delete(id);
  return { ids, anchor: id };
}

/**
 * Shift+click: every paper of `order` (the list as shown) from the anchor to `id`, both included,
 * selected or unselected as `on` says. Without an anchor in the list, just `id`. The anchor stays,
 * as in a file manager, so a second Shift+click redraws the range from the same place.
 */
export function rangeToggled(selection: Selection, order: readonly { id: string }[], id: string, on: boolean): Selection {
  const to = order.findIndex((paper) => paper.id === id);
  const from = selection.anchor === undefined ? -1 : order.findIndex((paper) => paper.id === selection.anchor);
  if (to === -1 || from === -1) return toggled(selection, id, on);
  const ids = new Set(selection.ids);
  for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
    const paperId = order[index]!.id;
    if (on) ids.add(paperId);
    else ids.delete(paperId);
  }
  return { ids, anchor: selection.anchor };
}

/** Adds every paper of `papers` (say, all that match the filter) to what is selected already. */
export function withAll(selection: Selection, papers: readonly { id: string }[]): Selection {
  const ids = new Set(selection.ids);
  for (const paper of papers) ids.add(paper.id);
  return { ids, anchor: selection.anchor };
}

/**
 * The selected papers the library holds, in the order of `ordered` (the list's sort order over
 * the whole library, so the selection exports in the order the rows show).
 */
export function chosenPapers<T extends { id: string }>(selection: Selection, ordered: readonly T[]): T[] {
  if (selection.ids.size === 0) return [];
  return ordered.filter((paper) => selection.ids.has(paper.id));
}

/** How many of `chosen` the current view does not show (they are selected, but filtered out). */
export function countNotShown(chosen: readonly { id: string }[], shown: readonly { id: string }[]): number {
  if (chosen.length === 0) return 0;
  const visible = new Set(shown.map((paper) => paper.id));
  let outside = 0;
  for (const paper of chosen) if (!visible.has(paper.id)) outside++;
  return outside;
}

/**
 * The papers a page holds, once each, in the order of the lists given (a paged view's pages, then
 * the saved papers kept in memory): what `chosenPapers` picks from when no one list holds them all.
 */
export function heldPapers<T extends { id: string }>(...lists: ReadonlyArray<readonly T[]>): T[] {
  const seen = new Set<string>();
  const held: T[] = [];
  for (const list of lists) {
    for (const paper of list) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      held.push(paper);
    }
  }
  return held;
}
