import fc from 'fast-check';
import { payloadArb, payloadText, type Payload } from './hostile';
import type { PageEdits } from './page-edits';

/**
 * Random damage to a parsed page, for the adapter property tests (mutation.test.ts). A mutation is
 * plain data (numbers pick the target when it is applied), so fast-check can print and shrink it,
 * and the same seed damages the same page the same way. Every change goes through PageEdits, so
 * the page can be restored for the next run.
 */

/**
 * The element a mutation hits. Three times in four it lies in a card (the card's elements and
 * their descendants, as `findCards` returned them before the damage): that is what adapters read,
 * and a uniform pick over a 2000-element page would mostly hit navigation and footers.
 */
export interface Target {
  inCard: boolean;
  card: number;
  element: number;
}

type Position = 'beforebegin' | 'afterbegin' | 'beforeend' | 'afterend';

type AttributeValue = { remove: true } | { token: string } | { payload: Payload };

/** Damage to the JSON in a `data-props` attribute (Hugging Face pages). */
type PropsChange =
  | { kind: 'truncate'; keep: number }
  | { kind: 'replace'; text: string }
  | { kind: 'hostile'; payload: Payload }
  | { kind: 'field'; item: number; field: PaperField; value: JsonValue };

type PaperField = 'id' | 'title' | 'summary' | 'publishedAt' | 'upvotes' | 'authors' | 'authorName';
type JsonValue = { payload: Payload } | { json: unknown };

export type Mutation =
  | { op: 'remove'; target: Target }
  | { op: 'duplicate'; target: Target }
  | { op: 'reorder'; target: Target; sibling: number }
  | { op: 'move'; target: Target; destination: Target; position: Position }
  | { op: 'attribute'; target: Target; name: string | number; value: AttributeValue }
  | { op: 'text'; target: Target; node: number; whole: boolean; payload: Payload }
  | { op: 'retag'; target: Target; tag: string }
  | { op: 'props'; which: number; change: PropsChange };

// ---------------------------------------------------------------------------------------------
// Arbitraries

const targetArb: fc.Arbitrary<Target> = fc.record({
  inCard: fc.nat(3).map((n) => n > 0),
  card: fc.nat(),
  element: fc.nat(),
});

/** Attributes the adapters look at, and `class`/`id` values they key on. */
const ATTRIBUTE_NAMES = ['href', 'title', 'class', 'id', 'data-target', 'data-props', 'role', 'name', 'content', 'type', 'datetime'];
const ATTRIBUTE_TOKENS = [
  // hrefs: garbage, near misses, other hosts, versions, encodings
  '', '/papers/', '/papers/2609.123', '/papers/%E0%A4%A', '/papers/2609.31620v2?x=1#c', '/papers/hep-th%2F9901001',
  'https://huggingface.co/papers/2609.00001', 'https://evil.example/papers/2609.00001', 'javascript:alert(1)', 'http://[::1',
  '/abs/', '/abs/2609.22268v3', '/abs/garbage', 'https://arxiv.org/abs/hep-th/9901001', '//arxiv.org/abs/2609.22268', 'arXiv:2609.22268',
  '\u0000/abs/2609.00001', '/abs/2609.22268 ', '/login?next=%2Fpapers%2F2609.00001',
  // classes and ids the adapters select on
  'list-title', 'list-authors', 'list-comments', 'list-subjects', 'primary-subject', 'descriptor', 'mathjax', 'meta',
  'arxiv-result', 'title', 'authors', 'abstract', 'abstract-full', 'abstract-short', 'is-size-7', 'tags', 'tag is-link',
  'leading-none', 'MathJax', 'MathJax_Preview', 'abs', 'articles', 'dlpage',
  // other attribute values with a meaning to an adapter
  'Abstract', 'DailyPapers', 'PaperContent', 'checkbox', 'citation_title', 'citation_author', 'citation_arxiv_id',
  'citation_date', 'math/tex', 'math/tex; mode=display', '2024/13/45', '2024/2/30', '2017/06/12', '9999-99-99T00:00', '2026-09-28',
];
/** Text the adapters parse (counts, votes, dates, labels), near and far from what they expect. */
const PAGE_TEXTS = [
  '-', '0', '-3', '1,234', '1,2,3', '1.2k', '99999999999999999999', '· 4 authors', '• 1000000 authors', '0 authors',
  'Feb 20, 2024', 'Feb 30, 2024', 'Feb 29, 2023', 'May 29', 'Published on Dec 31, 9999', 'Submitted 12 June, 2017',
  'v1 submitted 31 February, 2017', 'Authors:', 'Abstract', 'AI-generated summary', 'Title:', 'Comments:',
  'Materials Science (cond-mat.mtrl-sci)', '(not a category!)', '(cs.LG); (cs.LG); (hep-th)', 'arXiv:2609.22268',
];
const textPayloadArb: fc.Arbitrary<Payload> = fc.oneof(
  { weight: 3, arbitrary: payloadArb },
  { weight: 1, arbitrary: fc.constantFrom(...PAGE_TEXTS).map((text) => ({ text })) },
);

/** Tags an element may turn into: the ones the adapters key on, and a few inert or odd ones. */
const TAGS = ['div', 'span', 'p', 'a', 'article', 'section', 'header', 'main', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'li', 'ol', 'blockquote', 'time', 'script', 'template', 'mjx-container'];

const attributeValueArb: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ remove: true as const }) },
  { weight: 2, arbitrary: fc.constantFrom(...ATTRIBUTE_TOKENS).map((token) => ({ token })) },
  { weight: 2, arbitrary: payloadArb.map((payload) => ({ payload })) },
);

/** JSON that parses but has the wrong shape, and text that does not parse. */
const PROPS_REPLACEMENTS = [
  '', '[]', 'null', '"text"', '42', '{', '{"dailyPapers":', '{"dailyPapers":{}}', '{"dailyPapers":"nope"}',
  '{"dailyPapers":[null,1,"x",[],{"paper":null},{"paper":{"id":42}}]}', '{"searchResults":[{"id":"2609.00001v1"}],"dailyPapers":[]}',
  '{"paper":[1,2]}', '{"paper":{"id":"../../etc"}}', '{"__proto__":{"polluted":true},"dailyPapers":[]}',
];
const jsonValueArb: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 2, arbitrary: payloadArb.map((payload) => ({ payload })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<unknown>(null, -1, 1.5, 1e308, 2 ** 53, '', [], {}, true, '2609.99999', 'arXiv:2609.22268v2', '2024-13-45T00:00:00Z', [{ name: 7 }])
      .map((json) => ({ json })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })) },
);
const propsChangeArb: fc.Arbitrary<PropsChange> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat(1000) }),
  fc.record({ kind: fc.constant('replace' as const), text: fc.constantFrom(...PROPS_REPLACEMENTS) }),
  fc.record({ kind: fc.constant('hostile' as const), payload: payloadArb }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('field' as const),
      item: fc.nat(),
      field: fc.constantFrom<PaperField>('id', 'title', 'summary', 'publishedAt', 'upvotes', 'authors', 'authorName'),
      value: jsonValueArb,
    }),
  },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), target: targetArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), target: targetArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reorder' as const), target: targetArb, sibling: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      target: targetArb,
      destination: targetArb,
      position: fc.constantFrom<Position>('beforebegin', 'afterbegin', 'beforeend', 'afterend'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('attribute' as const),
      target: targetArb,
      name: fc.oneof(fc.constantFrom(...ATTRIBUTE_NAMES), fc.nat(20)),
      value: attributeValueArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('text' as const), target: targetArb, node: fc.nat(), whole: fc.boolean(), payload: textPayloadArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retag' as const), target: targetArb, tag: fc.constantFrom(...TAGS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('props' as const), which: fc.nat(), change: propsChangeArb }) },
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

// ---------------------------------------------------------------------------------------------
// Applying

/**
 * Applies `mutations` in order to `doc` through `edits` (so they can be undone); `cardElements` are
 * the cards' elements (and companions) found on the undamaged page. Returns how many changed the
 * page (a pick can find nothing to hit).
 */
export function applyMutations(doc: Document, cardElements: readonly Element[], mutations: readonly Mutation[], edits: PageEdits): number {
  let applied = 0;
  for (const mutation of mutations) if (applyMutation(doc, cardElements, mutation, edits)) applied += 1;
  return applied;
}

function applyMutation(doc: Document, cardElements: readonly Element[], mutation: Mutation, edits: PageEdits): boolean {
  if (mutation.op === 'props') return changeProps(doc, mutation.which, mutation.change, edits);
  const target = resolve(doc, cardElements, mutation.target);
  if (!target) return false;
  switch (mutation.op) {
    case 'remove':
      edits.move(target);
      return true;
    case 'duplicate': {
      const copy = target.cloneNode(true);
      edits.add(copy, () => target.after(copy));
      return true;
    }
    case 'reorder': {
      const siblings = target.parentElement ? Array.from(target.parentElement.children) : [];
      const other = siblings[mutation.sibling % Math.max(siblings.length, 1)];
      if (!other || other === target) return false;
      edits.move(target, () => other.before(target));
      return true;
    }
    case 'move': {
      const destination = resolve(doc, cardElements, mutation.destination);
      // An element cannot go inside itself; beside the root element there is no room in a document.
      if (!destination || target.contains(destination)) return false;
      if (destination.parentNode === doc && (mutation.position === 'beforebegin' || mutation.position === 'afterend')) return false;
      edits.move(target, () => destination.insertAdjacentElement(mutation.position, target));
      return true;
    }
    case 'attribute':
      return changeAttribute(target, mutation.name, mutation.value, edits);
    case 'text':
      return replaceText(target, mutation.node, mutation.whole, payloadText(mutation.payload), edits);
    case 'retag':
      return retag(target, mutation.tag, edits);
  }
}

/** The element a Target picks on the page as it is now (earlier mutations may have moved cards). */
function resolve(doc: Document, cardElements: readonly Element[], target: Target): Element | null {
  const connected = cardElements.filter((element) => element.isConnected);
  let pool: Element[];
  if (target.inCard && connected.length > 0) {
    const card = connected[target.card % connected.length]!;
    pool = [card, ...Array.from(card.querySelectorAll('*'))];
  } else {
    // Everything but the root: the head counts too (arXiv abstract pages read their meta tags).
    pool = Array.from(doc.documentElement?.querySelectorAll('*') ?? []);
  }
  return pool[target.element % Math.max(pool.length, 1)] ?? null;
}

function changeAttribute(element: Element, name: string | number, value: AttributeValue, edits: PageEdits): boolean {
  const attributeName = typeof name === 'number' ? element.attributes[name % Math.max(element.attributes.length, 1)]?.name : name;
  if (!attributeName) return false;
  edits.setAttribute(element, attributeName, 'remove' in value ? null : 'token' in value ? value.token : payloadText(value.payload));
  return true;
}

/**
 * The element becomes another tag with the same attributes and copies of its children (the
 * originals stay with the element taken out, so undoing is a swap back).
 */
function retag(element: Element, tag: string, edits: PageEdits): boolean {
  if (element.localName === tag || !element.parentNode) return false;
  const renamed = element.ownerDocument.createElement(tag);
  for (const attribute of Array.from(element.attributes)) renamed.setAttributeNode(attribute.cloneNode() as Attr);
  renamed.append(...Array.from(element.childNodes, (child) => child.cloneNode(true)));
  edits.replace(element, renamed);
  return true;
}

/** One text node's value (or the whole content) becomes `text`; an element without text gets some. */
function replaceText(element: Element, node: number, whole: boolean, text: string, edits: PageEdits): boolean {
  const nodes = textNodesUnder(element);
  if (whole || nodes.length === 0) edits.setContent(element, text);
  else edits.setText(nodes[node % nodes.length]!, text);
  return true;
}

export function textNodesUnder(element: Element, accept: (node: Text) => boolean = () => true): Text[] {
  const nodes: Text[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 0x4); // NodeFilter.SHOW_TEXT
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (accept(node as Text)) nodes.push(node as Text);
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// data-props

function changeProps(doc: Document, which: number, change: PropsChange, edits: PageEdits): boolean {
  const holders = Array.from(doc.querySelectorAll('[data-props]'));
  const holder = holders[which % Math.max(holders.length, 1)];
  if (!holder) return false;
  const props = holder.getAttribute('data-props') ?? '';
  const changed = changedProps(props, change);
  if (changed === null) return false;
  edits.setAttribute(holder, 'data-props', changed);
  return true;
}

function changedProps(props: string, change: PropsChange): string | null {
  switch (change.kind) {
    case 'truncate':
      return props.slice(0, Math.floor((props.length * change.keep) / 1000));
    case 'replace':
      return change.text;
    case 'hostile':
      return payloadText(change.payload);
    case 'field':
      return withField(props, change);
  }
}

/** The props with one field of one embedded paper set to a hostile or ill-typed value. */
function withField(props: string, change: Extract<PropsChange, { kind: 'field' }>): string | null {
  let data: unknown;
  try {
    data = JSON.parse(props);
  } catch {
    return null; // already broken by an earlier mutation
  }
  const papers = embeddedPaperObjects(data);
  const paper = papers[change.item % Math.max(papers.length, 1)];
  if (!paper) return null;
  const value = 'payload' in change.value ? payloadText(change.value.payload) : change.value.json;
  if (change.field === 'authorName') {
    const authors = Array.isArray(paper.authors) ? paper.authors : [];
    const index = Math.floor(change.item / 7) % Math.max(authors.length, 1);
    if (authors.length === 0) return null;
    authors[index] = { ...(isRecord(authors[index]) ? authors[index] : {}), name: value };
  } else {
    paper[change.field] = value;
  }
  return JSON.stringify(data);
}

/** The paper objects of a list's or a paper page's props, wherever they sit. */
function embeddedPaperObjects(data: unknown): Record<string, unknown>[] {
  if (!isRecord(data)) return [];
  const items: unknown[] = [];
  for (const key of ['searchResults', 'dailyPapers']) {
    const list = data[key];
    if (Array.isArray(list)) items.push(...list);
  }
  items.push(data.paper);
  return items.map((item) => (isRecord(item) && isRecord(item.paper) ? item.paper : item)).filter(isRecord);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
