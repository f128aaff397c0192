import { describe, expect, it } from 'vitest';
import { reorderCards } from '../../../lib/content/for-you-order';
import type { CardMount } from '../../../lib/content/card-mount';

/** An arXiv-like list: a heading, entries (dt + dd), another heading, more entries. */
function page() {
  document.body.innerHTML = `<dl>
    <h3>New submissions</h3>
    <dt id="t1">1</dt><dd id="d1">one</dd>
    <dt id="t2">2</dt><dd id="d2">two</dd>
    <dt id="t3">3</dt><dd id="d3">three</dd>
    <h3>Cross-lists</h3>
    <dt id="t4">4</dt><dd id="d4">four</dd>
    <dt id="t5">5</dt><dd id="d5">five</dd>
  </dl>`;
  return [1, 2, 3, 4, 5].map((n) => ({ card: { id: String(n), title: String(n), element: document.getElementById(`d${n}`)!, companions: [document.getElementById(`t${n}`)!] } }) as unknown as CardMount);
}

const order = () => [...document.querySelectorAll('dl > *')].map((element) => element.id || element.textContent);

describe('reorderCards', () => {
  it('orders each section on its own, a dt staying before its dd, headings in place', () => {
    const mounts = page();
    const score: Record<string, number> = { 1: 0.1, 2: 0.9, 3: 0.5, 4: 0.2, 5: 0.8 };
    reorderCards(mounts, (mount) => -score[mount.card.id]!);
    expect(order()).toEqual(['New submissions', 't2', 'd2', 't3', 'd3', 't1', 'd1', 'Cross-lists', 't5', 'd5', 't4', 'd4']);
  });

  it('restores the site order from the positions it remembered', () => {
    const mounts = page();
    const before = order();
    reorderCards(mounts, (mount) => -Number(mount.card.id));
    expect(order()).not.toEqual(before);
    reorderCards(mounts, (mount) => Number(mount.card.id));
    expect(order()).toEqual(before);
  });

  it('leaves a page already in order untouched', () => {
    const mounts = page();
    const first = document.getElementById('d1');
    const observer = new MutationObserver(() => undefined);
    observer.observe(document.body, { childList: true, subtree: true });
    reorderCards(mounts, (mount) => Number(mount.card.id));
    expect(observer.takeRecords()).toEqual([]);
    expect(document.getElementById('d1')).toBe(first);
  });
});
