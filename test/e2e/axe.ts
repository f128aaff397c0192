import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import { evaluateInPapershelfWorld } from './page-checks.ts';

/**
 * axe-core over Papershelf's own UI in a real browser: WCAG 2.0, 2.1 and 2.2, levels A and AA.
 * A serious or critical violation fails the test; the rest is printed in the test output.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const FAILING: ReadonlySet<ImpactValue> = new Set(['serious', 'critical']);

export interface Audit {
  /** What was audited, for the messages. */
  label: string;
  violations: Result[];
  /** Rules that found something to judge: an audit that saw nothing is no audit. */
  checkedRules: number;
}

/**
 * The run, as source evaluated in the page (an extension page's CSP refuses inline script tags;
 * the DevTools protocol's evaluation is not subject to it). `include` lists CSS selectors of the
 * elements to judge, the whole document when empty.
 */
function runSource(include: readonly string[]): string {
  const context = include.length > 0 ? JSON.stringify({ include: include.map((selector) => [selector]) }) : 'document';
  return `(async () => {
    if (!globalThis.axe) (0, eval)(${JSON.stringify(AXE_SOURCE)});
    const results = await axe.run(${context}, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] });
    return JSON.stringify({ violations: results.violations, checkedRules: results.passes.length + results.violations.length });
  })()`;
}

/**
 * The same run as one self-contained expression, axe's source included, for browsers whose
 * evaluation of it in an extension page must not call `eval` (Firefox applies the page's CSP to
 * `eval` inside evaluated code, but not to the evaluated code itself).
 */
export function axeExpression(): string {
  return `${AXE_SOURCE}\n;(async () => {
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] });
    return JSON.stringify({ violations: results.violations, checkedRules: results.passes.length + results.violations.length });
  })()`;
}

export function parse(label: string, json: unknown): Audit {
  const results = JSON.parse(String(json)) as Pick<AxeResults, 'violations'> & { checkedRules: number };
  return { label, violations: results.violations, checkedRules: results.checkedRules };
}

/** Audits an extension page (popup, library): all of it is Papershelf's. */
export async function auditPage(page: Page, label: string): Promise<Audit> {
  return parse(label, await page.evaluate(runSource([])));
}

/**
 * Audits what Papershelf added to a listing page (card hosts, the page panel, and `alsoInclude`:
 * selectors of what it puts in the light DOM, such as the For-you marks), the site's own markup
 * excluded. Runs in Papershelf's isolated world, where `shadowRoot` is made to return closed
 * roots too (`chrome.dom.openOrClosedShadowRoot`, content scripts only): axe walks shadow trees
 * through that property, and the page's own scripts never see the change (each world has its own
 * prototypes).
 */
export async function auditListingControls(page: Page, label: string, alsoInclude: readonly string[] = []): Promise<Audit> {
  const reveal = `(() => {
    if (globalThis.__papershelfAxeShadows) return;
    globalThis.__papershelfAxeShadows = true;
    const open = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot').get;
    Object.defineProperty(Element.prototype, 'shadowRoot', {
      configurable: true,
      get() {
        try { return chrome.dom.openOrClosedShadowRoot(this) ?? null; } catch { return open.call(this); }
      },
    });
  })()`;
  await evaluateInPapershelfWorld(page, reveal);
  return parse(label, await evaluateInPapershelfWorld(page, runSource(['[data-papershelf-host]', '[data-papershelf-panel]', ...alsoInclude])));
}

/** Every violation in words: rule, impact, what it asks, and each node with axe's summary. */
export function describe(audit: Audit, violations: readonly Result[] = audit.violations): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${JSON.stringify(node.target)}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
      return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} node(s))\n${nodes}`;
    })
    .join('\n');
}

/**
 * Fails on serious and critical violations, with each in words; prints the minor and moderate
 * ones. Also fails an audit that judged nothing (a wrong context would pass silently).
 */
export function expectNoSerious(audit: Audit): void {
  const serious = audit.violations.filter((violation) => FAILING.has(violation.impact ?? 'minor'));
  const minor = audit.violations.filter((violation) => !FAILING.has(violation.impact ?? 'minor'));
  if (minor.length > 0) console.log(`axe, ${audit.label}: ${minor.length} minor/moderate violation(s), not failing:\n${describe(audit, minor)}`);
  if (audit.checkedRules === 0) throw new Error(`axe, ${audit.label}: no node was checked`);
  if (serious.length > 0) throw new Error(`axe, ${audit.label}: ${serious.length} serious/critical violation(s)\n${describe(audit, serious)}`);
}

/**
 * Hugging Face's dark mode is a class on <html> (Tailwind). The site's stylesheet is not served
 * here (no network), so its dark page background is stood in for: axe measures our text against
 * what is behind it.
 */
export async function setHuggingFaceDark(page: Page, dark: boolean): Promise<void> {
  await page.evaluate((on) => {
    document.documentElement.classList.toggle('dark', on);
    let style = document.getElementById('test-dark-background');
    if (!style) {
      style = document.createElement('style');
      style.id = 'test-dark-background';
      style.textContent = 'html.dark body, html.dark article { background: #0b0f19; color: #e5e7eb; }';
      document.head.append(style);
    }
  }, dark);
}
