/**
 * Shared set-up for the triage tests (listing-run-triage, keyboard-triage): the Hugging Face
 * daily-mini fixture in jsdom, a scriptable fake background, and helpers that look at the page the
 * way a user would (attributes on the cards, buttons in the cards' closed shadow roots, reached as the content script reaches them).
 * Not a test file itself (no `.test.` in the name).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HOST_ATTRIBUTE, ID_ATTRIBUTE, PANEL_ATTRIBUTE } from '../../../lib/content/card-mount';
import { startListingRun, type ListingEvents, type ListingRunOptions } from '../../../lib/content/listing-run';
import type { SendRequest } from '../../../lib/content/messenger';
import { createShadowStyler } from '../../../lib/content/shadow-styles';
import { privateRootOf } from '../../../lib/content/private-root';
import { StateStore } from '../../../lib/content/state-store';
import type { ContentRequest, StateMap } from '../../../lib/messaging/protocol';
import type { PaperState } from '../../../lib/paper/model';
import type { Rule } from '../../../lib/rules';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';

export const FIXTURE_HTML = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'huggingface', 'daily-mini.html'), 'utf8');
export const PAGE_URL = new URL('https://huggingface.co/papers/date/2026-09-28');
/** The four readable cards of daily-mini.html, in document order. */
export const ALPHA = '2609.00001'; // authors Ada Lovelace, Alan Turing
export const DIPHOTON = '0704.0001'; // "Calculation of prompt diphoton production …"
export const BETA = '2609.00003'; // authors Grace Hopper, Edsger Dijkstra
export const EPSILON = '2609.00005'; // no authors, no abstract (not in the embedded JSON)
export const CARD_IDS = [ALPHA, DIPHOTON, BETA, EPSILON];
export const EMPTY: PaperState = { saved: false, hidden: false, tags: [] };

/** Lets MutationObserver callbacks, queued microtasks and resolved promise chains run. */
export const settle = () => new Promise<void>((done) => setTimeout(done, 0));

export function loadFixture(): void {
  document.documentElement.innerHTML = FIXTURE_HTML;
}

export interface Held {
  request: ContentRequest;
  resolve(states: StateMap): void;
  reject(error: unknown): void;
}

/**
 * A background that keeps a small library and answers as the real one does: getStates with the
 * state of every asked id, each mutation with the state it produces. `hold()` keeps the next
 * answer back until the test releases it (`held[i].resolve(background.answer(request))`).
 */
export function createFakeBackground(library: Record<string, PaperState> = {}) {
  const requests: ContentRequest[] = [];
  const held: Held[] = [];
  let holdNext = false;
  const stateOf = (id: string): PaperState => library[id] ?? EMPTY;
  const store = (id: string, state: PaperState): StateMap => {
    library[id] = state;
    return { [id]: state };
  };
  const answer = (request: ContentRequest): StateMap => {
    switch (request.type) {
      case 'content:getStates':
        return Object.fromEntries(request.ids.map((id) => [id, stateOf(id)]));
      case 'content:save':
        return store(request.paper.id, { ...stateOf(request.paper.id), saved: true });
      case 'content:unsave':
        // As the repository does: the record (and its tags) stays, only `savedAt` goes.
        return store(request.id, { ...stateOf(request.id), saved: false });
      case 'content:setTags': {
        const before = stateOf(request.paper.id);
        return store(request.paper.id, { ...before, saved: before.saved || request.tags.length > 0, tags: [...request.tags] });
      }
      case 'content:hide':
        return store(request.paper.id, { ...stateOf(request.paper.id), hidden: true });
      case 'content:unhide':
        return store(request.id, { ...stateOf(request.id), hidden: false });
      default:
        return {};
    }
  };
  const send: SendRequest = (request) => {
    requests.push(structuredClone(request));
    if (!holdNext) return Promise.resolve(answer(request));
    holdNext = false;
    return new Promise<StateMap>((resolve, reject) => held.push({ request, resolve, reject }));
  };
  return {
    send,
    requests,
    held,
    library,
    answer,
    hold() {
      holdNext = true;
    },
    /** The requests that change the library (everything but getStates). */
    mutations: () => requests.filter((request) => request.type !== 'content:getStates'),
  };
}

export const CONTROLS_CSS = ':host { all: initial; }';

/** What a test hears from the run (it follows the run as the page's triage does). */
export type RunHooks = Partial<ListingEvents>;

/** Starts a listing run on the loaded fixture; every run is aborted by `stopAll()`. */
export function startRun(
  options: { library?: Record<string, PaperState>; hooks?: RunHooks; signal?: AbortSignal } & Pick<ListingRunOptions, 'idBudget'> = {},
) {
  const background = createFakeBackground(options.library);
  const store = new StateStore();
  const controller = new AbortController();
  controllers.push(controller);
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const run = startListingRun({
    doc: document,
    url: PAGE_URL,
    adapter: huggingfaceAdapter,
    store,
    send: background.send,
    styleRoot: createShadowStyler(CONTROLS_CSS, window),
    signal,
    idBudget: options.idBudget,
  });
  if (options.hooks) {
    const hooks = options.hooks;
    run.follow({
      actionDone: (label, undoable) => hooks.actionDone?.(label, undoable),
      hiddenCount: (hidden, revealedAll) => hooks.hiddenCount?.(hidden, revealedAll),
      overLimit: (limit) => hooks.overLimit?.(limit),
    });
  }
  return { ...background, store, controller, run };
}

const controllers: AbortController[] = [];
export function stopAll(): void {
  for (const controller of controllers.splice(0)) controller.abort();
}

let ruleSeq = 0;
export function rule(action: Rule['action'], target: Rule['target'], pattern: string, extra: Partial<Rule> = {}): Rule {
  ruleSeq += 1;
  return { id: `r${ruleSeq}`, enabled: true, target, match: 'word', pattern, action, createdAt: 1_700_000_000_000, ...extra };
}

/** The one card element of a paper (throws when there are none or several). */
export function card(id: string): HTMLElement {
  const found = document.querySelectorAll<HTMLElement>(`article[${ID_ATTRIBUTE}="${id}"]`);
  if (found.length !== 1) throw new Error(`expected one card for ${id}, found ${found.length}`);
  return found[0]!;
}

export function hostOf(element: Element): HTMLElement {
  const hosts = Array.from(element.children).filter((child): child is HTMLElement => child.hasAttribute(HOST_ATTRIBUTE));
  if (hosts.length !== 1) throw new Error(`expected one host, found ${hosts.length}`);
  return hosts[0]!;
}

export function shadowOf(id: string): ShadowRoot {
  const shadow = privateRootOf(hostOf(card(id)));
  if (!shadow) throw new Error(`no Papershelf shadow root on ${id}`);
  return shadow;
}

export function panelRoot(): ShadowRoot {
  const host = document.querySelector(`[${PANEL_ATTRIBUTE}]`);
  const root = privateRootOf(host);
  if (!root) throw new Error('no page panel');
  return root;
}

/** Shown: not inside an element with the `hidden` attribute. */
export function isShown(element: Element): boolean {
  return element.closest('[hidden]') === null;
}

export function shownButtons(root: ParentNode): HTMLButtonElement[] {
  return Array.from(root.querySelectorAll('button')).filter(isShown);
}

export function nameOf(element: Element): string {
  return element.getAttribute('aria-label') ?? (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttonNames(id: string): string[] {
  return shownButtons(shadowOf(id)).map(nameOf);
}

export function button(id: string, name: string): HTMLButtonElement {
  const found = shownButtons(shadowOf(id)).filter((b) => nameOf(b) === name);
  if (found.length !== 1) throw new Error(`expected one shown "${name}" button on ${id}, found ${found.length}`);
  return found[0]!;
}

export function click(element: HTMLElement): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
}

/** The ids of the cards that carry `attribute`, in document order. */
export function idsWith(attribute: string): string[] {
  return Array.from(document.querySelectorAll(`article[${attribute}]`)).map((element) => element.getAttribute(ID_ATTRIBUTE) ?? '?');
}

/** Adds, after `after`, a copy of its card that the site "renders later", for paper `id` with `title`. */
export function addCardLike(after: string, id: string, title: string): HTMLElement {
  const template = card(after);
  const added = template.cloneNode(true) as HTMLElement;
  for (const child of Array.from(added.children)) if (child.hasAttribute(HOST_ATTRIBUTE)) child.remove();
  for (const name of added.getAttributeNames()) if (name.startsWith('data-papershelf-')) added.removeAttribute(name);
  for (const link of added.querySelectorAll(`a[href*="${after}"]`)) link.setAttribute('href', `/papers/${id}`);
  added.querySelector('h3 a')!.textContent = title;
  template.after(added);
  return added;
}
