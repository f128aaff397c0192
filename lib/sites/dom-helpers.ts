/** Small DOM reading helpers shared by the site adapters (pure, like the adapters). */

/** The first element matching any of `selectors`, tried in order (preferred variant first). */
export function firstMatch(scope: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = scope.querySelector(selector);
    if (element) return element;
  }
  return null;
}

/** Whitespace collapsed and trimmed, as text is shown. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An error in words, for the skipped-card reasons. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
