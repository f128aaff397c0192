import { HOST_ATTRIBUTE, ID_ATTRIBUTE, PANEL_ATTRIBUTE } from './card-mount';

/** What a batch of page changes means for the cards. */
export interface PageChange {
  /** Something only a scan of the whole page can sort out (a card removed or re-rendered). */
  full: boolean;
  /** Elements the site added outside every mounted card: new cards may be in or around them. */
  added: Element[];
}

/**
 * Sorts a batch of page changes. Our own hosts appearing is not news; our hosts disappearing means
 * the site re-rendered a card. Nodes added inside a card that has its controls (MathJax typesetting
 * a title, a vote count updating) cannot make a new card, so they cost nothing; a link rewritten
 * or brought in wholesale inside a card can change its paper. A card the site removed must let go
 * of its mount at once: otherwise it stays counted as hidden and the keyboard can move onto it.
 */
export function whatChanged(records: readonly MutationRecord[], insideCard: (node: Node) => boolean): PageChange {
  const change: PageChange = { full: false, added: [] };
  for (const record of records) {
    if (record.type === 'attributes') {
      if (insideCard(record.target)) change.full = true;
      continue;
    }
    for (const node of record.removedNodes) if (isHost(node) || holdsCard(node)) change.full = true;
    for (const node of record.addedNodes) {
      if (isHost(node)) continue;
      if (insideCard(record.target)) {
        if (carriesLink(node)) change.full = true;
        continue;
      }
      // Text added beside a card's elements (a `dt`'s id link text) is read from its parent.
      const element = node.nodeType === 1 ? (node as Element) : record.target.nodeType === 1 ? (record.target as Element) : null;
      if (element) change.added.push(element);
    }
    if (change.full) return change;
  }
  return change;
}

/** True when `node` is inside (or is) one of `cards`. */
export function insideAny(node: Node, cards: { has(element: Element): boolean }): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (cards.has(current as Element)) return true;
  }
  return false;
}

/** A removed node that is, or contains, an element Papershelf marked as a paper's card. */
function holdsCard(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).hasAttribute(ID_ATTRIBUTE) || (node as Element).querySelector(`[${ID_ATTRIBUTE}]`) !== null);
}

/** A card's content replaced wholesale brings new links, which may name another paper. */
function carriesLink(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).localName === 'a' || (node as Element).querySelector('a[href]') !== null);
}

/** A card's controls or the page panel: Papershelf's own elements, never news about the page. */
function isHost(node: Node): boolean {
  return node.nodeType === 1 && ((node as Element).hasAttribute(HOST_ATTRIBUTE) || (node as Element).hasAttribute(PANEL_ATTRIBUTE));
}
