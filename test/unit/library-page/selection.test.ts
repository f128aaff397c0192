// @vitest-environment node
/**
 * The library page's selection model: by hand, by range, everything that matches; kept by id
 * through searches and deletes; and the selected papers in the list's order.
 */
import { describe, expect, it } from 'vitest';
import { chosenPapers, countNotShown, EMPTY_SELECTION, heldPapers, rangeToggled, toggled, withAll, type Selection } from '../../../lib/library-page/selection';

const list = (...ids: string[]) => ids.map((id) => ({ id }));
const ids = (selection: Selection) => [...selection.ids].sort();
const ORDER = list('a', 'b', 'c', 'd', 'e');

describe('toggled', () => {
  it('flips one paper, or sets it as asked, and anchors there', () => {
    const one = toggled(EMPTY_SELECTION, 'b');
    expect(ids(one)).toEqual(['b']);
    expect(one.anchor).toBe('b');
    expect(ids(toggled(one, 'b'))).toEqual([]);
    expect(ids(toggled(one, 'b', true))).toEqual(['b']);
    expect(ids(toggled(one, 'c', false))).toEqual(['b']);
    // Never changes the value it was given.
    expect(ids(EMPTY_SELECTION)).toEqual([]);
  });
});

describe('rangeToggled', () => {
  it('selects from the anchor to the paper, either way, and keeps the anchor', () => {
    const anchored = toggled(EMPTY_SELECTION, 'b');
    const down = rangeToggled(anchored, ORDER, 'd', true);
    expect(ids(down)).toEqual(['b', 'c', 'd']);
    expect(down.anchor).toBe('b');
    // A second Shift+click redraws from the same anchor (what was added stays: ranges add up).
    expect(ids(rangeToggled(down, ORDER, 'a', true))).toEqual(['a', 'b', 'c', 'd']);
    // Unselecting a range.
    expect(ids(rangeToggled(down, ORDER, 'c', false))).toEqual(['d']);
  });

  it('is a plain toggle without an anchor, or when the anchor is not in the list any more', () => {
    expect(ids(rangeToggled(EMPTY_SELECTION, ORDER, 'c', true))).toEqual(['c']);
    const gone = toggled(EMPTY_SELECTION, 'z');
    expect(ids(rangeToggled(gone, ORDER, 'c', true))).toEqual(['c', 'z']);
  });
});

describe('withAll, chosenPapers, countNotShown', () => {
  it('adds everything that matches to what was selected before', () => {
    const before = toggled(EMPTY_SELECTION, 'z');
    expect(ids(withAll(before, list('a', 'b')))).toEqual(['a', 'b', 'z']);
  });

  it('gives the selected papers the library holds, in the order given', () => {
    const selection = withAll(EMPTY_SELECTION, list('d', 'gone', 'a'));
    expect(chosenPapers(selection, ORDER)).toEqual(list('a', 'd'));
    expect(chosenPapers(EMPTY_SELECTION, ORDER)).toEqual([]);
  });

  it('counts the selected papers a filter leaves out', () => {
    expect(countNotShown(list('a', 'c', 'e'), list('a', 'b'))).toBe(2);
    expect(countNotShown([], ORDER)).toBe(0);
  });
});

describe('heldPapers (a paged view: the pages read and the saved papers held)', () => {
  it('gives each paper once, in the order of the lists, so a selection spans both', () => {
    const pages = list('h1', 's2', 'h3');
    const saved = list('s1', 's2');
    expect(heldPapers(pages, saved)).toEqual(list('h1', 's2', 'h3', 's1'));
    const selection = withAll(EMPTY_SELECTION, list('s1', 'h3'));
    expect(chosenPapers(selection, heldPapers(pages, saved))).toEqual(list('h3', 's1'));
  });
});
