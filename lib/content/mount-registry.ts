import type { CardMount } from './card-mount';

/**
 * The mounted cards of one listing run, found by card element, by host (focus moves into a host)
 * and by paper id (a state change redraws every card of that paper). Keeps them in document
 * order for the keyboard and For you: cards arrive in page order from a scan, so the order is
 * only re-sorted when a card arrives that the site put before others.
 */
export class MountRegistry {
  private readonly byElement = new Map<Element, CardMount>();
  private readonly byHost = new WeakMap<Element, CardMount>();
  private readonly byId = new Map<string, Set<CardMount>>();
  private ordered: CardMount[] = [];
  private sorted = true;
  private removed = 0;
  /** What `inOrder` last returned, kept until the mounts change: callers may hold on to it. */
  private snapshot: CardMount[] | undefined;

  get size(): number {
    return this.byElement.size;
  }

  of(element: Element): CardMount | undefined {
    return this.byElement.get(element);
  }

  ofHost(host: Element): CardMount | undefined {
    return this.byHost.get(host);
  }

  ofId(id: string): Iterable<CardMount> {
    return this.byId.get(id) ?? [];
  }

  values(): IterableIterator<CardMount> {
    return this.byElement.values();
  }

  add(mount: CardMount): void {
    this.byElement.set(mount.card.element, mount);
    this.byHost.set(mount.host, mount);
    let group = this.byId.get(mount.card.id);
    if (!group) this.byId.set(mount.card.id, (group = new Set()));
    group.add(mount);
    const last = this.ordered.at(-1);
    if (this.sorted && last && documentOrder(last, mount) > 0) this.sorted = false;
    this.ordered.push(mount);
    this.snapshot = undefined;
  }

  /** Takes the mount off the page and out of every index. */
  forget(mount: CardMount): void {
    mount.dispose();
    this.byElement.delete(mount.card.element);
    this.byHost.delete(mount.host);
    const group = this.byId.get(mount.card.id);
    group?.delete(mount);
    if (group?.size === 0) this.byId.delete(mount.card.id);
    this.removed += 1;
    this.snapshot = undefined;
  }

  /** The cards were moved on the page (For you's order): sort again at the next `inOrder`. */
  reordered(): void {
    this.sorted = false;
    this.snapshot = undefined;
  }

  /** Mounts in document order. */
  inOrder(): CardMount[] {
    if (this.snapshot) return this.snapshot;
    if (this.removed > 0) {
      this.ordered = this.ordered.filter((mount) => this.byElement.get(mount.card.element) === mount);
      this.removed = 0;
    }
    if (!this.sorted) {
      this.ordered.sort(documentOrder);
      this.sorted = true;
    }
    this.snapshot = [...this.ordered];
    return this.snapshot;
  }
}

function documentOrder(a: CardMount, b: CardMount): number {
  return a.card.element.compareDocumentPosition(b.card.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
