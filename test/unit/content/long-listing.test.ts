/**
 * A long arXiv listing (issue 16): the first screen of cards gets its controls at once and the
 * rest in slices, with one state request for all; a card the site adds later is found from what
 * was added, not by reading the page again; rules read only the words they match, the same words
 * the full record holds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// jsdom on a shared machine: 150 cards take seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });
import { HIDDEN_ATTRIBUTE, HOST_ATTRIBUTE, ID_ATTRIBUTE } from '../../../lib/content/card-mount';
import { startListingRun } from '../../../lib/content/listing-run';
import type { SendRequest } from '../../../lib/content/messenger';
import { createShadowStyler } from '../../../lib/content/shadow-styles';
import { StateStore } from '../../../lib/content/state-store';
import type { ContentRequest } from '../../../lib/messaging/protocol';
import { arxivAdapter } from '../../../lib/sites/arxiv';

const MINI = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'arxiv', 'list-new-mini.html'), 'utf8');
const URL_ = new URL('https://arxiv.org/list/cs.LG/new');
const settle = (ms = 0) => new Promise<void>((done) => setTimeout(done, ms));

/** The mini listing's readable entries repeated under new ids, `count` of them, in one list. */
function loadListing(count: number): string[] {
  // The entries that are whole papers with a new-style id (the fixture also holds broken ones on purpose).
  const pairs = [...MINI.matchAll(/<dt>[\s\S]*?<\/dd>/g)]
    .map((match) => match[0])
    .filter((pair) => /title="Abstract"/.test(pair) && /arXiv:\d{4}\.\d{4,5}/.test(pair) && /list-title[^>]*>(?:\s*<span[^>]*>[^<]*<\/span>)?\s*[A-Za-z]/.test(pair));
  const ids: string[] = [];
  const entries: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = `2609.${String(90000 + index).padStart(5, '0')}`;
    ids.push(id);
    entries.push(pairs[index % pairs.length]!.replace(/\d{4}\.\d{4,5}/g, id));
  }
  document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${entries.join('')}</dl></div></body>`;
  return ids;
}

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  vi.restoreAllMocks();
});

function start(adapter = arxivAdapter) {
  const requests: ContentRequest[] = [];
  const send: SendRequest = async (request) => {
    requests.push(request);
    return {};
  };
  const controller = new AbortController();
  controllers.push(controller);
  const store = new StateStore();
  const run = startListingRun({ doc: document, url: URL_, adapter, store, send, styleRoot: createShadowStyler('', window), signal: controller.signal });
  return { run, requests, store };
}

const hosts = () => document.querySelectorAll(`[${HOST_ATTRIBUTE}]`).length;
const asked = (requests: ContentRequest[]) => requests.filter((request) => request.type === 'content:getStates');

/** Waits until every card has its controls (slices run on timers), or a second passes. */
async function allMounted(count: number): Promise<void> {
  for (let waited = 0; hosts() < count && waited < 10_000; waited += 20) await settle(20);
}

describe('a 150-entry listing', () => {
  it('mounts the first screen at once, the rest in slices, and asks the states of all in one message', async () => {
    loadListing(150);
    const ids = arxivAdapter.findCards(document, URL_).cards.map((card) => card.id);
    expect(ids.length).toBeGreaterThan(100);
    const findCards = vi.spyOn(arxivAdapter, 'findCards');
    const { requests } = start();
    // Before the frame, only the first screen's cards are read (ids and all), not the page's 150.
    expect(findCards.mock.results[0]?.value).toMatchObject({ more: true });
    expect(findCards.mock.results[0]?.value.cards.length).toBeLessThan(50);
    expect(asked(requests)).toHaveLength(0);
    const now = hosts();
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(150);
    // The first cards of the page are the ones mounted at once.
    expect(document.querySelector('dd')!.querySelector(`[${HOST_ATTRIBUTE}]`)).not.toBeNull();
    await allMounted(ids.length);
    expect(hosts()).toBe(ids.length);
    expect(asked(requests)).toHaveLength(1);
    expect(asked(requests)[0]).toMatchObject({ ids });
  });

  it('finds a card added later from what was added, without reading the page again', async () => {
    loadListing(150);
    const cards = arxivAdapter.findCards(document, URL_).cards.length;
    const findCards = vi.spyOn(arxivAdapter, 'findCards');
    const { requests } = start();
    await allMounted(cards);
    // Twice on start: the first screen before the frame, the rest of the page after it.
    expect(findCards).toHaveBeenCalledTimes(2);
    const list = document.querySelector('dl')!;
    const [dt, dd] = [list.querySelector('dt')!, list.querySelector('dd')!].map((element) => element.cloneNode(true) as Element);
    for (const element of [dt!, dd!]) {
      element.querySelector(`[${HOST_ATTRIBUTE}]`)?.remove();
      element.removeAttribute(ID_ATTRIBUTE);
      for (const link of element.querySelectorAll('a[href*="/abs/"]')) link.setAttribute('href', '/abs/2610.00001');
    }
    list.append(dt!, dd!);
    await settle();
    expect(dd!.getAttribute(ID_ATTRIBUTE)).toBe('2610.00001');
    expect(dd!.querySelector(`[${HOST_ATTRIBUTE}]`)).not.toBeNull();
    expect(findCards).toHaveBeenCalledTimes(2);
    expect(asked(requests).at(-1)).toMatchObject({ ids: ['2610.00001'] });
  });

  it('applies a rule to every card, the first screen at once and the rest in slices', async () => {
    loadListing(150);
    const cards = arxivAdapter.findCards(document, URL_).cards.length;
    const { run } = start();
    await allMounted(cards);
    await settle();
    run.setRules([{ id: 'r1', enabled: true, target: 'text', match: 'regex', pattern: '[a-z]', action: 'hide', createdAt: 1 }]);
    const hiddenNow = document.querySelectorAll(`dd[${HIDDEN_ATTRIBUTE}]`).length;
    expect(hiddenNow).toBeGreaterThan(0);
    expect(hiddenNow).toBeLessThan(cards);
    for (let waited = 0; document.querySelectorAll(`dd[${HIDDEN_ATTRIBUTE}]`).length < cards && waited < 10_000; waited += 20) await settle(20);
    expect(document.querySelectorAll(`dd[${HIDDEN_ATTRIBUTE}]`)).toHaveLength(cards);
  });
});

describe('rules on a long listing', () => {
  it('draws every card attached in bulk with its verdict in the attaching task itself, not in a later slice', async () => {
    loadListing(150);
    const cards = arxivAdapter.findCards(document, URL_).cards.length;
    // Which mutation batch (one per task) put each card's controls on the page, and which marked it hidden.
    let batch = 0;
    const attachedIn = new Map<Element, number>();
    const hiddenIn = new Map<Element, number>();
    const observer = new MutationObserver((records) => {
      batch += 1;
      for (const record of records) {
        if (record.type === 'childList' && [...record.addedNodes].some((node) => node instanceof Element && node.hasAttribute(HOST_ATTRIBUTE))) attachedIn.set(record.target as Element, batch);
        if (record.type === 'attributes' && record.attributeName === HIDDEN_ATTRIBUTE && (record.target as Element).localName === 'dd') hiddenIn.set(record.target as Element, batch);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: [HIDDEN_ATTRIBUTE] });
    const { run } = start();
    // The rule list arrives before the library has answered and before any card was built off the page.
    run.setRules([{ id: 'r1', enabled: true, target: 'text', match: 'regex', pattern: '[a-z]', action: 'hide', createdAt: 1 }]);
    await allMounted(cards);
    for (let waited = 0; document.querySelectorAll(`dd[${HIDDEN_ATTRIBUTE}]`).length < cards && waited < 10_000; waited += 20) await settle(20);
    observer.disconnect();
    expect(document.querySelectorAll(`dd[${HIDDEN_ATTRIBUTE}]`)).toHaveLength(cards);
    // The cards attached together (all but the first screen): each hidden in that same task.
    const bulk = Math.max(...attachedIn.values());
    const together = [...attachedIn].filter(([, at]) => at === bulk).map(([dd]) => dd);
    expect(together.length).toBeGreaterThan(cards / 2);
    expect(together.filter((dd) => hiddenIn.get(dd) !== bulk)).toHaveLength(0);
  });
});

describe('arxivAdapter.readCardText', () => {
  it('reads the words rules look at exactly as the full record has them', () => {
    loadListing(8);
    const { cards } = arxivAdapter.findCards(document, URL_);
    expect(cards).toHaveLength(8);
    for (const card of cards) {
      const paper = arxivAdapter.readPaper(card, document, URL_);
      if (typeof paper === 'string') continue; // an entry the fixture makes unreadable on purpose
      const text = arxivAdapter.readCardText!(card, document, URL_)!;
      expect(text.title).toBe(paper.title);
      expect(text.abstract).toBe(paper.abstract);
      expect(text.authors).toEqual(paper.authors);
      expect(text.categories).toEqual(paper.categories ?? (paper.primaryCategory ? [paper.primaryCategory] : undefined));
    }
  });
});
