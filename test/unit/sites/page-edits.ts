/**
 * Changes to a parsed page that can be undone exactly. The property tests damage one parsed page
 * over and over: copying a 400 KB page in jsdom costs more than reading it (60-130 ms against
 * 20-50 ms), so each run edits the page itself and puts back the very same nodes afterwards.
 */
export class PageEdits {
  private readonly undos: (() => void)[] = [];

  get count(): number {
    return this.undos.length;
  }

  setText(node: CharacterData, value: string): void {
    const old = node.data;
    node.data = value;
    this.undos.push(() => {
      node.data = old;
    });
  }

  /** The element's whole content becomes one text node. */
  setContent(element: Element, text: string): void {
    const old = Array.from(element.childNodes);
    element.textContent = text;
    this.undos.push(() => element.replaceChildren(...old));
  }

  /**
   * Sets (or, with null, removes) an attribute; undoing restores every attribute in its order.
   * Attributes are handled as nodes: a parsed page may hold names `setAttribute` would refuse.
   */
  setAttribute(element: Element, name: string, value: string | null): void {
    const old = Array.from(element.attributes, (attribute) => attribute.cloneNode() as Attr);
    const existing = element.getAttributeNode(name);
    if (value === null) element.removeAttribute(name);
    else if (existing) existing.value = value;
    else element.setAttribute(name, value);
    this.undos.push(() => {
      for (const attribute of Array.from(element.attributes)) element.removeAttributeNode(attribute);
      for (const attribute of old) element.setAttributeNode(attribute);
    });
  }

  /** Moves (or, with no `place`, removes) a node; undoing puts it back between the same neighbours. */
  move(node: Node, place?: () => void): void {
    const parent = node.parentNode;
    const next = node.nextSibling;
    if (place) place();
    else parent?.removeChild(node);
    this.undos.push(() => {
      if (parent) parent.insertBefore(node, next);
      else (node as ChildNode).remove(); // it had no place before `place` gave it one
    });
  }

  /** Adds a new node with `insert`; undoing removes it. */
  add(node: Node, insert: () => void): void {
    insert();
    this.undos.push(() => node.parentNode?.removeChild(node));
  }

  /** Puts `replacement` where `node` is; undoing swaps them back. */
  replace(node: ChildNode, replacement: ChildNode): void {
    node.replaceWith(replacement);
    this.undos.push(() => replacement.replaceWith(node));
  }

  /** Undoes every edit, last first, so each undo sees the page as its edit left it. */
  undo(): void {
    for (let undo = this.undos.pop(); undo; undo = this.undos.pop()) undo();
  }
}
