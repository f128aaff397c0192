import type { CDPSession, Page } from 'playwright-core';
import { networkQuiet } from './network-quiet.ts';

/**
 * Papershelf's controls on a listing page, for end-to-end tests: found through the DevTools
 * protocol, used with the user's own (trusted) mouse and keyboard input.
 *
 * They sit in CLOSED shadow roots, which Playwright's locators do not pierce (and a page's scripts
 * cannot open). Chromium's DevTools protocol sees them: this module finds them through CDP
 * (`DOM.describeNode` with `pierce`, then `DOM.resolveNode`) and acts with real, trusted input
 * (`page.mouse` at the control's centre, `page.keyboard` on the focused control). It mirrors the
 * small part of Playwright's Locator that the tests use, so a test reads as before:
 *
 *   await controls(page, id).button('Save').click();
 *   await expect.poll(() => controls(page, id).button('Save').getAttribute('aria-pressed')).toBe('true');
 *   await controls(page, id).combobox('Add a tag').fill('to-read');
 *   await panel(page).button(/^Show the/).click();
 *
 * A `Control` is a query, resolved afresh by each call (the card may have been re-rendered).
 * Actions wait (10 s by default) for exactly one match, as a Playwright locator does.
 */

export interface RoleOptions {
  /** A string matches case-insensitively as a substring unless `exact`; a RegExp is tested as is. */
  name?: string | RegExp;
  exact?: boolean;
  /** Also match controls that are not shown (inside a `hidden` group), as Playwright's option does. */
  includeHidden?: boolean;
}

export interface Control {
  /** How many controls match now (no waiting). */
  count(): Promise<number>;
  /** The `index`-th match (document order, hosts in document order). */
  nth(index: number): Control;
  first(): Control;
  /** A trusted mouse click at the control's centre, scrolled into view first; waits until nothing covers it. */
  click(options?: { timeout?: number }): Promise<void>;
  /** Focuses the control and presses `key` on the keyboard (trusted). */
  press(key: string, options?: { timeout?: number }): Promise<void>;
  /** Focuses a field, selects its text and types `text` over it (trusted input events). */
  fill(text: string, options?: { timeout?: number }): Promise<void>;
  focus(options?: { timeout?: number }): Promise<void>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  /** The text of every match (no waiting). */
  allTextContents(): Promise<string[]>;
  /** Whether one match is rendered (not in a `hidden` group, has a box); false when there is none. */
  isVisible(): Promise<boolean>;
  /** Waits until a match is attached (default), visible, or until none is left (`detached`). */
  waitFor(options?: { state?: 'attached' | 'visible' | 'detached'; timeout?: number }): Promise<void>;
  /**
   * Runs `functionSource` (`(element, arg) => …`, as source text) in the page's main world on the one
   * match: what a page script could do with the element if it ever got hold of it (a script's
   * `click()` makes an untrusted event). Returns the function's value (JSON-serialisable).
   */
  evaluate<T = unknown>(functionSource: string, arg?: unknown, options?: { timeout?: number }): Promise<T>;
}

export interface Controls {
  getByRole(role: string, options?: RoleOptions): Control;
  /** `getByRole('button', { name, exact: true })` for a string name. */
  button(name: string | RegExp, options?: Omit<RoleOptions, 'name'>): Control;
  /** `getByRole('combobox', { name, exact: true })` for a string name (the tag editor's field). */
  combobox(name: string | RegExp, options?: Omit<RoleOptions, 'name'>): Control;
  /** Elements matching a CSS selector inside the roots (`.problem`, `.stub-title`), shown or not. */
  locator(selector: string): Control;
  /** How many of Papershelf's hosts this scope covers now. */
  hosts(): Promise<number>;
  /** Runs `functionSource` (`(root) => …`, as source text) on each closed root of this scope, in the main world. */
  evaluateEachRoot<T = unknown>(functionSource: string): Promise<T[]>;
}

const HOST = '[data-papershelf-host]';
const PANEL = '[data-papershelf-panel]';
const DEFAULT_TIMEOUT = 10_000;

/** The controls of the card(s) of paper `id` (the host inside the card marked with that id). */
export function controls(page: Page, id: string): Controls {
  return scope(page, `[data-papershelf-id="${cssString(id)}"] > ${HOST}`);
}

/** Every card's controls on the page, together. */
export function allControls(page: Page): Controls {
  return scope(page, HOST);
}

/** The page-wide panel: toast with Undo, "N hidden" with Show, keyboard help dialog, notices. */
export function panel(page: Page): Controls {
  return scope(page, PANEL);
}

/** Every root Papershelf put on the page: card controls and the panel. */
export function everyPapershelfRoot(page: Page): Controls {
  return scope(page, `${HOST}, ${PANEL}`);
}

type Query =
  | { kind: 'role'; role: string; name?: string | RegExp; exact?: boolean; includeHidden?: boolean }
  | { kind: 'css'; selector: string };

function scope(page: Page, hostSelector: string): Controls {
  const control = (query: Query) => makeControl(page, hostSelector, query, undefined);
  const role = (role: string, name: string | RegExp, options: Omit<RoleOptions, 'name'> = {}) =>
    control({ kind: 'role', role, name, exact: typeof name === 'string' ? (options.exact ?? true) : undefined, includeHidden: options.includeHidden });
  return {
    getByRole: (role, options = {}) => control({ kind: 'role', role, ...options }),
    button: (name, options) => role('button', name, options),
    combobox: (name, options) => role('combobox', name, options),
    locator: (selector) => control({ kind: 'css', selector }),
    hosts: async () => (await hostsOf(await cdpOf(page), hostSelector)).length,
    async evaluateEachRoot<T>(functionSource: string) {
      const cdp = await cdpOf(page);
      const values: T[] = [];
      for (const host of await hostsOf(cdp, hostSelector)) {
        const root = await rootOf(cdp, host);
        if (root) values.push((await callOn(cdp, root, `function () { return (${functionSource})(this); }`)) as T);
      }
      return values;
    },
  };
}

function makeControl(page: Page, hostSelector: string, query: Query, index: number | undefined): Control {
  const describe = () => `${describeQuery(query)}${index === undefined ? '' : ` #${index}`} under ${hostSelector}`;
  const matches = async (cdp: CDPSession): Promise<string[]> => {
    const found: string[] = [];
    for (const host of await hostsOf(cdp, hostSelector)) found.push(...(await findIn(cdp, host, query)));
    if (index === undefined) return found;
    const one = found.at(index);
    return one === undefined ? [] : [one];
  };
  /** Waits for exactly one match and returns it (a main-world object id). */
  const one = async (timeout = DEFAULT_TIMEOUT): Promise<{ cdp: CDPSession; node: string }> => {
    const cdp = await cdpOf(page);
    let last: string[] = [];
    const deadline = Date.now() + timeout;
    for (;;) {
      last = await matches(cdp);
      if (last.length === 1) return { cdp, node: last[0]! };
      if (Date.now() > deadline) break;
      await page.waitForTimeout(100);
    }
    throw new Error(`controls: expected one ${describe()}, found ${last.length} after ${timeout} ms`);
  };
  const onElement = async (source: string, arg?: unknown, timeout?: number) => {
    const { cdp, node } = await one(timeout);
    return callOn(cdp, node, source, arg);
  };
  const focus = async (timeout?: number) => {
    const { cdp, node } = await one(timeout);
    await cdp.send('DOM.focus', { objectId: node });
  };
  return {
    count: async () => (await matches(await cdpOf(page))).length,
    nth: (n) => makeControl(page, hostSelector, query, n),
    first: () => makeControl(page, hostSelector, query, 0),
    async click(options = {}) {
      const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
      for (;;) {
        const { cdp, node } = await one(Math.max(0, deadline - Date.now()));
        const point = await clickablePoint(page, cdp, node);
        if (point) {
          await page.mouse.click(point.x, point.y);
          return;
        }
        if (Date.now() > deadline) throw new Error(`controls: ${describe()} is not visible or is covered`);
        await page.waitForTimeout(100);
      }
    },
    async press(key, options = {}) {
      await focus(options.timeout);
      await page.keyboard.press(key);
    },
    async fill(text, options = {}) {
      await focus(options.timeout);
      await onElement('function () { if (typeof this.select === "function") this.select(); }');
      if (text === '') await page.keyboard.press('Delete');
      else await page.keyboard.insertText(text);
    },
    focus: (options = {}) => focus(options.timeout),
    getAttribute: async (name, options = {}) => (await onElement('function (name) { return this.getAttribute(name); }', name, options.timeout)) as string | null,
    textContent: async (options = {}) => (await onElement('function () { return this.textContent; }', undefined, options.timeout)) as string | null,
    async allTextContents() {
      const cdp = await cdpOf(page);
      const texts: string[] = [];
      for (const node of await matches(cdp)) texts.push((await callOn(cdp, node, 'function () { return this.textContent ?? ""; }')) as string);
      return texts;
    },
    async isVisible() {
      const cdp = await cdpOf(page);
      const found = await matches(cdp);
      if (found.length !== 1) return false;
      return (await callOn(cdp, found[0]!, `function () { return ${IS_SHOWN}(this); }`)) as boolean;
    },
    async waitFor(options = {}) {
      const state = options.state ?? 'attached';
      const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
      for (;;) {
        const cdp = await cdpOf(page);
        const found = await matches(cdp);
        const done =
          state === 'detached'
            ? found.length === 0
            : state === 'attached'
              ? found.length > 0
              : found.length > 0 && ((await callOn(cdp, found[0]!, `function () { return ${IS_SHOWN}(this); }`)) as boolean);
        if (done) return;
        if (Date.now() > deadline) throw new Error(`controls: ${describe()} did not become ${state}`);
        await page.waitForTimeout(100);
      }
    },
    evaluate: async <T>(functionSource: string, arg?: unknown, options: { timeout?: number } = {}) =>
      (await onElement(`function (arg) { return (${functionSource})(this, arg); }`, arg, options.timeout)) as T,
  };
}

// ---- The DevTools protocol ------------------------------------------------------------------

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** One CDP session per page, for the page's lifetime. */
function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Object ids (main world) of the hosts matching `selector`, in document order. */
async function hostsOf(cdp: CDPSession, selector: string): Promise<string[]> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: `[...document.querySelectorAll(${JSON.stringify(selector)})]`, objectGroup: 'controls' });
  if (!result.objectId) return [];
  return elementsOf(cdp, result.objectId);
}

async function elementsOf(cdp: CDPSession, arrayObjectId: string): Promise<string[]> {
  const { result } = await cdp.send('Runtime.getProperties', { objectId: arrayObjectId, ownProperties: true });
  return result
    .filter((property) => /^\d+$/.test(property.name) && property.value?.objectId)
    .sort((a, b) => Number(a.name) - Number(b.name))
    .map((property) => property.value!.objectId!);
}

/** The host's shadow root (closed or open) as a main-world object; DevTools sees through closed roots. */
async function rootOf(cdp: CDPSession, host: string): Promise<string | undefined> {
  const { node } = await cdp.send('DOM.describeNode', { objectId: host, depth: 1, pierce: true });
  const shadow = node.shadowRoots?.[0];
  if (!shadow) return undefined;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, objectGroup: 'controls' });
  return object.objectId;
}

async function callOn(cdp: CDPSession, objectId: string, functionDeclaration: string, arg?: unknown): Promise<unknown> {
  const reply = await cdp.send('Runtime.callFunctionOn', {
    objectId,
    functionDeclaration,
    arguments: arg === undefined ? [] : [{ value: arg }],
    returnByValue: true,
    awaitPromise: true,
  });
  if (reply.exceptionDetails) throw new Error(`controls: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
  return reply.result.value;
}

/** The query's matches inside one host's root, as main-world object ids. */
async function findIn(cdp: CDPSession, host: string, query: Query): Promise<string[]> {
  const root = await rootOf(cdp, host);
  if (!root) return [];
  // One call per root finds the candidates; their names come back in one more, matched here.
  const found = await cdp.send('Runtime.callFunctionOn', {
    objectId: root,
    functionDeclaration: `function (query) { return ${FIND_IN_ROOT}(this, query); }`,
    arguments: [{ value: query.kind === 'css' ? query : { kind: 'role', role: query.role, includeHidden: query.includeHidden === true } }],
    objectGroup: 'controls',
  });
  if (found.exceptionDetails) throw new Error(`controls: ${found.exceptionDetails.exception?.description ?? found.exceptionDetails.text}`);
  if (!found.result.objectId) return [];
  const elements = await elementsOf(cdp, found.result.objectId);
  const names = query.kind === 'role' && query.name !== undefined ? ((await callOn(cdp, found.result.objectId, `function () { return this.map(${NAME_OF}); }`)) as string[]) : undefined;
  return elements.filter((_, index) => !names || query.kind !== 'role' || nameMatches(names[index] ?? '', query));
}

/** Playwright's name rules: a RegExp tested; a string exact (whitespace-normalised) or a case-insensitive substring. */
function nameMatches(name: string, query: Extract<Query, { kind: 'role' }>): boolean {
  if (query.name === undefined) return true;
  const normal = name.replace(/\s+/g, ' ').trim();
  if (typeof query.name !== 'string') return query.name.test(normal);
  const wanted = query.name.replace(/\s+/g, ' ').trim();
  return query.exact ? normal === wanted : normal.toLowerCase().includes(wanted.toLowerCase());
}

/**
 * A point at the control's centre where a click lands on the control itself (nothing of the page,
 * nor the panel, covers it), after scrolling it into view; undefined when it has no box.
 */
async function clickablePoint(page: Page, cdp: CDPSession, objectId: string): Promise<{ x: number; y: number } | undefined> {
  try {
    await cdp.send('DOM.scrollIntoViewIfNeeded', { objectId });
    // What came into view starts loading a frame later (lazy images), and moves things when it fails.
    await callOn(cdp, objectId, 'function () { return new Promise((resolve) => { const later = () => setTimeout(() => resolve(true), 20); requestAnimationFrame(later); setTimeout(later, 100); }); }');
    await networkQuiet(page);
    const { quads } = await cdp.send('DOM.getContentQuads', { objectId });
    const quad = quads[0];
    if (!quad) return undefined;
    // Stable, as Playwright requires before it clicks: the same box a moment later. Something
    // inserted above the card meanwhile (the For-you switch when the scores arrive) would move it,
    // and the click would land on whatever took its place.
    await callOn(cdp, objectId, 'function () { return new Promise((resolve) => setTimeout(() => resolve(true), 50)); }');
    const again = (await cdp.send('DOM.getContentQuads', { objectId })).quads[0];
    if (!again || again.some((value, index) => Math.abs(value - quad[index]!) > 0.5)) return undefined;
    const x = (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4;
    const y = (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4;
    // The page sees a point inside a closed root as its host: the hit must be our control or its host.
    const onTop = await callOn(
      cdp,
      objectId,
      `function ([x, y]) {
        const hit = document.elementFromPoint(x, y);
        for (let node = this; node; node = node.getRootNode().host) if (node === hit || node.contains(hit)) return true;
        return false;
      }`,
      [x, y],
    );
    if (onTop !== true) {
      // Covered, e.g. by a box fixed to a corner of the window (the For-you switch, the toast): as a
      // reader would, bring the control to the middle of the window; the caller tries again.
      await callOn(cdp, objectId, `function () { this.scrollIntoView({ block: 'center', inline: 'center' }); }`);
      return undefined;
    }
    return { x, y };
  } catch {
    // No box (display: none, detached between the find and now): not clickable yet.
    return undefined;
  }
}

/** `(element) => boolean`: rendered, outside any `hidden` group. */
const IS_SHOWN = `((element) => element.closest('[hidden]') === null && (typeof element.checkVisibility !== 'function' || element.checkVisibility()))`;

/**
 * `(root, query) => Element[]`: a CSS query, or the elements of a role, shown unless
 * `includeHidden`. Roles: explicit, or implicit for buttons and text fields (enough for
 * Papershelf's controls, which give every other element an explicit role).
 */
const FIND_IN_ROOT = `((root, query) => {
  if (query.kind === 'css') return [...root.querySelectorAll(query.selector)];
  const shown = ${IS_SHOWN};
  const roleOf = (element) => {
    const explicit = element.getAttribute('role');
    if (explicit) return explicit;
    if (element.localName === 'button') return 'button';
    if (element.localName === 'textarea' || (element.localName === 'input' && ['', 'text', 'search', 'email', 'url'].includes(element.getAttribute('type') ?? ''))) return 'textbox';
    return '';
  };
  return [...root.querySelectorAll('*')].filter((element) => roleOf(element) === query.role && (query.includeHidden || shown(element)));
})`;

/** `(element) => string`: the accessible name as our controls give it: aria-label, else the text without what is aria-hidden. */
const NAME_OF = `((element) => {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const copy = element.cloneNode(true);
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent ?? '';
})`;

function describeQuery(query: Query): string {
  if (query.kind === 'css') return `"${query.selector}"`;
  return `${query.role}${query.name === undefined ? '' : ` named ${String(query.name)}`}${query.includeHidden ? ' (hidden too)' : ''}`;
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
