/**
 * The library page asks an open listing tab how many of its cards each draft rule matches.
 * Answered on the real listing run over daily-mini.html.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerRuleCounts } from '../../../lib/content/rule-counts';
import type { ListingRun } from '../../../lib/content/listing-run';
import { RuleCountReplySchema } from '../../../lib/messaging/protocol';
import { loadFixture, rule, settle, startRun, stopAll } from './triage-harness';

beforeEach(loadFixture);
afterEach(() => {
  stopAll();
  vi.useRealTimers();
  delete (document as { visibilityState?: unknown }).visibilityState; // back to jsdom's own getter
});

const ask = (rules: unknown[]) => ({ type: 'page:countRuleMatches', rules });

describe('answerRuleCounts', () => {
  it('ignores every other message, and malformed requests', async () => {
    const { run } = startRun();
    await settle();
    const countMatches = vi.spyOn(run, 'countMatches');
    for (const message of [
      undefined,
      null,
      'page:countRuleMatches',
      {},
      { type: 'content:getStates', ids: ['2609.00001'] },
      { type: 'background:statesChanged', states: {} },
      { type: 'page:countRuleMatches' }, // no rules
      { type: 'page:countRuleMatches', rules: 'diphoton' },
      { type: 'page:countRuleMatches', rules: Array.from({ length: 501 }, () => rule('hide', 'text', 'x')) },
    ]) {
      expect(answerRuleCounts(message, run, document), JSON.stringify(message)?.slice(0, 60)).toBeUndefined();
    }
    expect(countMatches).not.toHaveBeenCalled();
  });

  it('counts the cards each valid draft matches, reports the page’s cards, title and URL', async () => {
    const { run } = startRun();
    await settle();
    const reply = answerRuleCounts(ask([rule('hide', 'text', 'diphoton'), rule('dim', 'author', 'Hopper'), rule('highlight', 'text', 'zzz')]), run, document);
    expect(reply).toBeDefined();
    expect(RuleCountReplySchema.safeParse(reply).success).toBe(true);
    expect(reply!.cards).toBe(4);
    expect(reply!.counts).toEqual([1, 1, 0]);
    expect(reply!.title).toBe('Daily Papers - Hugging Face');
    expect(reply!.url).toBe(document.location.href);
  });

  it('gives null for an invalid draft and keeps every other count in its place', async () => {
    const { run } = startRun();
    await settle();
    const reply = answerRuleCounts(
      ask([
        rule('hide', 'text', 'diphoton'), // 1
        rule('hide', 'text', '(unclosed', { match: 'regex' }), // not a regular expression
        rule('hide', 'text', 'A'), // 3: two titles and an abstract
        { ...rule('hide', 'text', 'Alpha'), target: 'venue' }, // no such target
        { pattern: 'Alpha', action: 'hide' }, // not a rule at all
        rule('dim', 'text', '   '), // empty pattern
        rule('hide', 'text', 'Epsilon', { enabled: false }), // a disabled draft still counts: 1
      ]),
      run,
      document,
    );
    expect(reply?.counts).toEqual([1, null, 3, null, null, null, 1]);
    expect(reply?.cards).toBe(4);
  });

  it('answers an empty draft list with the number of cards', async () => {
    const { run } = startRun();
    await settle();
    expect(answerRuleCounts(ask([]), run, document)).toMatchObject({ cards: 4, counts: [] });
  });

  it('passes only the valid drafts, parsed, to the run', () => {
    const countMatches = vi.fn<ListingRun['countMatches']>(() => ({ cards: 7, counts: [5, 2] }));
    const run = { countMatches } as unknown as ListingRun;
    const first = rule('hide', 'text', '  padded  ');
    const bad = rule('hide', 'text', '[', { match: 'regex' });
    const second = rule('dim', 'author', 'LeCun');
    const reply = answerRuleCounts(ask([first, bad, second]), run, document);
    expect(countMatches).toHaveBeenCalledTimes(1);
    const passed = countMatches.mock.calls[0]![0];
    expect(passed.map((draft) => draft.id)).toEqual([first.id, second.id]);
    expect(passed[0]!.pattern).toBe('padded'); // trimmed by the schema
    expect(reply?.counts).toEqual([5, null, 2]);
    expect(reply?.cards).toBe(7);
  });

  it('says the tab is seen now while visible, and when it was last seen once hidden', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const run = { countMatches: () => ({ cards: 0, counts: [] }) } as unknown as ListingRun;
    const visibility = (state: DocumentVisibilityState) => Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });

    visibility('visible');
    vi.setSystemTime(1_800_000_000_000);
    expect(answerRuleCounts(ask([]), run, document)?.lastSeenAt).toBe(1_800_000_000_000);

    // The user switches to another tab at T; asked later, this tab says T.
    vi.setSystemTime(1_800_000_100_000);
    visibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.setSystemTime(1_800_000_500_000);
    expect(answerRuleCounts(ask([]), run, document)?.lastSeenAt).toBe(1_800_000_100_000);
  });
});
