import type { Page } from 'playwright-core';
import { withPapershelfWorld } from './page-checks.ts';

/**
 * What a screen reader gets from a listing page: Chromium's accessibility tree through the
 * DevTools protocol. It is built from the flattened tree, closed shadow roots included, so a
 * control the site's scripts cannot reach is still checked by role, name and state.
 */
interface AXValue {
  value?: unknown;
}
interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: Array<{ name: string; value: AXValue }>;
  childIds?: string[];
  backendDOMNodeId?: number;
}

export interface AXControl {
  role: string;
  name: string;
  /** The states a screen reader reads out: `pressed`, `expanded`, `focused`, `live`… */
  states: Record<string, unknown>;
}

export interface AXGroup extends AXControl {
  /** `data-papershelf-id` of the card the group is on; undefined for the page-wide panel. */
  cardId?: string;
  /** Its buttons, in order. */
  buttons: AXControl[];
}

export interface PapershelfAXTree {
  /** Every group and region named "Papershelf": the card bars, the hidden stubs, the panel. */
  groups: AXGroup[];
  dialogs: AXControl[];
  /** Live regions (role status or alert, or aria-live) and the names of the buttons inside them. */
  liveRegions: Array<AXControl & { buttons: string[] }>;
}

const text = (value: AXValue | undefined) => (typeof value?.value === 'string' ? value.value : '');

function control(node: AXNode): AXControl {
  const states: Record<string, unknown> = {};
  for (const property of node.properties ?? []) states[property.name] = property.value.value;
  return { role: text(node.role), name: text(node.name), states };
}

/**
 * Papershelf's part of the page's accessibility tree: the groups named "Papershelf" with their
 * buttons and the card each is on, the dialogs, the live regions. One read of the whole tree
 * (about 2 s on a 100-entry arXiv page): call it once per state, not in a tight poll.
 */
export async function papershelfAXTree(page: Page): Promise<PapershelfAXTree> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree', {})) as { nodes: AXNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const descendants = (node: AXNode): AXNode[] => {
      const out: AXNode[] = [];
      const stack = [...(node.childIds ?? [])].reverse();
      while (stack.length > 0) {
        const child = byId.get(stack.pop()!);
        if (!child) continue;
        if (!child.ignored) out.push(child);
        stack.push(...[...(child.childIds ?? [])].reverse());
      }
      return out;
    };
    const buttonsIn = (node: AXNode) => descendants(node).filter((child) => text(child.role) === 'button').map(control);
    const parentOf = new Map<string, AXNode>();
    for (const node of nodes) for (const child of node.childIds ?? []) parentOf.set(child, node);
    const liveValue = (node: AXNode | undefined) => {
      const value = node && control(node).states.live;
      return value === 'polite' || value === 'assertive' ? value : undefined;
    };
    // A live region's root: every node inside it carries `live` too, its parent does not.
    const live = (node: AXNode) => liveValue(node) !== undefined && liveValue(parentOf.get(node.nodeId)) === undefined;

    const tree: PapershelfAXTree = { groups: [], dialogs: [], liveRegions: [] };
    for (const node of nodes) {
      if (node.ignored) continue;
      const role = text(node.role);
      if ((role === 'group' || role === 'region') && text(node.name) === 'Papershelf') tree.groups.push({ ...control(node), buttons: buttonsIn(node) });
      if (role === 'dialog') tree.dialogs.push(control(node));
      if (live(node)) tree.liveRegions.push({ ...control(node), buttons: buttonsIn(node).map((button) => button.name) });
    }
    // Each card's host shows one group (its bar, or its stub when hidden), in document order, as
    // the tree lists them: one read of the hosts names them all (a lookup per node took seconds).
    const hostCards = await page.evaluate(() => Array.from(document.querySelectorAll('[data-papershelf-host]'), (host) => host.closest('[data-papershelf-id]')?.getAttribute('data-papershelf-id') ?? ''));
    const cardGroups = tree.groups.filter((group) => group.role === 'group');
    if (cardGroups.length !== hostCards.length) throw new Error(`${cardGroups.length} control groups in the accessibility tree for ${hostCards.length} cards`);
    cardGroups.forEach((group, index) => (group.cardId = hostCards[index]));
    return tree;
  } finally {
    await cdp.detach();
  }
}

/**
 * The focused control as the accessibility tree has it, and the card it is on: where a keyboard
 * user is. Found in Papershelf's isolated world, the one place besides the protocol that sees into
 * closed roots (`chrome.dom.openOrClosedShadowRoot`); one node is read, not the whole tree.
 */
export async function focusedControl(page: Page): Promise<(AXControl & { cardId?: string }) | undefined> {
  return withPapershelfWorld(page, async (cdp, contextId) => {
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId,
      expression: `(() => {
        let active = document.activeElement;
        for (let root = active && chrome.dom.openOrClosedShadowRoot(active); root?.activeElement; root = chrome.dom.openOrClosedShadowRoot(active)) active = root.activeElement;
        return active === document.body ? null : active;
      })()`,
    })) as { result: { objectId?: string } };
    if (!result.objectId) return undefined;
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false })) as { nodes: AXNode[] };
    const { result: card } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: result.objectId,
      functionDeclaration: `function () {
        const root = this.getRootNode();
        const host = root instanceof ShadowRoot ? root.host : this;
        return host.closest('[data-papershelf-id]')?.getAttribute('data-papershelf-id') ?? null;
      }`,
      returnByValue: true,
    })) as { result: { value: string | null } };
    const node = nodes[0];
    return node ? { ...control(node), cardId: card.value ?? undefined } : undefined;
  });
}
