import { HOST_ATTRIBUTE, ID_ATTRIBUTE, PANEL_ATTRIBUTE } from './card-mount';

/**
 * Whether a batch of page changes can mean new, re-rendered or re-used cards. Our own hosts
 * appearing is not news; our hosts disappearing means the site re-rendered a card. Nodes added
 * inside a card that has its controls (MathJax typesetting a title, a vote count updating) cannot
 * make a new card, so they do not cost a scan; a link rewritten inside a card can change its paper.
 */
export function isRelevant(record: MutationRecord, insideCard: (node: Node) => boolean): boolean {
  if (record.type === 'attributes') return insideCard(record.target);
  // A card the site removed must let go of its mount at once: otherwise it stays counted as hidden
  // and the keyboard can move onto it until some other change causes a scan.
  for (const node of record.removedNodes) if (isHost(node) || holdsCard(node)) return true;
  for (const node of record.addedNodes) {
    if (isHost(node)) continue;
    if (!insideCard(record.target) || carriesLink(node)) return true;
  }
  return false;
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
