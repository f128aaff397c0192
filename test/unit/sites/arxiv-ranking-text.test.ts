/**
 * For you reads every card of a listing with arXiv's `readCardText` without the categories
 * (lib/content/card-words.ts), which takes shortcuts that `readPaper` does not (a plain field's
 * `textContent`, the authors' line read whole): the ranker must see the same features either way,
 * on the real listing and on entries built to trip each shortcut.
 */
// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { featureCounts } from '../../../lib/ranking';
import { arxivAdapter } from '../../../lib/sites/arxiv';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../../shared-pages';

// jsdom on a shared machine: reading the 101-entry page twice takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const URL_ = new URL('https://arxiv.org/list/cond-mat.mtrl-sci/new');

/** Every readable card: the features of its full record and of the ranking read, side by side. */
function featuresBothWays(): Array<{ id: string; full: Map<string, number>; fast: Map<string, number> }> {
  const { cards } = arxivAdapter.findCards(document, URL_);
  return cards.flatMap((card) => {
    const paper = arxivAdapter.readPaper(card, document, URL_);
    if (typeof paper === 'string') return [];
    const text = arxivAdapter.readCardText!(card, document, URL_, { categories: false })!;
    expect(text.categories).toBeUndefined();
    const { abstract, authors } = paper;
    return [{ id: card.id, full: featureCounts({ title: paper.title, ...(abstract ? { abstract } : {}), ...(authors ? { authors } : {}) }), fast: featureCounts(text) }];
  });
}

const entry = (id: string, abstract: string, authors: string) =>
  `<dt><a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>
<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Spin waves in thin films</div>
${authors}
<p class="mathjax">${abstract}</p></div></dd>`;

describe('arxivAdapter.readCardText for the ranker', () => {
  it.runIf(SHARED_PAGES_PRESENT)('gives the ranker the features of the full record on the real /new listing', () => {
    document.documentElement.innerHTML = readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html');
    const read = featuresBothWays();
    expect(read.length).toBeGreaterThan(90);
    for (const { full, fast } of read) expect([...fast].sort()).toEqual([...full].sort());
  });

  it('gives the same features where a shortcut would not: markup, a label, spaced LaTeX accents, odd author lines', () => {
    const authors = '<div class="list-authors"><a href="/a/1">Jos\u00e9\n  N\u00fa\u00f1ez</a>, <a href="/a/2"> </a>, <a href="/a/3">Ada   Lovelace</a></div>';
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">
${entry('2609.00001', '\n  Magnon   transport\n in <b>layered</b> magnets with <span class="MathJax_Preview">glyphs</span><script type="math/tex">\\alpha</script>-RuCl3.\n', authors)}
${entry('2609.00002', '  Abstract:  spin ice and   frustrated magnets', authors)}
${entry('2609.00003', 'Spin chains from Ko\\v\nsice and Fran\\c\tcois, not \\u  olympic G\\"odel', authors)}
${entry('2609.00004', 'Two author lines', '<div class="list-authors"><a>Jane Doe</a></div><div class="list-authors"><a>John Roe</a></div>')}
${entry('2609.00005', 'Plain text, \u00a0non-breaking\u2009spaces and Caf\u00e9 words', authors)}
</dl></div></body>`;
    const read = featuresBothWays();
    expect(read).toHaveLength(5);
    const differing = read.filter(({ full, fast }) => JSON.stringify([...fast].sort()) !== JSON.stringify([...full].sort())).map(({ id }) => id);
    expect(differing).toEqual([]);
  });
});
