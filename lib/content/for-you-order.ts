import type { CardMount } from './card-mount';

/**
 * Reorders a listing's cards in place, keeping the page's sections: cards are moved only among
 * the cards they stand next to (an arXiv heading such as "Cross-lists" stays where it is, with its
 * own entries under it). A paper's elements move together (an arXiv `dt` with its `dd`).
 * Linear in the page's cards plus a sort of each section.
 */
export function reorderCards(mounts: readonly CardMount[], rank: (mount: CardMount) => number): void {
  const unitOf = new Map<Node, CardMount>();
  for (const mount of mounts) for (const node of nodesOf(mount)) unitOf.set(node, mount);
  const parents = new Set<Node>();
  for (const mount of mounts) if (mount.card.element.parentNode) parents.add(mount.card.element.parentNode);

  for (const parent of parents) {
    let run: CardMount[] = [];
    const flush = (before: Node | null) => {
      if (run.length > 1) {
        const sorted = [...run].sort((a, b) => rank(a) - rank(b));
        if (sorted.some((mount, index) => mount !== run[index])) {
          const fragment = parent.ownerDocument!.createDocumentFragment();
          for (const mount of sorted) fragment.append(...nodesOf(mount));
          parent.insertBefore(fragment, before);
        }
      }
      run = [];
    };
    let child = parent.firstChild;
    while (child) {
      const next: ChildNode | null = child.nextSibling;
      const mount = unitOf.get(child);
      if (mount) {
        if (run.at(-1) !== mount) run.push(mount);
      } else if (!isBlank(child)) flush(child);
      child = next;
    }
    flush(null);
  }
}

/** The paper's elements in page order (an arXiv dt before its dd). */
function nodesOf(mount: CardMount): Element[] {
  const nodes = [...(mount.card.companions ?? []), mount.card.element];
  return nodes.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function isBlank(node: Node): boolean {
  return node.nodeType === Node.TEXT_NODE ? !node.textContent?.trim() : node.nodeType === Node.COMMENT_NODE;
}
