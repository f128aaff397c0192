import { describe, expect, it } from 'vitest';
import { hiddenReason, isCollapsed, isHiddenHere, ruleMarkFor, type CardDisplay, type RuleMark } from '../../../lib/content/card-display';
import type { PaperState } from '../../../lib/paper/model';

const UNSAVED: PaperState = { saved: false, hidden: false, tags: [] };
const SAVED: PaperState = { saved: true, hidden: false, tags: ['keep'] };
const HIDDEN: PaperState = { saved: false, hidden: true, tags: [] };

const HIDE: RuleMark = { action: 'hide', label: '“diffusion”' };
const DIM: RuleMark = { action: 'dim', label: 'author “LeCun”' };
const HIGHLIGHT: RuleMark = { action: 'highlight', label: 'category cs.CL' };

function display(state: PaperState | undefined, rule?: RuleMark, revealed = false): CardDisplay {
  return { state, rule, revealed };
}

describe('ruleMarkFor', () => {
  it('no rule, no mark', () => {
    expect(ruleMarkFor(undefined, undefined)).toBeUndefined();
    expect(ruleMarkFor(SAVED, undefined)).toBeUndefined();
  });

  it('keeps every mark on a paper that is not saved, or whose state is not known yet', () => {
    for (const mark of [HIDE, DIM, HIGHLIGHT]) {
      expect(ruleMarkFor(UNSAVED, mark)).toEqual(mark);
      expect(ruleMarkFor(undefined, mark)).toEqual(mark);
      expect(ruleMarkFor(HIDDEN, mark)).toEqual(mark);
    }
  });

  it('never hides or dims a saved paper', () => {
    expect(ruleMarkFor(SAVED, HIDE)).toBeUndefined();
    expect(ruleMarkFor(SAVED, DIM)).toBeUndefined();
    // Saved and hidden by hand at once: the rule still does not add to it.
    expect(ruleMarkFor({ saved: true, hidden: true, tags: [] }, HIDE)).toBeUndefined();
  });

  it('still highlights a saved paper', () => {
    expect(ruleMarkFor(SAVED, HIGHLIGHT)).toEqual(HIGHLIGHT);
  });
});

describe('isHiddenHere', () => {
  it('is true when hidden by hand, or by a hide rule', () => {
    expect(isHiddenHere(display(HIDDEN))).toBe(true);
    expect(isHiddenHere(display(UNSAVED, HIDE))).toBe(true);
    expect(isHiddenHere(display(undefined, HIDE))).toBe(true);
    expect(isHiddenHere(display(HIDDEN, DIM))).toBe(true);
  });

  it('is false for a visible paper, a dimmed or highlighted one, or an unknown state', () => {
    expect(isHiddenHere(display(undefined))).toBe(false);
    expect(isHiddenHere(display(UNSAVED))).toBe(false);
    expect(isHiddenHere(display(SAVED))).toBe(false);
    expect(isHiddenHere(display(UNSAVED, DIM))).toBe(false);
    expect(isHiddenHere(display(UNSAVED, HIGHLIGHT))).toBe(false);
  });

  it('still counts a hidden paper that was revealed for this page view (it is one of the "N hidden")', () => {
    expect(isHiddenHere(display(HIDDEN, undefined, true))).toBe(true);
    expect(isHiddenHere(display(UNSAVED, HIDE, true))).toBe(true);
  });
});

describe('isCollapsed', () => {
  it('is hidden and not revealed', () => {
    expect(isCollapsed(display(HIDDEN))).toBe(true);
    expect(isCollapsed(display(UNSAVED, HIDE))).toBe(true);
  });

  it('a reveal for this page view opens it', () => {
    expect(isCollapsed(display(HIDDEN, undefined, true))).toBe(false);
    expect(isCollapsed(display(UNSAVED, HIDE, true))).toBe(false);
  });

  it('a paper that is not hidden is never collapsed', () => {
    expect(isCollapsed(display(UNSAVED))).toBe(false);
    expect(isCollapsed(display(undefined))).toBe(false);
    expect(isCollapsed(display(UNSAVED, DIM))).toBe(false);
    expect(isCollapsed(display(SAVED, HIGHLIGHT))).toBe(false);
  });
});

describe('hiddenReason', () => {
  it('names the rule that hid the paper', () => {
    expect(hiddenReason(display(UNSAVED, HIDE))).toBe('Hidden by rule “diffusion”');
    expect(hiddenReason(display(undefined, { action: 'hide', label: 'author “LeCun”' }))).toBe('Hidden by rule author “LeCun”');
  });

  it('says plainly "Hidden" for a paper hidden by hand', () => {
    expect(hiddenReason(display(HIDDEN))).toBe('Hidden');
  });

  it('by hand wins over a rule that would also hide it', () => {
    expect(hiddenReason(display(HIDDEN, HIDE))).toBe('Hidden');
  });

  it('a dim or highlight rule is no reason to be hidden', () => {
    expect(hiddenReason(display(HIDDEN, DIM))).toBe('Hidden');
    expect(hiddenReason(display(HIDDEN, HIGHLIGHT))).toBe('Hidden');
  });
});
