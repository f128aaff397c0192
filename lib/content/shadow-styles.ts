/**
 * Gives every card's shadow root the same stylesheet. One constructed sheet is parsed once and
 * shared by all roots (hundreds of cards); where constructed sheets are unavailable to content
 * scripts (Firefox's isolated world), each root gets a <style> with the same, extension-owned text.
 */
export function createShadowStyler(cssText: string, win: Window): (root: ShadowRoot) => void {
  const sheet = tryConstructSheet(cssText, win);
  return (root) => {
    if (sheet) {
      try {
        root.adoptedStyleSheets = [sheet];
        return;
      } catch {
        // Falls through to a <style> element below.
      }
    }
    const style = root.ownerDocument.createElement('style');
    style.textContent = cssText;
    root.append(style);
  };
}

function tryConstructSheet(cssText: string, win: Window): CSSStyleSheet | null {
  try {
    const sheet = new (win as unknown as typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(cssText);
    return sheet;
  } catch {
    return null;
  }
}
