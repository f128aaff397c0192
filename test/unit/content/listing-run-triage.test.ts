/**
 * Triage in a listing run (issue 4): rules on every card, now and later; saved papers never hidden
 * by a rule; the page's hidden count and its "show"; a rule-hidden card's Show; undo entries and
 * the toast hook; live rule counts. jsdom, on test/fixtures/huggingface/daily-mini.html.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDDEN_ATTRIBUTE, REVEALED_ATTRIBUTE, RULE_ATTRIBUTE, type CardMount } from '../../../lib/content/card-mount';
import type { PaperState } from '../../../lib/paper/model';
import {
  ALPHA,
  BETA,
  CARD_IDS,
  DIPHOTON,
  EPSILON,
  addCardLike,
  button,
  buttonNames,
  card,
  click,
  idsWith,
  loadFixture,
  rule,
  settle,
  shadowOf,
  startRun,
  stopAll,
  type RunHooks,
} from './triage-harness';

// Every event jsdom dispatches is untrusted; here they stand for the user's (user-input.test.ts covers the page's).
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => true }));

beforeEach(loadFixture);
afterEach(stopAll);

/** A run with every triage hook recorded. */
function startTriage(library: Record<string, PaperState> = {}, hooks: Partial<RunHooks> = {}) {
  const counts: Array<[number, boolean]> = [];
  const done: Array<[string, boolean]> = [];
  const started = startRun({
    library,
    hooks: {
      actionDone: (label, undoable) => done.push([label, undoable]),
      hiddenCount: (hidden, revealedAll) => counts.push([hidden, revealedAll]),
      ...hooks,
    },
  });
  return { ...started, counts, done, undoLog: started.run.undoLog, lastCount: () => counts.at(-1) };
}

function mountOf(run: { mountsInOrder(): CardMount[] }, id: string): CardMount {
  const found = run.mountsInOrder().filter((mount) => mount.card.id === id);
  if (found.length !== 1) throw new Error(`expected one mount for ${id}, found ${found.length}`);
  return found[0]!;
}

/** The visible text of a card's controls (stub label, rule note), whitespace collapsed. */
function shownText(id: string): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(shadowOf(id), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest('[hidden]') === null) parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const hideDiphoton = () => rule('hide', 'text', 'diphoton');
const dimTuring = () => rule('dim', 'author', 'Turing');
const highlightEpsilon = () => rule('highlight', 'text', 'Epsilon');

describe('rules on the cards of a page', () => {
  it('apply to the right cards: hide collapses, dim and highlight mark the card', async () => {
    const { run } = startTriage();
    await settle();
    run.setRules([hideDiphoton(), dimTuring(), highlightEpsilon()]);

    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON]);
    expect(card(DIPHOTON).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(card(DIPHOTON).hasAttribute(RULE_ATTRIBUTE)).toBe(false); // collapsed: no look of its own
    expect(card(ALPHA).getAttribute(RULE_ATTRIBUTE)).toBe('dim');
    expect(card(EPSILON).getAttribute(RULE_ATTRIBUTE)).toBe('highlight');
    expect(card(BETA).hasAttribute(RULE_ATTRIBUTE)).toBe(false);
    expect(card(BETA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(idsWith(REVEALED_ATTRIBUTE)).toEqual([]);
  });

  it('a rule-hidden card shows a stub that says which rule hid it, with Show', async () => {
    const { run } = startTriage();
    await settle();
    run.setRules([hideDiphoton()]);
    expect(buttonNames(DIPHOTON)).toEqual(['Show']);
    expect(shownText(DIPHOTON)).toContain('Hidden by rule “diphoton”');
    // A dimmed card keeps its controls and says why it is dimmed.
    run.setRules([dimTuring()]);
    expect(buttonNames(ALPHA)).toEqual(['Save', 'Tags', 'Hide']);
    expect(shownText(ALPHA)).toContain('Dimmed by rule author “Turing”');
  });

  it('wait for the library’s answer on a paper, so a saved paper never flashes collapsed', async () => {
    const { run } = startTriage();
    run.setRules([hideDiphoton()]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
    await settle();
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON]);
  });

  it('apply to a card the site renders later', async () => {
    const { run } = startTriage();
    await settle();
    run.setRules([rule('hide', 'text', 'Zeta'), dimTuring()]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);

    const later = addCardLike(EPSILON, '2609.00099', 'Zeta: A Paper That Came Later');
    const unmatched = addCardLike(BETA, '2609.00098', 'Eta: Another Late Paper');
    await settle();
    expect(later.getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(unmatched.hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(unmatched.hasAttribute(RULE_ATTRIBUTE)).toBe(false);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual(['2609.00099']);
  });

  it('are recomputed by setRules: turning a rule off (or removing it) restores its cards', async () => {
    const { run } = startTriage();
    await settle();
    const hide = hideDiphoton();
    const dim = dimTuring();
    run.setRules([hide, dim]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON]);

    run.setRules([{ ...hide, enabled: false }, dim]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
    expect(buttonNames(DIPHOTON)).toEqual(['Save', 'Tags', 'Hide']);
    expect(card(ALPHA).getAttribute(RULE_ATTRIBUTE)).toBe('dim');

    run.setRules([]);
    expect(card(ALPHA).hasAttribute(RULE_ATTRIBUTE)).toBe(false);
    expect(shownText(ALPHA)).not.toContain('Dimmed');

    // And a changed action takes effect on the same cards.
    run.setRules([{ ...hide, action: 'dim' }]);
    expect(card(DIPHOTON).getAttribute(RULE_ATTRIBUTE)).toBe('dim');
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
  });

  it('never hide (or dim) a saved paper', async () => {
    const { run } = startTriage({
      [DIPHOTON]: { saved: true, hidden: false, tags: [] },
      [ALPHA]: { saved: true, hidden: false, tags: ['x'] },
    });
    await settle();
    run.setRules([hideDiphoton(), dimTuring()]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
    expect(card(DIPHOTON).hasAttribute(RULE_ATTRIBUTE)).toBe(false);
    expect(card(ALPHA).hasAttribute(RULE_ATTRIBUTE)).toBe(false);
    expect(buttonNames(DIPHOTON)).toEqual(['Save', 'Tags', 'Hide']);
  });

  it('a card hidden by a rule comes back once the user saves it elsewhere (a push into the store)', async () => {
    const { run, store } = startTriage();
    await settle();
    run.setRules([hideDiphoton()]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON]);
    store.apply({ [DIPHOTON]: { saved: true, hidden: false, tags: [] } });
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
  });

  it('still highlight a saved paper', async () => {
    const { run } = startTriage({ [EPSILON]: { saved: true, hidden: false, tags: [] } });
    await settle();
    run.setRules([highlightEpsilon()]);
    expect(card(EPSILON).getAttribute(RULE_ATTRIBUTE)).toBe('highlight');
  });

  it('highlight wins over hide on the same card, whatever the order', async () => {
    const { run } = startTriage();
    await settle();
    const hide = rule('hide', 'text', 'Alpha');
    const highlight = rule('highlight', 'author', 'Lovelace');
    run.setRules([hide, highlight]);
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(card(ALPHA).getAttribute(RULE_ATTRIBUTE)).toBe('highlight');
    run.setRules([highlight, hide]);
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(card(ALPHA).getAttribute(RULE_ATTRIBUTE)).toBe('highlight');
    // Without the highlight the hide applies: the test above is not passing by accident.
    run.setRules([hide]);
    expect(card(ALPHA).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
  });

  it('a card hidden by hand and matched by a hide rule says "Hidden" (by hand wins) and its Show unhides', async () => {
    const { run, mutations } = startTriage({ [DIPHOTON]: { saved: false, hidden: true, tags: [] } });
    await settle();
    run.setRules([hideDiphoton()]);
    expect(shownText(DIPHOTON)).toContain('Hidden');
    expect(shownText(DIPHOTON)).not.toContain('by rule');
    click(button(DIPHOTON, 'Show'));
    await settle();
    expect(mutations()).toEqual([{ type: 'content:unhide', id: DIPHOTON }]);
    // Unhidden by hand, the rule still hides it: the stub now names the rule.
    expect(card(DIPHOTON).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(shownText(DIPHOTON)).toContain('Hidden by rule “diphoton”');
  });
});

describe('the hidden count', () => {
  it('reports distinct papers hidden by hand and by rules, and follows every change', async () => {
    const { run, lastCount } = startTriage({ [BETA]: { saved: false, hidden: true, tags: [] } });
    await settle();
    expect(lastCount()).toEqual([1, false]);

    run.setRules([hideDiphoton()]);
    await settle();
    expect(lastCount()).toEqual([2, false]);

    click(button(ALPHA, 'Hide'));
    await settle();
    expect(lastCount()).toEqual([3, false]);

    click(button(BETA, 'Show')); // unhides BETA for good
    await settle();
    expect(lastCount()).toEqual([2, false]);

    run.setRules([]);
    await settle();
    expect(lastCount()).toEqual([1, false]);
  });

  it('counts a paper listed twice on the page once', async () => {
    const { run, lastCount } = startTriage();
    await settle();
    // The same paper a second time (a listing that repeats a paper in two sections).
    addCardLike(BETA, DIPHOTON, 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
    await settle();
    run.setRules([hideDiphoton()]);
    await settle();
    expect(document.querySelectorAll(`article[${HIDDEN_ATTRIBUTE}=""]`)).toHaveLength(2);
    expect(lastCount()).toEqual([1, false]);
  });

  it('a card that comes later and is hidden by a rule raises the count', async () => {
    const { run, lastCount } = startTriage();
    await settle();
    run.setRules([rule('hide', 'text', 'Zeta')]);
    await settle();
    addCardLike(EPSILON, '2609.00099', 'Zeta: A Paper That Came Later');
    await settle();
    expect(lastCount()).toEqual([1, false]);
  });

  it('drops a hidden card the site removes from the page', async () => {
    const { run, lastCount } = startTriage({ [BETA]: { saved: false, hidden: true, tags: [] } });
    await settle();
    run.setRules([hideDiphoton()]);
    await settle();
    expect(lastCount()).toEqual([2, false]);

    card(DIPHOTON).remove(); // e.g. a search that narrows the list in place
    await settle();
    expect(lastCount()).toEqual([1, false]);
    card(BETA).remove();
    await settle();
    expect(lastCount()).toEqual([0, false]);
  });

  it('is told once per batch of changes, not once per card', async () => {
    const { run, counts } = startTriage();
    await settle();
    const before = counts.length;
    run.setRules([rule('hide', 'text', 'Alpha'), hideDiphoton(), rule('hide', 'author', 'Hopper')]);
    await settle();
    expect(counts.slice(before)).toEqual([[3, false]]);
  });
});

describe('show all hidden papers of this page view', () => {
  it('setRevealAll(true) expands every hidden card; false collapses them again', async () => {
    const { run, lastCount, mutations } = startTriage({ [BETA]: { saved: false, hidden: true, tags: [] } });
    await settle();
    run.setRules([hideDiphoton()]);
    await settle();
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON, BETA]);

    run.setRevealAll(true);
    expect(run.revealedAll).toBe(true);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
    expect(idsWith(REVEALED_ATTRIBUTE)).toEqual([DIPHOTON, BETA]);
    expect(buttonNames(DIPHOTON)).toEqual(['Save', 'Tags', 'Hide']);
    // A paper hidden by hand, shown for this page view, offers to unhide it for good.
    expect(buttonNames(BETA)).toEqual(['Save', 'Tags', 'Unhide']);
    await settle();
    // Still two hidden papers, now shown: the panel learns it even though the number is the same.
    expect(lastCount()).toEqual([2, true]);

    run.setRevealAll(false);
    expect(run.revealedAll).toBe(false);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON, BETA]);
    expect(idsWith(REVEALED_ATTRIBUTE)).toEqual([]);
    await settle();
    expect(lastCount()).toEqual([2, false]);
    // Only this page view changed: nothing was sent to the library.
    expect(mutations()).toEqual([]);
  });

  it('a card added while everything is shown comes shown too', async () => {
    const { run } = startTriage();
    await settle();
    run.setRules([rule('hide', 'text', 'Zeta')]);
    run.setRevealAll(true);
    const later = addCardLike(EPSILON, '2609.00099', 'Zeta: A Paper That Came Later');
    await settle();
    expect(later.hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(later.hasAttribute(REVEALED_ATTRIBUTE)).toBe(true);
  });
});

describe('Show on a rule-hidden card', () => {
  it('reveals that paper only, for this page view, without a word to the background', async () => {
    const { run, mutations, lastCount } = startTriage();
    await settle();
    run.setRules([hideDiphoton(), rule('hide', 'author', 'Hopper')]);
    await settle();
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([DIPHOTON, BETA]);

    mountOf(run, DIPHOTON).act('reveal');
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([BETA]);
    expect(idsWith(REVEALED_ATTRIBUTE)).toEqual([DIPHOTON]);
    expect(buttonNames(DIPHOTON)).toEqual(['Save', 'Tags', 'Hide']);
    // The card still says a rule would hide it.
    expect(shownText(DIPHOTON)).toContain('Hidden by rule “diphoton”');
    await settle();
    expect(mutations()).toEqual([]);
    // Revealed papers are still hidden papers of this page.
    expect(lastCount()).toEqual([2, false]);

    // The reveal survives a change of rules within the page view.
    run.setRules([hideDiphoton()]);
    expect(card(DIPHOTON).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
  });

  it('hiding a revealed paper by hand collapses it; undoing that shows it revealed again', async () => {
    const { run, undoLog } = startTriage();
    await settle();
    run.setRules([hideDiphoton()]);
    mountOf(run, DIPHOTON).act('reveal');
    expect(card(DIPHOTON).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);

    click(button(DIPHOTON, 'Hide'));
    // The user just asked to hide it: the page-view reveal of the rule must not keep it open.
    expect(card(DIPHOTON).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(buttonNames(DIPHOTON)).toEqual(['Show']);
    expect(shownText(DIPHOTON)).not.toContain('by rule');
    await settle();

    await undoLog.pop()!.undo();
    await settle();
    expect(card(DIPHOTON).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(card(DIPHOTON).hasAttribute(REVEALED_ATTRIBUTE)).toBe(true);
  });

  it('the stub’s Show button is the reveal (clicked as a user would)', async () => {
    const { run, mutations } = startTriage();
    await settle();
    run.setRules([hideDiphoton()]);
    click(button(DIPHOTON, 'Show'));
    expect(card(DIPHOTON).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    await settle();
    expect(mutations()).toEqual([]);
  });

  it('a new page view (a new run) hides the paper again', async () => {
    const first = startTriage();
    await settle();
    first.run.setRules([hideDiphoton()]);
    mountOf(first.run, DIPHOTON).act('reveal');
    expect(card(DIPHOTON).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    first.controller.abort();

    const second = startTriage();
    second.run.setRules([hideDiphoton()]);
    await settle();
    expect(card(DIPHOTON).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
  });
});

describe('undo entries', () => {
  it('Hide leaves an entry whose undo sends unhide and shows the card again', async () => {
    const { undoLog, mutations } = startTriage();
    await settle();
    click(button(ALPHA, 'Hide'));
    await settle();
    expect(card(ALPHA).getAttribute(HIDDEN_ATTRIBUTE)).toBe('');
    expect(undoLog.size).toBe(1);

    const entry = undoLog.pop()!;
    expect(entry.label).toBe('Hid “Alpha: A Test Paper for Card Reading”');
    await entry.undo();
    await settle();
    expect(mutations().map((request) => request.type)).toEqual(['content:hide', 'content:unhide']);
    expect(mutations()[1]).toEqual({ type: 'content:unhide', id: ALPHA });
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
  });

  it('an undo asked while the hide is still on its way waits for it, then unhides', async () => {
    const background = startTriage();
    await settle();
    background.hold();
    click(button(ALPHA, 'Hide'));
    // The entry is there at once, so `u` pressed right after the click takes this hide back.
    expect(background.undoLog.size).toBe(1);

    let undone = false;
    const undoing = background.undoLog.pop()!.undo().then(() => {
      undone = true;
    });
    await settle();
    // Unhiding before the hide lands would let the hide win: nothing is sent yet.
    expect(background.mutations().map((request) => request.type)).toEqual(['content:hide']);
    expect(undone).toBe(false);

    const [hide] = background.held;
    hide!.resolve(background.answer(hide!.request));
    await undoing;
    await settle();
    expect(background.mutations().map((request) => request.type)).toEqual(['content:hide', 'content:unhide']);
    expect(background.library[ALPHA]?.hidden).toBe(false);
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
  });

  it('a failed action leaves nothing to undo', async () => {
    const background = startTriage();
    await settle();
    background.hold();
    click(button(ALPHA, 'Hide'));
    expect(background.undoLog.size).toBe(1);
    background.held[0]!.reject(new Error('Papershelf could not save this change.'));
    await settle();
    expect(background.undoLog.size).toBe(0);
    expect(card(ALPHA).hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
  });

  it('a failure removes only its own entry, not a newer one', async () => {
    const background = startTriage();
    await settle();
    background.hold();
    click(button(ALPHA, 'Hide'));
    click(button(BETA, 'Save'));
    await settle();
    expect(background.undoLog.size).toBe(2);
    background.held[0]!.reject(new Error('disk full'));
    await settle();
    expect(background.undoLog.size).toBe(1);
    expect(background.undoLog.pop()!.label).toBe('Saved “Beta & Gamma: A Title With Odd Whitespace”');
  });

  it('undoing an unsave saves the paper again with its tags', async () => {
    const { undoLog, mutations, library } = startTriage({ [BETA]: { saved: true, hidden: false, tags: ['to-read', 'physics'] } });
    await settle();
    click(button(BETA, 'Save')); // pressed: removes it from the library
    await settle();
    expect(button(BETA, 'Save').getAttribute('aria-pressed')).toBe('false');
    const entry = undoLog.pop()!;
    expect(entry.label).toBe('Removed “Beta & Gamma: A Title With Odd Whitespace” from your library');

    await entry.undo();
    await settle();
    const last = mutations().at(-1)!;
    expect(last.type).toBe('content:setTags');
    expect(last.type === 'content:setTags' && last.tags).toEqual(['to-read', 'physics']);
    expect(library[BETA]).toEqual({ saved: true, hidden: false, tags: ['to-read', 'physics'] });
    expect(button(BETA, 'Save').getAttribute('aria-pressed')).toBe('true');
  });

  it('undoing an unsave of an untagged paper saves it again', async () => {
    const { undoLog, mutations, library } = startTriage({ [BETA]: { saved: true, hidden: false, tags: [] } });
    await settle();
    click(button(BETA, 'Save'));
    await settle();
    await undoLog.pop()!.undo();
    expect(mutations().map((request) => request.type)).toEqual(['content:unsave', 'content:save']);
    expect(library[BETA]?.saved).toBe(true);
  });

  it('undoing a save unsaves', async () => {
    const { undoLog, mutations, library } = startTriage();
    await settle();
    click(button(EPSILON, 'Save'));
    await settle();
    await undoLog.pop()!.undo();
    expect(mutations()).toEqual([
      { type: 'content:save', paper: expect.objectContaining({ id: EPSILON }) },
      { type: 'content:unsave', id: EPSILON },
    ]);
    expect(library[EPSILON]?.saved).toBe(false);
  });
});

describe('onActionDone (the toast)', () => {
  it('is told of a hide and of an unsave, undoable, but not of a save', async () => {
    const { done } = startTriage({ [BETA]: { saved: true, hidden: false, tags: [] } });
    await settle();
    click(button(EPSILON, 'Save'));
    await settle();
    expect(done).toEqual([]);

    click(button(ALPHA, 'Hide'));
    click(button(BETA, 'Save')); // removes it
    await settle();
    expect(done).toEqual([
      ['Hid “Alpha: A Test Paper for Card Reading”', true],
      ['Removed “Beta & Gamma: A Title With Odd Whitespace” from your library', true],
    ]);
  });

  it('is told right away, before the background answered', async () => {
    const background = startTriage();
    await settle();
    background.hold();
    click(button(ALPHA, 'Hide'));
    expect(background.done).toHaveLength(1);
  });

  it('tells a follower that comes after the first scan what it missed: the hidden count', async () => {
    const { run } = startRun({ library: { [ALPHA]: { saved: false, hidden: true, tags: [] } } });
    await settle();
    const counts: Array<[number, boolean]> = [];
    run.follow({ actionDone: () => undefined, hiddenCount: (hidden, revealed) => counts.push([hidden, revealed]), overLimit: () => undefined });
    expect(counts).toEqual([[1, false]]);
  });
});

describe('countMatches (the library page’s live count)', () => {
  it('counts the page’s cards each draft rule matches, on its own and even when disabled', async () => {
    const { run } = startTriage();
    await settle();
    const result = run.countMatches([
      hideDiphoton(),
      rule('dim', 'author', 'Turing'),
      // Text is title and abstract: "A Test Paper", "A Title", and diphoton's abstract "A fully …".
      rule('hide', 'text', 'A', { match: 'word' }),
      rule('highlight', 'text', 'nothing-matches-this'),
      rule('hide', 'text', 'Epsilon', { enabled: false }),
      rule('hide', 'text', '^(Alpha|Beta)', { match: 'regex' }),
    ]);
    expect(result).toEqual({ cards: 4, counts: [1, 1, 3, 0, 1, 2] });
  });

  it('does not change what the page shows', async () => {
    const { run } = startTriage();
    await settle();
    run.setRules([dimTuring()]);
    run.countMatches([hideDiphoton()]);
    expect(idsWith(HIDDEN_ATTRIBUTE)).toEqual([]);
    expect(card(ALPHA).getAttribute(RULE_ATTRIBUTE)).toBe('dim');
  });

  it('counts cards added later; an empty draft list counts the cards only', async () => {
    const { run } = startTriage();
    await settle();
    addCardLike(EPSILON, '2609.00099', 'Zeta diphoton: A Paper That Came Later');
    await settle();
    expect(run.countMatches([hideDiphoton()])).toEqual({ cards: 5, counts: [2] });
    expect(run.countMatches([])).toEqual({ cards: 5, counts: [] });
  });

  it('the cards are in document order for the keyboard', () => {
    const { run } = startTriage();
    expect(run.mountsInOrder().map((mount) => mount.card.id)).toEqual(CARD_IDS);
  });
});
