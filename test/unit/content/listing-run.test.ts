import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDDEN_ATTRIBUTE, HOST_ATTRIBUTE, ID_ATTRIBUTE } from '../../../lib/content/card-mount';
import { startListingRun, type ScanReport } from '../../../lib/content/listing-run';
import { NoAnswerError, type SendRequest } from '../../../lib/content/messenger';
import { createShadowStyler } from '../../../lib/content/shadow-styles';
import { StateStore } from '../../../lib/content/state-store';
import { privateRootOf } from '../../../lib/content/private-root';
import type { ContentRequest, StateMap } from '../../../lib/messaging/protocol';
import type { PaperInput, PaperState } from '../../../lib/paper/model';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import { InWordsError } from '../../../lib/text/problem-words';

// Every event jsdom dispatches is untrusted; here they stand for the user's (user-input.test.ts covers the page's).
vi.mock('../../../lib/content/user-input', () => ({ isUserInput: () => true }));

const FIXTURE = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'huggingface', 'daily-mini.html'), 'utf8');
const URL_ = new URL('https://huggingface.co/papers/date/2026-09-28');
const IDS = ['2609.00001', '0704.0001', '2609.00003', '2609.00005'];
const CSS = ':host { all: initial; } .bar { display: flex; }';
const EMPTY: PaperState = { saved: false, hidden: false, tags: [] };

// ---------------------------------------------------------------------------------------------
// Helpers

/** Lets MutationObserver callbacks, the run's microtask and promise chains all settle. */
const settle = () => new Promise<void>((done) => setTimeout(done, 0));

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A fake background: records every request; answers getStates from `library` (empty state for
 * unknown ids) and mutations with the state they produce. `next` answers the next request instead.
 */
function fakeBackground(library: Record<string, PaperState> = {}) {
  const requests: ContentRequest[] = [];
  const pending: Array<Deferred<StateMap>> = [];
  let holdNext = false;
  const answer = (request: ContentRequest): StateMap => {
    const current = (id: string) => library[id] ?? EMPTY;
    const set = (id: string, state: PaperState) => {
      library[id] = state;
      return { [id]: state };
    };
    switch (request.type) {
      case 'content:getStates':
        return Object.fromEntries(request.ids.map((id) => [id, current(id)]));
      case 'content:save':
        return set(request.paper.id, { ...current(request.paper.id), saved: true });
      case 'content:unsave':
        return set(request.id, { ...current(request.id), saved: false });
      case 'content:setTags':
        return set(request.paper.id, { ...current(request.paper.id), saved: current(request.paper.id).saved || request.tags.length > 0, tags: request.tags });
      case 'content:hide':
        return set(request.paper.id, { ...current(request.paper.id), hidden: true });
      case 'content:unhide':
        return set(request.id, { ...current(request.id), hidden: false });
      case 'content:getPageContext':
      case 'content:getTagCounts':
        return {};
    }
  };
  const send: SendRequest = (request) => {
    requests.push(structuredClone(request));
    if (holdNext) {
      holdNext = false;
      const later = deferred<StateMap>();
      pending.push(later);
      return later.promise;
    }
    return Promise.resolve(answer(request));
  };
  return {
    send,
    requests,
    /** The next request stays pending until the test settles it through `pending`. */
    hold() {
      holdNext = true;
    },
    pending,
    answer,
  };
}

function loadFixture() {
  document.documentElement.innerHTML = FIXTURE;
}

const runs: AbortController[] = [];

function start(options: { library?: Record<string, PaperState>; store?: StateStore } = {}) {
  const background = fakeBackground(options.library);
  const store = options.store ?? new StateStore();
  const controller = new AbortController();
  runs.push(controller);
  const reports: ScanReport[] = [];
  const run = startListingRun({
    doc: document,
    url: URL_,
    adapter: huggingfaceAdapter,
    store,
    send: background.send,
    styleRoot: createShadowStyler(CSS, window),
    signal: controller.signal,
    onScan: (report) => reports.push(report),
  });
  return { ...background, store, controller, run, reports };
}

beforeEach(loadFixture);
afterEach(() => {
  for (const controller of runs.splice(0)) controller.abort();
});

function card(id: string): Element {
  const found = document.querySelectorAll(`article[${ID_ATTRIBUTE}="${id}"]`);
  if (found.length !== 1) throw new Error(`expected one card for ${id}, found ${found.length}`);
  return found[0]!;
}

function hostsOf(element: Element): HTMLElement[] {
  return Array.from(element.children).filter((child): child is HTMLElement => child.hasAttribute(HOST_ATTRIBUTE));
}

function shadowOf(id: string): ShadowRoot {
  const hosts = hostsOf(card(id));
  if (hosts.length !== 1) throw new Error(`expected one host in ${id}, found ${hosts.length}`);
  const shadow = privateRootOf(hosts[0]);
  if (!shadow) throw new Error(`host of ${id} has no Papershelf shadow root`);
  return shadow;
}

/** Rendered buttons only: an element inside `[hidden]` is not shown nor in the accessibility tree. */
function visibleButtons(root: ParentNode): HTMLButtonElement[] {
  return Array.from(root.querySelectorAll('button')).filter((b) => b.closest('[hidden]') === null);
}

function buttonNames(root: ParentNode): string[] {
  return visibleButtons(root).map(accessibleName);
}

/** The visible status text of a card (a failed action, in words); '' when none. */
function problemText(id: string): string {
  return Array.from(shadowOf(id).querySelectorAll('[role="status"]'))
    .filter((element) => element.closest('[hidden]') === null)
    .map((element) => element.textContent ?? '')
    .join('')
    .trim();
}

function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function button(id: string, name: string): HTMLButtonElement {
  const found = visibleButtons(shadowOf(id)).filter((b) => accessibleName(b) === name);
  if (found.length !== 1) throw new Error(`expected one "${name}" button on ${id}, found ${found.length}`);
  return found[0]!;
}

function click(element: HTMLElement) {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
}

/** Every data-papershelf-* attribute and every host anywhere in the document. */
function traces(): string[] {
  const found: string[] = [];
  for (const element of Array.from(document.querySelectorAll('*'))) {
    for (const name of element.getAttributeNames()) if (name.startsWith('data-papershelf-')) found.push(`${element.tagName.toLowerCase()}[${name}]`);
  }
  return found;
}

/** What daily-mini.html says about its papers (see test/unit/sites/huggingface.test.ts). */
const PAPERS: Record<string, PaperInput> = {
  '2609.00001': {
    id: '2609.00001',
    title: 'Alpha: A Test Paper for Card Reading',
    site: 'huggingface',
    url: 'https://huggingface.co/papers/2609.00001',
    upvotes: 12,
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: 'Alpha studies "quoted" words & <tags> in abstracts.\n  It has two lines.',
    publishedAt: '2026-09-25',
  },
  '0704.0001': {
    id: '0704.0001',
    title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
    site: 'huggingface',
    url: 'https://huggingface.co/papers/0704.0001',
    upvotes: 0,
    authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
    abstract:
      'A fully differential calculation in perturbative quantum chromodynamics is presented for the production of massive photon pairs at hadron colliders.',
    publishedAt: '2007-04-02',
  },
  '2609.00005': {
    id: '2609.00005',
    title: 'Epsilon: Rendered After the Data Was Embedded',
    site: 'huggingface',
    url: 'https://huggingface.co/papers/2609.00005',
    upvotes: 7,
    authorCount: 3,
  },
};

function paperOf(id: string): PaperInput {
  const paper = PAPERS[id];
  if (!paper) throw new Error(`no expected paper for ${id}`);
  return paper;
}

// ---------------------------------------------------------------------------------------------

describe('startListingRun on daily-mini.html', () => {
  it('marks every card and gives it exactly one host with an open shadow root holding the controls', () => {
    start();
    const marked = Array.from(document.querySelectorAll(`[${ID_ATTRIBUTE}]`));
    expect(marked.map((element) => element.getAttribute(ID_ATTRIBUTE))).toEqual(IDS);
    expect(marked.every((element) => element.tagName === 'ARTICLE')).toBe(true);

    for (const id of IDS) {
      const hosts = hostsOf(card(id));
      expect(hosts).toHaveLength(1);
      expect(card(id).lastElementChild).toBe(hosts[0]);
      expect(card(id).querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(1);
      // Closed: the page's scripts get null; the content script keeps its own reference.
      expect(hosts[0]!.shadowRoot).toBeNull();
      const shadow = privateRootOf(hosts[0]);
      expect(shadow?.mode).toBe('closed');
      const groups = Array.from(shadow!.querySelectorAll('[role="group"]')).filter((g) => g.closest('[hidden]') === null);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.getAttribute('aria-label')).toBe('Papershelf');
      expect(buttonNames(groups[0]!)).toEqual(['Save', 'Tags', 'Hide']);
      // Not known yet: the controls show but claim nothing.
      expect(button(id, 'Save').getAttribute('aria-pressed')).toBe('false');
      // The stylesheet reached the root, constructed or as a <style>.
      const styled = shadow!.adoptedStyleSheets.length === 1 || shadow!.querySelector('style')?.textContent === CSS;
      expect(styled).toBe(true);
    }
    // The article whose link is not an arXiv paper gets nothing; the page has exactly 4 hosts.
    const skipped = document.querySelector('a[href="/papers/not-an-arxiv-id"]')?.closest('article');
    expect(skipped).toBeTruthy();
    expect(skipped!.getAttributeNames().filter((name) => name.startsWith('data-papershelf-'))).toEqual([]);
    expect(skipped!.querySelector(`[${HOST_ATTRIBUTE}]`)).toBeNull();
    expect(document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(4);
  });

  it('asks for all states of a scan in one getStates request, and renders the answers', async () => {
    const { requests, reports } = start({ library: { '0704.0001': { saved: true, hidden: false, tags: ['physics', 'qcd'] } } });
    expect(requests).toEqual([{ type: 'content:getStates', ids: IDS }]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ cards: 4, mounted: 4, skipped: 1 });

    await settle();
    expect(button('0704.0001', 'Save').getAttribute('aria-pressed')).toBe('true');
    expect(buttonNames(shadowOf('0704.0001'))).toEqual(['Save', 'Tags: physics, qcd', 'Hide']);
    expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('false');
    // Rendering the states touches only shadow roots and attributes: no further scans.
    expect(reports).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('a second scan mounts nothing and sends nothing, before and after the states arrive', async () => {
    const { run, requests } = start();
    // The first request is still in flight: its ids are not asked for again.
    expect(run.scan().mounted).toBe(0);
    expect(requests).toHaveLength(1);
    await settle();
    const report = run.scan();
    expect(report.mounted).toBe(0);
    expect(report.cards).toBe(4);
    expect(requests).toHaveLength(1);
    for (const id of IDS) expect(hostsOf(card(id))).toHaveLength(1);
  });

  it('a change inside a card with controls (a vote count, MathJax) costs no scan at all', async () => {
    const { requests, reports } = start();
    await settle();
    const scans = reports.length;
    const upvotes = card('2609.00001').querySelector('.leading-none')!;
    upvotes.textContent = '13';
    upvotes.append(document.createElement('span'));
    await settle();
    expect(reports).toHaveLength(scans);
    expect(requests).toHaveLength(1);
    expect(hostsOf(card('2609.00001'))).toHaveLength(1);
  });

  it('an unrelated change elsewhere in the page rescans but mounts and sends nothing', async () => {
    const { requests, reports } = start();
    await settle();
    document.body.append(document.createElement('div'));
    await settle();
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.at(-1)?.mounted).toBe(0);
    expect(requests).toHaveLength(1);
  });

  it('a card whose link the site rewrites to another paper gets that paper\'s controls', async () => {
    const { reports } = start();
    await settle();
    const element = card('2609.00001');
    for (const link of element.querySelectorAll('a[href^="/papers/2609.00001"]')) link.setAttribute('href', '/papers/2609.00077');
    await settle();
    expect(element.getAttribute(ID_ATTRIBUTE)).toBe('2609.00077');
    expect(hostsOf(element)).toHaveLength(1);
    expect(reports.at(-1)?.mounted).toBe(1);
  });

  it('a hidden paper marks its card hidden and shows only a stub with Show', async () => {
    start({ library: { '2609.00003': { saved: false, hidden: true, tags: [] } } });
    await settle();
    expect(card('2609.00003').hasAttribute(HIDDEN_ATTRIBUTE)).toBe(true);
    expect(buttonNames(shadowOf('2609.00003'))).toEqual(['Show']);
    expect(shadowOf('2609.00003').textContent).toContain('Beta & Gamma: A Title With Odd Whitespace');
    expect(document.querySelectorAll(`[${HIDDEN_ATTRIBUTE}]`)).toHaveLength(1);

    click(button('2609.00003', 'Show'));
    expect(card('2609.00003').hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    expect(buttonNames(shadowOf('2609.00003'))).toEqual(['Save', 'Tags', 'Hide']);
  });

  describe('cards the page re-renders', () => {
    it('a card replaced by a fresh clone gets its controls back exactly once, with its state', async () => {
      const { requests, reports } = start({ library: { '2609.00001': { saved: true, hidden: false, tags: [] } } });
      await settle();
      const old = card('2609.00001');
      const fresh = old.cloneNode(true) as Element;
      for (const host of hostsOf(fresh)) host.remove();
      for (const name of fresh.getAttributeNames()) if (name.startsWith('data-papershelf-')) fresh.removeAttribute(name);
      old.replaceWith(fresh);

      await settle();
      expect(card('2609.00001')).toBe(fresh);
      expect(hostsOf(fresh)).toHaveLength(1);
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(reports.at(-1)?.mounted).toBe(1);
      // The state was known: no new request.
      expect(requests).toHaveLength(1);
      // The old element was let go of cleanly.
      expect(hostsOf(old)).toHaveLength(0);
      expect(old.hasAttribute(ID_ATTRIBUTE)).toBe(false);

      // And it stays at one: mounting the host did not trigger another mount.
      await settle();
      expect(hostsOf(fresh)).toHaveLength(1);
      expect(document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(4);
    });

    it('a clone that kept our id attribute (but not the host) also gets one host', async () => {
      start();
      await settle();
      const old = card('2609.00005');
      const fresh = old.cloneNode(true) as Element;
      for (const host of hostsOf(fresh)) host.remove();
      old.replaceWith(fresh);
      await settle();
      expect(hostsOf(fresh)).toHaveLength(1);
      expect(fresh.getAttribute(ID_ATTRIBUTE)).toBe('2609.00005');
      expect(document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(4);
    });

    it('a card whose host was removed gets one host back', async () => {
      const { requests } = start({ library: { '0704.0001': { saved: false, hidden: true, tags: [] } } });
      await settle();
      const element = card('0704.0001');
      hostsOf(element)[0]!.remove();
      expect(hostsOf(element)).toHaveLength(0);

      await settle();
      expect(hostsOf(element)).toHaveLength(1);
      expect(element.hasAttribute(HIDDEN_ATTRIBUTE)).toBe(true);
      expect(buttonNames(shadowOf('0704.0001'))).toEqual(['Show']);
      expect(requests).toHaveLength(1);
      await settle();
      expect(hostsOf(element)).toHaveLength(1);
    });

    // Regression: a replaced mount redrew when its pending action failed, putting its stale
    // "hidden" back on the card under the new, unhidden controls.
    it('a failure that settles after the card was re-rendered leaves the card consistent', async () => {
      const background = start();
      await settle();
      const element = card('2609.00001');
      background.hold();
      click(button('2609.00001', 'Hide'));
      expect(element.hasAttribute(HIDDEN_ATTRIBUTE)).toBe(true);

      hostsOf(element)[0]!.remove(); // the site re-renders the card's children
      await settle();
      expect(buttonNames(shadowOf('2609.00001'))).toEqual(['Show']);

      background.pending[0]!.reject(new Error('Papershelf could not save this change (disk).'));
      await settle();
      expect(background.store.get('2609.00001')).toEqual(EMPTY);
      expect(buttonNames(shadowOf('2609.00001'))).toEqual(['Save', 'Tags', 'Hide']);
      expect(element.hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
    });

    it('a card the site adds later is mounted and its state asked for alone', async () => {
      const { requests } = start();
      await settle();
      const template = card('2609.00005');
      const added = template.cloneNode(true) as Element;
      for (const host of hostsOf(added)) host.remove();
      added.removeAttribute(ID_ATTRIBUTE);
      added.querySelectorAll('a[href="/papers/2609.00005"]').forEach((a) => a.setAttribute('href', '/papers/2609.00099'));
      template.after(added);

      await settle();
      expect(added.getAttribute(ID_ATTRIBUTE)).toBe('2609.00099');
      expect(hostsOf(added)).toHaveLength(1);
      expect(requests).toEqual([
        { type: 'content:getStates', ids: IDS },
        { type: 'content:getStates', ids: ['2609.00099'] },
      ]);
    });
  });

  describe('actions', () => {
    it('Save sends content:save with the card paper and shows pressed before the reply', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('2609.00001', 'Save'));

      // Immediately, with the reply still pending.
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(background.requests.at(-1)).toEqual({ type: 'content:save', paper: paperOf('2609.00001') });
      expect(background.pending).toHaveLength(1);

      background.pending[0]!.resolve({ '2609.00001': { saved: true, hidden: false, tags: [] } });
      await settle();
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(problemText('2609.00001')).toBe('');

      // Clicking again unsaves.
      click(button('2609.00001', 'Save'));
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('false');
      expect(background.requests.at(-1)).toEqual({ type: 'content:unsave', id: '2609.00001' });
    });

    it('a failed Save rolls back and says why on the card', async () => {
      const background = start({ library: { '2609.00003': { saved: false, hidden: false, tags: ['kept'] } } });
      await settle();
      background.hold();
      click(button('2609.00003', 'Save'));
      expect(button('2609.00003', 'Save').getAttribute('aria-pressed')).toBe('true');

      background.pending[0]!.reject(new InWordsError('Papershelf could not save: the browser says storage is full.'));
      await settle();
      expect(button('2609.00003', 'Save').getAttribute('aria-pressed')).toBe('false');
      expect(background.store.get('2609.00003')).toEqual({ saved: false, hidden: false, tags: ['kept'] });
      expect(problemText('2609.00003')).toBe('Papershelf could not save: the browser says storage is full.');
      // Only that card shows the problem.
      expect(problemText('2609.00001')).toBe('');

      // The next action clears it.
      click(button('2609.00003', 'Save'));
      await settle();
      expect(problemText('2609.00003')).toBe('');
      expect(button('2609.00003', 'Save').getAttribute('aria-pressed')).toBe('true');
    });

    // A service worker stopped between storing a change and answering: the reply is lost, the
    // change is not. The card asks the library again rather than reporting a false failure.
    it('a failed action whose change the library holds anyway is shown done, without an error', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('2609.00001', 'Save'));
      background.answer({ type: 'content:save', paper: paperOf('2609.00001') }); // stored…
      background.pending[0]!.reject(new InWordsError('Papershelf could not confirm (no answer).')); // …unanswered
      await settle();
      expect(background.requests.at(-1)).toEqual({ type: 'content:getStates', ids: ['2609.00001'] });
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(problemText('2609.00001')).toBe('');
    });

    // A worker stopped before storing: nothing reached the library. The worker that answers the
    // question about the card is awake, and the Save is sent to it once more rather than lost.
    it('an unanswered Save the library does not hold is sent once more and stored', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('2609.00001', 'Save'));
      background.pending[0]!.reject(new NoAnswerError('Papershelf could not confirm (no answer).'));
      await settle();
      expect(background.requests.slice(-3)).toEqual([
        { type: 'content:save', paper: paperOf('2609.00001') },
        { type: 'content:getStates', ids: ['2609.00001'] },
        { type: 'content:save', paper: paperOf('2609.00001') },
      ]);
      expect(background.answer({ type: 'content:getStates', ids: ['2609.00001'] })['2609.00001']?.saved).toBe(true);
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(problemText('2609.00001')).toBe('');
    });

    it('a refused action is not sent again', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('2609.00001', 'Save'));
      background.pending[0]!.reject(new InWordsError('the library refused it'));
      await settle();
      expect(background.requests.filter((request) => request.type === 'content:save')).toHaveLength(1);
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('false');
      expect(problemText('2609.00001')).toBe('the library refused it');
    });

    it('the controls say they are busy (aria-busy) while an action is on its way, and not after', async () => {
      const background = start();
      await settle();
      const group = () => shadowOf('2609.00001').querySelector('[role="group"]')!;
      expect(group().hasAttribute('aria-busy')).toBe(false);
      background.hold();
      click(button('2609.00001', 'Save'));
      expect(group().getAttribute('aria-busy')).toBe('true');
      background.pending[0]!.resolve(background.answer({ type: 'content:save', paper: paperOf('2609.00001') }));
      await settle();
      expect(group().hasAttribute('aria-busy')).toBe(false);
    });

    it('a failed action the library does not hold shows the library\'s state and the error', async () => {
      const background = start({ library: { '0704.0001': { saved: false, hidden: false, tags: ['kept'] } } });
      await settle();
      background.hold();
      click(button('0704.0001', 'Hide'));
      // Meanwhile another tab saved the paper: the card must show that, not its own old view.
      background.answer({ type: 'content:save', paper: paperOf('0704.0001') });
      background.pending[0]!.reject(new InWordsError('Papershelf could not confirm (no answer).'));
      await settle();
      expect(card('0704.0001').hasAttribute(HIDDEN_ATTRIBUTE)).toBe(false);
      expect(button('0704.0001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(problemText('0704.0001')).toBe('Papershelf could not confirm (no answer).');
    });

    it('Hide collapses the card at once and sends content:hide', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('0704.0001', 'Hide'));
      expect(card('0704.0001').hasAttribute(HIDDEN_ATTRIBUTE)).toBe(true);
      expect(buttonNames(shadowOf('0704.0001'))).toEqual(['Show']);
      expect(background.requests.at(-1)).toEqual({ type: 'content:hide', paper: paperOf('0704.0001') });
    });

    it('setTags shows the paper saved and tagged at once, and sends content:setTags', async () => {
      const background = start();
      await settle();
      click(button('2609.00005', 'Tags'));
      await settle();
      const input = shadowOf('2609.00005').querySelector<HTMLInputElement>('[role="dialog"] input');
      expect(input).not.toBeNull();
      input!.value = 'to-read';
      input!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await settle();

      background.hold();
      input!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));

      expect(background.store.get('2609.00005')).toEqual({ saved: true, hidden: false, tags: ['to-read'] });
      expect(button('2609.00005', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(buttonNames(shadowOf('2609.00005'))).toContain('Tags: to-read');
      expect(background.requests.at(-1)).toEqual({ type: 'content:setTags', paper: paperOf('2609.00005'), tags: ['to-read'], base: [] });
    });

    it('a state pushed into the store (another tab) re-renders the card', async () => {
      const { store } = start();
      await settle();
      store.apply({ '2609.00001': { saved: true, hidden: false, tags: ['x'] } });
      expect(button('2609.00001', 'Save').getAttribute('aria-pressed')).toBe('true');
      expect(buttonNames(shadowOf('2609.00001'))).toContain('Tags: x');
    });
  });

  describe('teardown', () => {
    it('abort removes every host and attribute and stops watching the page', async () => {
      const { controller, requests, reports } = start({ library: { '2609.00003': { saved: false, hidden: true, tags: [] } } });
      await settle();
      expect(traces().length).toBeGreaterThan(0);
      expect(document.querySelectorAll(`[${HIDDEN_ATTRIBUTE}]`)).toHaveLength(1);

      controller.abort();
      expect(document.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).toHaveLength(0);
      expect(traces()).toEqual([]);

      const scansBefore = reports.length;
      const extra = document.querySelector('article')!.cloneNode(true) as Element;
      document.querySelector('article')!.parentElement!.append(extra);
      document.querySelector('article')!.remove();
      await settle();
      expect(reports).toHaveLength(scansBefore);
      expect(traces()).toEqual([]);
      expect(requests).toHaveLength(1);
    });

    it('abort disconnects its MutationObserver', () => {
      const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
      try {
        const { controller } = start();
        expect(disconnect).not.toHaveBeenCalled();
        controller.abort();
        expect(disconnect).toHaveBeenCalledTimes(1);
      } finally {
        disconnect.mockRestore();
      }
    });

    it('a store push after abort changes nothing on the page', async () => {
      const { controller, store } = start();
      await settle();
      controller.abort();
      store.apply({ '2609.00001': { saved: false, hidden: true, tags: [] } });
      expect(traces()).toEqual([]);
    });

    it('releases its store subscription: 50 start/abort cycles leave no listener', async () => {
      const store = new StateStore();
      for (let i = 0; i < 50; i++) {
        const { controller } = start({ store });
        expect(store.listenerCount).toBe(1);
        controller.abort();
      }
      await settle();
      expect(store.listenerCount).toBe(0);
      expect(traces()).toEqual([]);
    });

    // Regression: a failed action that settled after abort() redrew the disposed mount, putting
    // data-papershelf-hidden back on the card with no host left to show it again.
    it('an action that fails after abort leaves no trace on the page', async () => {
      const background = start();
      await settle();
      background.hold();
      click(button('2609.00001', 'Hide'));
      expect(card('2609.00001').hasAttribute(HIDDEN_ATTRIBUTE)).toBe(true);

      background.controller.abort();
      expect(traces()).toEqual([]);
      // E.g. "Extension context invalidated" when the extension was reloaded under the page.
      background.pending[0]!.reject(new Error('Extension context invalidated.'));
      await settle();
      expect(traces()).toEqual([]);
    });
  });
});
