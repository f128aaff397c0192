/**
 * The focus ring of an element, as source to evaluate in a page or an isolated world:
 * `(element) => ({ outline, contrast })`, where contrast is the WCAG ratio of the outline's colour
 * against the first opaque background behind the ring, 0 when there is no ring of at least 2 px
 * (WCAG 2.2, 2.4.7 Focus Visible and 1.4.11 Non-text Contrast ask for 3:1). axe does not check
 * focus. Written as a string so no transform of the test files can leak into the page.
 */
export const FOCUS_RING = `(element) => {
  const style = getComputedStyle(element);
  const rgb = (color) => (color.match(/[\\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (value) => ((value /= 255) <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  // Out of a shadow root to its host: the ring of a card's control is drawn over the card.
  const up = (node) => node.parentElement ?? (node.getRootNode() instanceof ShadowRoot ? node.getRootNode().host : null);
  // Drawn around the element (outline-offset >= 0), the ring has the parent's background behind it.
  let behind = Number.parseFloat(style.outlineOffset) < 0 ? element : up(element);
  let background = [255, 255, 255];
  for (; behind; behind = up(behind)) {
    const color = rgb(getComputedStyle(behind).backgroundColor);
    if (color.length === 3 || (color.length === 4 && color[3] === 1)) {
      background = color.slice(0, 3);
      break;
    }
  }
  const [a, b] = [luminance(rgb(style.outlineColor)), luminance(background)];
  return {
    outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor + ' on rgb(' + background.join(', ') + ')',
    contrast: style.outlineStyle === 'none' || Number.parseFloat(style.outlineWidth) < 2 ? 0 : (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
  };
}`;
