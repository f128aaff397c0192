/**
 * arXiv's `readCardText` (what rules read of every card of a listing) takes shortcuts that
 * `readPaper` does not (a plain-text field's `textContent`, one lookup of the authors' line): rules
 * must see the same words either way, on the real listing and on entries built to trip each one.
 * For you's read for the ranker (`exact: false`) must give the ranker the same features.
 */
// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { featureCounts } from '../../../lib/ranking/features';
import { arxivAdapter } from '../../../lib/sites/arxiv';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../../shared-pages';

// jsdom on a shared machine: reading the 101-entry page twice takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const URL_ = new URL('https://arxiv.org/list/cond-mat.mtrl-sci/new');

/** Every readable card: the full record's fields and the rules' read, side by side. */
function readBothWays() {
  const { cards } = arxivAdapter.findCards(document, URL_);
  return cards.flatMap((card) => {
    const paper = arxivAdapter.readPaper(card, document, URL_);
    if (typeof paper === 'string') return [];
    const categories = paper.categories ?? (paper.primaryCategory ? [paper.primaryCategory] : undefined);
    const full = { title: paper.title, abstract: paper.abstract, authors: paper.authors, categories };
    const text = arxivAdapter.readCardText!(card, document, URL_)!;
    return [{ full, fast: { title: text.title, abstract: text.abstract, authors: text.authors, categories: text.categories } }];
  });
}

const entry = (id: string, abstract: string, authors: string) =>
  `<dt><a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>
<dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Spin waves in thin films</div>
${authors}
<div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Materials Science (cond-mat.mtrl-sci)</span></div>
<p class="mathjax">${abstract}</p></div></dd>`;

describe('arxivAdapter.readCardText', () => {
  it.runIf(SHARED_PAGES_PRESENT)('gives rules the words of the full record on the real /new listing', () => {
    document.documentElement.innerHTML = readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html');
    const read = readBothWays();
    expect(read.length).toBeGreaterThan(90);
    for (const { full, fast } of read) expect(fast).toEqual(full);
  });

  it('gives the same words where the shortcuts do not apply or whitespace is odd', () => {
    const line = (names: string) => `<div class="list-authors">${names}</div>`;
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${[
      entry('2609.00001', '\n  Spaced   text\twith\u00a0odd   whitespace.\n', line('<a href="/a/1">  Ada \n Lovelace </a>, <a href="/a/2"> </a>, <a href="/a/3">Alan Turing</a>')),
      entry('2609.00002', 'Abstract: a labelled abstract', line('<a href="/a/1">Ada Lovelace</a>') + line('<a href="/a/2">Alan Turing</a>')),
      entry('2609.00003', 'Math $x^2$ with <em>markup</em> inside', '<div class="list-authors"><span><a href="/a/1">Grace</a></span> <a href="/a/2">Hopper</a></div>'),
      entry('2609.00004', '', ''),
    ].join('\n')}</dl></div></body>`;
    const read = readBothWays();
    expect(read).toHaveLength(4);
    for (const { full, fast } of read) expect(fast).toEqual(full);
    expect(read[0]!.fast.abstract).toBe('Spaced text with odd whitespace.');
    expect(read[0]!.fast.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(read[1]!.fast.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('reads an authors\' line whole only where splitting it at ", " gives the links\' names', () => {
    const line = (names: string) => `<div class="list-authors">${names}</div>`;
    const lines = [
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a>, <a href="/a/3">Grace Hopper</a>',
      '<a href="/a/1">John Smith, Jr.</a>, <a href="/a/2">Ada Lovelace</a>',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a> (for the Engine collaboration)',
      'Authors: <a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, <span>editor</span>, <a href="/a/2">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2"><b>Alan</b> Turing</a>',
      '<a href="/a/1">Ada Lovelace</a> and <a href="/a/2">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Richard</a> (Yu)Liu, <a href="/a/3">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>,<a href="/a/2">Alan,Turing</a> ,\n<a href="/a/3">Grace Hopper</a>',
      '\n  <a href="/a/1">Ada\n Lovelace</a>,\n<a href="/a/2">Alan Turing</a>\n',
    ];
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${lines
      .map((names, index) => entry(`2609.${String(index + 1).padStart(5, '0')}`, 'Plain text', line(names)))
      .join('\n')}</dl></div></body>`;
    const read = readBothWays();
    expect(read).toHaveLength(lines.length);
    for (const { full, fast } of read) expect(fast.authors).toEqual(full.authors);
    expect(read[0]!.fast.authors).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    expect(read[1]!.fast.authors).toEqual(['John Smith, Jr.', 'Ada Lovelace']);
    expect(read[2]!.fast.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(read[7]!.fast.authors).toEqual(['Ada Lovelace', 'Richard', 'Alan Turing']);
  });

  it('gives the same words whatever the entry\'s lines look like: order, extra markup, missing or repeated lines', () => {
    const id = (index: number) => `2609.${String(index + 1).padStart(5, '0')}`;
    const title = '<div class="list-title mathjax"><span class="descriptor">Title:</span> Spin waves</div>';
    const authors = '<div class="list-authors"><a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a></div>';
    const subjects = (inner: string) => `<div class="list-subjects"><span class="descriptor">Subjects:</span> ${inner}</div>`;
    const primary = '<span class="primary-subject">Materials Science (cond-mat.mtrl-sci)</span>';
    const metas = [
      // The 2026 order, and the fields in another order.
      `<div class="meta">${title}${authors}${subjects(`${primary}; Superconductivity (cond-mat.supr-con)`)}<p class="mathjax">An abstract.</p></div>`,
      `<div class="meta"><p class="mathjax">Abstract first.</p>${subjects(primary)}${authors}${title}</div>`,
      // Cross-lists in spans of their own, the primary one second, a code in a nested element.
      `<div class="meta">${title}${subjects(`<span>Superconductivity (cond-mat.supr-con)</span>; ${primary}`)}<p class="mathjax">Text.</p></div>`,
      `<div class="meta">${title}${subjects(`${primary}; <span><b>Optics (physics.optics)</b></span>`)}</div>`,
      `<div class="meta">${title}${subjects('<span class="primary-subject">Materials Science (cond-mat.mtrl-sci)<script type="math/tex">(hep-th)</script></span>')}</div>`,
      // A label of another wording, holding a code or a parenthesis itself.
      `<div class="meta">${title}<div class="list-subjects"><span class="descriptor">Subjects (cs.AI):</span> ${primary}</div></div>`,
      `<div class="meta">${title}<div class="list-subjects"><span class="descriptor">(Subjects)</span> cs.LG hep-th</div></div>`,
      // A paragraph or an authors' line inside another line, two authors' lines, a second abstract.
      `<div class="meta">${title}<div class="list-comments"><span class="descriptor">Comments:</span><p class="mathjax">Hidden note.</p></div><p class="mathjax">The abstract.</p></div>`,
      `<div class="meta">${title}<div class="list-journal"><div class="list-authors"><a>Inner Name</a></div></div>${authors}</div>`,
      `<div class="meta">${title}${authors}<div class="list-authors"><a>Second Line</a></div></div>`,
      `<div class="meta">${title}<p class="other mathjax">First.</p><p class="mathjax">Second.</p><p>Plain.</p></div>`,
      // No .meta wrapper, or one that is not the entry's first element.
      `${title}${authors}<p class="mathjax">Loose fields.</p>`,
      `<span>x</span><div class="meta">${title}${authors}<p class="mathjax">After a span.</p></div>`,
      `<div class="meta">${title}</div>`,
    ];
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${metas
      .map((meta, index) => `<dt><a href="/abs/${id(index)}" title="Abstract" id="${id(index)}">arXiv:${id(index)}</a></dt><dd>${meta}</dd>`)
      .join('\n')}</dl></div></body>`;
    const read = readBothWays();
    expect(read).toHaveLength(metas.length);
    for (const { full, fast } of read) expect(fast).toEqual(full);
    expect(read[0]!.fast.categories).toEqual(['cond-mat.mtrl-sci', 'cond-mat.supr-con']);
    expect(read[2]!.fast.categories).toEqual(['cond-mat.mtrl-sci', 'cond-mat.supr-con']);
    expect(read[7]!.fast.abstract).toBe('Hidden note.');
  });

  it('reads a title line after its label as the walk of its nodes does, whatever surrounds the label', () => {
    const lines: Array<[string, string]> = [
      ['<span class="descriptor">Title:</span>\n   Spin   waves\n', 'Spin waves'],
      ['\n  <span class="descriptor">Title:</span> Spin waves', 'Spin waves'],
      ['On <span class="descriptor">Title:</span> waves', 'On waves'],
      ['<span class="descriptor">Title:</span> Spin<!-- a note --> waves', 'Spin waves'],
      ['<!-- a note --><span class="descriptor">Title:</span> Spin waves', 'Spin waves'],
      ['<span class="descriptor">Title:</span> Title: Spin waves', 'Spin waves'],
      ['<span class="descriptor">Titre :</span> Ondes de spin', 'Ondes de spin'],
      ['<span class="descriptor other">Title:</span> Spin waves', 'Spin waves'],
      ['<span class="descriptor"><b>Title:</b></span> Spin waves', 'Spin waves'],
      ['<span class="descriptor">Title:</span> Spin <span class="descriptor">x</span> waves', 'Spin waves'],
      ['Spin waves <span class="descriptor">(label last)</span>', 'Spin waves'],
    ];
    const id = (index: number) => `2609.${String(index + 1).padStart(5, '0')}`;
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${lines
      .map(([line], index) => `<dt><a href="/abs/${id(index)}" title="Abstract" id="${id(index)}">arXiv:${id(index)}</a></dt><dd><div class="meta"><div class="list-title mathjax">${line}</div></div></dd>`)
      .join('\n')}</dl></div></body>`;
    const read = readBothWays();
    expect(read.map(({ full }) => full.title)).toEqual(lines.map(([, title]) => title));
    expect(read.map(({ fast }) => fast.title)).toEqual(lines.map(([, title]) => title));
  });
});

/** For you's read (`exact: false`) beside the exact one, as the ranker's features of each card. */
function rankingFeaturesBothWays() {
  const { cards } = arxivAdapter.findCards(document, URL_);
  return cards.map((card) => {
    const exact = arxivAdapter.readCardText!(card, document, URL_, { categories: false })!;
    const forRanking = arxivAdapter.readCardText!(card, document, URL_, { categories: false, exact: false })!;
    return { exact: featureCounts(exact), forRanking: featureCounts(forRanking), authors: forRanking.authors };
  });
}

describe('arxivAdapter.readCardText for the ranker (exact: false)', () => {
  it.runIf(SHARED_PAGES_PRESENT)('gives the ranker the same features as the exact read on the real /new listing', () => {
    document.documentElement.innerHTML = readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html');
    const read = rankingFeaturesBothWays();
    expect(read.length).toBeGreaterThan(90);
    for (const { exact, forRanking } of read) expect(forRanking).toEqual(exact);
    // Authors are features of their own ("@name"): they are there, not folded into the words.
    expect([...read[0]!.forRanking.keys()].filter((term) => term.startsWith('@')).length).toBeGreaterThan(0);
  });

  it('gives the same features for links and commas however spaced, a label, notes, affiliations and odd separators; keeps words after a name with it', () => {
    const line = (names: string) => `<div class="list-authors">${names}</div>`;
    const lines = [
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a>, <a href="/a/3">Grace Hopper</a>',
      '\n  <a href="/a/1">Ada\n Lovelace</a>,\n<a href="/a/2">Alan Turing</a>\n',
      'Authors: <a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2"><b>Alan</b> Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Richard</a> (Yu)Liu, <a href="/a/3">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a> (1), <a href="/a/2">Alan Turing</a> (2) ((1) Cambridge, UK, (2) Manchester, UK)',
      '<a href="/a/1">John Smith, Jr.</a>, <a href="/a/2">Ada Lovelace</a>',
      '<a href="/a/1">Ada Lovelace</a> and <a href="/a/2">Alan Turing</a>',
      '<a href="/a/1">Ada Lovelace</a>, Alan Turing',
      '<a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a> from the Engine collaboration',
    ];
    document.documentElement.innerHTML = `<body><div id="dlpage"><dl id="articles">${lines
      .map((names, index) => entry(`2609.${String(index + 1).padStart(5, '0')}`, '\n   Spaced   text\twith\u00a0odd   whitespace.\n', line(names)))
      .join('\n')}</dl></div></body>`;
    const read = rankingFeaturesBothWays();
    expect(read).toHaveLength(lines.length);
    // A parenthesis (a note, affiliations), or as many commas as links but not one name a link:
    // read link by link, as exactly as rules read them.
    for (const { exact, forRanking } of read.slice(0, 9)) expect(forRanking).toEqual(exact);
    // Not exact where a line of as many names as links holds more than them: the words stay with a name.
    expect(read[9]!.authors!.map((name) => name.trim())).toEqual(['Ada Lovelace', 'Alan Turing from the Engine collaboration']);
    expect(read[9]!.forRanking).not.toEqual(read[9]!.exact);
  });
});
