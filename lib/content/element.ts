/**
 * Builds an element from a tag, attributes and children. Strings become text nodes, so page text
 * passed in is never parsed as HTML.
 */
export function el(doc: Document, tag: string, attributes: Record<string, string> = {}, children: (Node | string)[] = []): HTMLElement {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
