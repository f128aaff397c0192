/**
 * One page view asks the library about at most so many distinct papers (security issue #13,
 * part 4): a page that inserts fake cards for thousands of ids learns nothing past the limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IdBudget, MAX_IDS_PER_PAGE_VIEW, overLimitNotice } from '../../../lib/content/id-budget';
import { ID_ATTRIBUTE, HOST_ATTRIBUTE } from '../../../lib/content/card-mount';
import type { ContentRequest } from '../../../lib/messaging/protocol';
import { addCardLike, ALPHA, BETA, CARD_IDS, loadFixture, settle, startRun, stopAll } from './triage-harness';

afterEach(() => stopAll());

describe('IdBudget', () => {
  it('admits up to its limit of distinct ids, and again any id it admitted', () => {
    const budget = new IdBudget(3);
    expect(['a', 'b', 'a', 'c'].map((id) => budget.admit(id))).toEqual([true, true, true, true]);
    expect(budget.admit('d')).toBe(false);
    expect(budget.admit('b')).toBe(true);
    expect(budget.size).toBe(3);
  });

  it('is a few thousand by default: more than a real listing holds', () => {
    expect(MAX_IDS_PER_PAGE_VIEW).toBe(5_000);
    expect(overLimitNotice(5_000)).toBe('This page lists more than 5,000 papers: Papershelf shows its controls on the first 5,000 only.');
  });
});

describe('a listing run with a spent budget', () => {
  const asked = (requests: ContentRequest[]) => requests.flatMap((request) => (request.type === 'content:getStates' ? request.ids : []));

  it('gives cards past the limit no controls, asks nothing about them, and says so once', async () => {
    loadFixture();
    const budget = new IdBudget(CARD_IDS.length + 1);
    const notices: number[] = [];
    const started = startRun({ idBudget: budget, hooks: { overLimit: (limit) => notices.push(limit) } });
    await settle();
    // The page adds cards for three more papers: one fits, two do not.
    addCardLike(BETA, '2610.00001', 'One more');
    addCardLike(BETA, '2610.00002', 'Past the limit');
    addCardLike(BETA, '2610.00003', 'Also past the limit');
    await settle();
    addCardLike(ALPHA, '2610.00004', 'Still past the limit');
    await settle();
    const hosts = [...document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)].map((host) => host.parentElement!.getAttribute(ID_ATTRIBUTE));
    expect(hosts).toHaveLength(CARD_IDS.length + 1);
    expect(new Set(asked(started.requests))).toEqual(new Set([...CARD_IDS, hosts.find((id) => !CARD_IDS.includes(id!))!]));
    expect(asked(started.requests)).toHaveLength(CARD_IDS.length + 1);
    expect(notices).toEqual([CARD_IDS.length + 1]);
  });

  it('shares the budget between runs on the same document: a site navigation does not reset it', async () => {
    loadFixture();
    const budget = new IdBudget(2);
    const first = startRun({ idBudget: budget });
    await settle();
    first.controller.abort();
    const second = startRun({ idBudget: budget });
    await settle();
    expect(document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(2);
    expect(new Set([...asked(first.requests), ...asked(second.requests)]).size).toBe(2);
  });
});
