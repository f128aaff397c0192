import { JSDOM } from 'jsdom';
import { readFixture } from './harness.ts';

/**
 * Listing pages with papers of a test's choosing, built from the project's own fixtures (their
 * first card repeated), so the markup is the one the adapters are known to read. Text goes in
 * through the DOM (`textContent`, `setAttribute`) and comes out serialized, so markup in a title
 * reaches the browser entity-escaped: the page itself shows it as text, as a real site would.
 */
export interface ListedPaper {
  id: string;
  title: string;
  authors: readonly string[];
  abstract: string;
}

/** A Hugging Face daily list (`/papers/date/…`) of `papers`, from `huggingface/daily-mini.html`. */
export function huggingFaceDaily(papers: readonly ListedPaper[]): string {
  const dom = new JSDOM(readFixture('huggingface/daily-mini.html'));
  const doc = dom.window.document;
  const template = doc.querySelector('article')!;
  const templateId = idOfLink(template.querySelector('h3 a')!.getAttribute('href')!);
  const grid = template.parentElement!;
  for (const article of [...grid.querySelectorAll('article')]) article.remove();
  for (const paper of papers) {
    const card = template.cloneNode(true) as Element;
    renameIds(card, templateId, paper.id);
    card.querySelector('h3 a')!.textContent = paper.title;
    grid.append(card);
  }
  // Authors and abstracts live only in the list's embedded JSON, as on the real page.
  const props = doc.querySelector('[data-target="DailyPapers"][data-props]')!;
  const data = JSON.parse(props.getAttribute('data-props')!) as Record<string, unknown>;
  data.dailyPapers = papers.map((paper) => {
    const embedded = {
      id: paper.id,
      authors: paper.authors.map((name, index) => ({ _id: `a${index}`, name, hidden: false })),
      publishedAt: '2026-09-25T00:00:00.000Z',
      title: paper.title,
      summary: paper.abstract,
      upvotes: 1,
    };
    return { paper: embedded, publishedAt: embedded.publishedAt, title: paper.title, summary: paper.abstract, numComments: 0 };
  });
  props.setAttribute('data-props', JSON.stringify(data));
  return dom.serialize();
}

/** An arXiv `/list/<cat>/new` page of `papers` in one list, from `arxiv/list-new-mini.html`. */
export function arxivNew(papers: readonly ListedPaper[]): string {
  const dom = new JSDOM(readFixture('arxiv/list-new-mini.html'));
  const doc = dom.window.document;
  const [list, ...others] = [...doc.querySelectorAll('#dlpage dl')];
  for (const other of others) other.remove();
  const dt = list!.querySelector('dt')!;
  const dd = dt.nextElementSibling!;
  const templateId = dt.querySelector('a[title="Abstract"]')!.getAttribute('id')!;
  for (const entry of [...list!.querySelectorAll('dt, dd')]) entry.remove();
  list!.querySelector('h3')!.textContent = `New submissions (showing ${papers.length} of ${papers.length} entries)`;
  papers.forEach((paper, index) => {
    const term = dt.cloneNode(true) as Element;
    renameIds(term, templateId, paper.id);
    const number = term.querySelector('a[name]')!;
    number.setAttribute('name', `item${index + 1}`);
    number.textContent = `[${index + 1}]`;
    term.querySelector('a[title="Abstract"]')!.textContent = `arXiv:${paper.id}`;

    const details = dd.cloneNode(true) as Element;
    const title = details.querySelector('.list-title')!;
    title.replaceChildren(title.querySelector('.descriptor')!, doc.createTextNode(` ${paper.title}`));
    const authors = details.querySelector('.list-authors')!;
    authors.replaceChildren();
    paper.authors.forEach((name, position) => {
      if (position > 0) authors.append(', ');
      const link = doc.createElement('a');
      link.setAttribute('href', `https://arxiv.org/search/cond-mat?searchtype=author&query=${encodeURIComponent(name)}`);
      link.textContent = name;
      authors.append(link);
    });
    details.querySelector('p.mathjax')!.textContent = paper.abstract;
    list!.append(term, details);
  });
  doc.querySelector('.paging')!.textContent = `Total of ${papers.length} entries`;
  return dom.serialize();
}

/** Every attribute of `root` and its descendants that names `from` names `to` instead. */
function renameIds(root: Element, from: string, to: string): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      if (attribute.value.includes(from)) element.setAttribute(attribute.name, attribute.value.replaceAll(from, to));
    }
  }
}

function idOfLink(href: string): string {
  return href.replace(/^\/papers\//, '');
}

/** `count` plain papers with ids `2609.<start>`, `2609.<start+1>`…: filler for tests about state, not text. */
export function plainPapers(count: number, start = 40_001): ListedPaper[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `2609.${String(start + index).padStart(5, '0')}`;
    return { id, title: `Plain paper ${id}`, authors: ['Ada Lovelace', 'Alan Turing'], abstract: `The abstract of ${id}.` };
  });
}
