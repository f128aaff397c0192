/**
 * Papershelf's controls on a listing page live in CLOSED shadow roots: a site's scripts (the page's
 * main world) get `null` for `host.shadowRoot`, so they cannot read whether a paper is saved, its
 * tags, or drive the buttons. The content script keeps its own references here; screen readers and
 * the user still see everything (closed roots are in the accessibility tree and on screen).
 */
const roots = new WeakMap<Element, ShadowRoot>();

/** Attaches a closed shadow root to `host`, reachable afterwards only through `privateRootOf`. */
export function attachPrivateRoot(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  return root;
}

/** The closed root Papershelf attached to `host`, if it is one of ours. */
export function privateRootOf(host: EventTarget | null | undefined): ShadowRoot | undefined {
  return host ? roots.get(host as Element) : undefined;
}

/**
 * The element a key press really goes to. Seen from outside a closed root, an event inside it is
 * retargeted to the host; the focused element inside is the real target of a key.
 */
export function keyTarget(event: Event): EventTarget | null {
  let target = event.composedPath()[0] ?? event.target;
  for (let root = privateRootOf(target); root?.activeElement; root = privateRootOf(target)) target = root.activeElement;
  return target;
}

/** The focused element, looking into Papershelf's closed roots and the site's open ones. */
export function focusedElement(doc: Document): Element | null {
  let active = doc.activeElement;
  for (let inner = innerActive(active); inner; inner = innerActive(active)) active = inner;
  return active;
}

function innerActive(element: Element | null): Element | null {
  if (!element) return null;
  return (privateRootOf(element) ?? element.shadowRoot)?.activeElement ?? null;
}
