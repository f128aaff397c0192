import type { CDPSession, Page } from 'playwright-core';
import { everyPapershelfRoot } from './controls.ts';

/**
 * Looks at a listing page from the outside: what runs in Papershelf's isolated world, what its
 * shadow roots hold, and whether the site's own DOM was left alone.
 */

interface ExecutionContext {
  id: number;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

/**
 * Evaluates `expression` in Papershelf's isolated world (the content script's), through the
 * DevTools protocol: Playwright itself only reaches the page's main world.
 */
export async function evaluateInPapershelfWorld(page: Page, expression: string): Promise<unknown> {
  return withPapershelfWorld(page, async (cdp, contextId) => {
    const result = (await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value;
  });
}

/** Runs `work` with a DevTools session and the id of Papershelf's isolated world in `page`. */
export async function withPapershelfWorld<T>(page: Page, work: (cdp: CDPSession, contextId: number) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: ExecutionContext[] = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContext }) => contexts.push(event.context));
    // Enabling replays a creation event for every context that already exists.
    await cdp.send('Runtime.enable');
    const world = contexts.find((context) => context.auxData?.type === 'isolated' && context.name === 'Papershelf');
    if (!world) throw new Error(`Papershelf's isolated world not found among: ${contexts.map((context) => context.name || '(main)').join(', ')}`);
    return await work(cdp, world.id);
  } finally {
    await cdp.detach();
  }
}

/** Elements that markup in page text would have created, counted by kind. */
export interface InjectedCounts {
  img: number;
  script: number;
  b: number;
  /** Elements with any `on…` event-handler attribute. */
  handlers: number;
}

/**
 * Counts in `root` (a document or a shadow root), as source evaluated in the page: written as a
 * string so no transform of this file (coverage counters, helpers) can leak into the page.
 */
const COUNT_INJECTABLE = `(root) => ({
  img: root.querySelectorAll('img').length,
  script: root.querySelectorAll('script').length,
  b: root.querySelectorAll('b').length,
  handlers: [...root.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
})`;

/**
 * The counts over every shadow root Papershelf put on a listing page (card controls and the page
 * panel): closed roots, reached through the DevTools protocol (controls.ts).
 */
export async function countInPapershelfShadows(page: Page): Promise<InjectedCounts & { roots: number }> {
  const perRoot = await everyPapershelfRoot(page).evaluateEachRoot<InjectedCounts>(COUNT_INJECTABLE);
  const total = { img: 0, script: 0, b: 0, handlers: 0, roots: perRoot.length };
  for (const counts of perRoot) for (const key of ['img', 'script', 'b', 'handlers'] as const) total[key] += counts[key];
  return total;
}

/** The counts over a whole document (an extension page has no shadow roots of its own). */
export async function countInDocument(page: Page): Promise<InjectedCounts> {
  return page.evaluate(`(${COUNT_INJECTABLE})(document)`);
}

/**
 * The page's DOM as the site made it: our hosts removed and our `data-papershelf-*` attributes
 * dropped, serialized. Compared with `servedDom`, anything else Papershelf changed shows.
 */
export async function siteDomWithoutPapershelf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as Element;
    // Everything Papershelf adds: control hosts (For-you marks inside), the page panel, the For-you switch and its relay frame's host.
    for (const host of copy.querySelectorAll('[data-papershelf-host], [data-papershelf-panel], [data-papershelf-for-you], [data-papershelf-relay]')) host.remove();
    for (const element of [copy, ...copy.querySelectorAll('*')]) {
      for (const name of element.getAttributeNames()) if (name.startsWith('data-papershelf-')) element.removeAttribute(name);
    }
    return copy.outerHTML;
  });
}

/** `html` parsed by the same browser without any extension at work (DOMParser runs no script). */
export async function servedDom(page: Page, html: string): Promise<string> {
  return page.evaluate((source) => new DOMParser().parseFromString(source, 'text/html').documentElement.outerHTML, html);
}
