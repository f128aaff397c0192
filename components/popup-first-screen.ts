import type { PaperRecord } from '../lib/paper/model';
import { paperIdInWords } from '../lib/paper/paper-id';
import { missingFields } from '../lib/metadata/completeness';
import { t } from '../lib/i18n/t';
import { missingInWords, paperLink, shortAuthors } from './paper-text';
import { countLine } from './count-line';
import { SHOW_LABELS, SHOW_MODES, SORTS } from './control-words';
import { LIST_HEIGHT, LIST_OVERSCAN, ROW_HEIGHT } from '../lib/popup/popup-layout';

/**
 * The popup's first frame in plain DOM: header, controls, count line and the cached first rows,
 * with the markup, classes and accessible names of PopupApp's own first render (a unit test
 * compares the two), so that when PopupApp renders into the same element it takes these nodes
 * over and nothing on screen moves.
 *
 * Why not Preact: this runs from the popup's first module, which must be small enough to arrive
 * and run in the time the browser takes to paint an empty page; Preact, PopupApp and what they
 * import load after this frame is painted (entrypoints/popup/main.ts).
 *
 * Every word and every value from the records goes in as text or an attribute, never as markup.
 */
export function paintFirstScreen(root: HTMLElement, papers: readonly PaperRecord[] | undefined): HTMLInputElement {
  const search = el('input', { class: 'search', type: 'search', 'aria-label': t('searchPapers'), placeholder: t('searchTitleAuthorsAbstractArxivId'), autocomplete: 'off' });
  search.spellcheck = false;
  const rows = papers ?? [];
  root.replaceChildren(
    el(
      'main',
      {},
      el('header', { class: 'header' }, el('h1', {}, t('extName')), el('a', { class: 'button', href: '/library.html', target: '_blank' }, t('library')), el('button', { type: 'button', class: 'button', disabled: '' }, t('exportBibtex'))),
      el('div', { class: 'controls' }, search, controlRow()),
      el('p', { class: 'count', 'aria-live': 'polite' }, countLine({ phase: papers ? 'first' : 'opening', query: { show: 'saved' }, shown: rows.length, done: false, searchable: false, total: undefined, loaded: 0, all: undefined })),
      el('div', { class: 'list-area' }, ...(rows.length > 0 ? [list(rows)] : [])),
      el('div', { class: 'status', role: 'status' }),
    ),
  );
  return search;
}

/** Which papers to show (the saved ones) and the order (newest saved first). */
function controlRow(): HTMLElement {
  const segments = SHOW_MODES.map((show) => {
    const radio = el('input', { type: 'radio', name: 'show', value: show });
    radio.checked = show === 'saved';
    return el('label', { class: show === 'saved' ? 'segment on' : 'segment' }, radio, t(SHOW_LABELS[show]));
  });
  const sort = el('select', { class: 'sort', 'aria-label': t('sort') }, ...SORTS.map(({ sort, direction, label }) => el('option', { value: `${sort} ${direction}` }, t(label))));
  return el('div', { class: 'control-row' }, el('fieldset', { class: 'segmented' }, el('legend', { class: 'visually-hidden' }, t('show')), ...segments), sort);
}

/** VirtualList's grid scrolled to its top: the rows in view and its overscan, each at its offset. */
function list(papers: readonly PaperRecord[]): HTMLElement {
  const shown = papers.slice(0, Math.ceil(LIST_HEIGHT / ROW_HEIGHT) + LIST_OVERSCAN);
  return el(
    'div',
    { class: 'vlist', role: 'grid', 'aria-label': t('papers'), 'aria-rowcount': String(papers.length), style: `height: ${LIST_HEIGHT}px; overflow-y: auto; position: relative;` },
    el('div', { role: 'presentation', style: `height: ${papers.length * ROW_HEIGHT}px; position: relative;` }, ...shown.map(row)),
  );
}

/** One row as components/PaperRow.tsx draws a saved paper in the saved view; the first is active. */
function row(paper: PaperRecord, index: number): HTMLElement {
  const tabindex = index === 0 ? '0' : '-1';
  const { title } = paper;
  const missing = paper.savedAt !== undefined ? missingFields(paper) : [];
  const meta = el('div', { class: 'paper-meta' }, el('span', {}, shortAuthors(paper)));
  if (paper.publishedAt) meta.append(el('span', {}, ` · ${paper.publishedAt}`));
  if (missing.length > 0) {
    meta.append(el('span', { class: 'paper-incomplete', title: t('incompleteTooltip', missingInWords(missing)) }, ` · ${t('incomplete')}`, el('span', { class: 'visually-hidden' }, `: ${t('missingLower', missingInWords(missing))}`)));
  }
  meta.append(el('span', {}, ` · ${paperIdInWords(paper.id)}`));
  const link = el('a', { class: 'paper-title', href: paperLink(paper), target: '_blank', rel: 'noreferrer', title, tabindex, ...(index === 0 && { elementtiming: 'papershelf-first-row' }) }, title);
  const main = el('div', { role: 'gridcell', class: 'paper-main' }, link, meta);
  if (paper.tags.length > 0) main.append(el('ul', { class: 'paper-tags', 'aria-label': t('tags') }, ...paper.tags.map((tag) => el('li', { class: 'chip' }, tag))));
  const button = (label: string, words: string, danger = false) => el('button', { type: 'button', class: danger ? 'link-button danger' : 'link-button', tabindex, 'aria-label': label }, words);
  return el(
    'div',
    { role: 'row', class: index === 0 ? 'vrow active' : 'vrow', 'aria-rowindex': String(index + 1), 'data-row': String(index), tabindex, style: `position: absolute; top: ${index * ROW_HEIGHT}px; left: 0px; right: 0px; height: ${ROW_HEIGHT}px;` },
    main,
    el('div', { role: 'gridcell', class: 'paper-actions' }, button(t('copyBibtexForTitle', title), t('copyBibtex')), button(t('tagsForTitle', title), t('tags')), button(t('deleteTitle', title), t('delete'), true)),
  );
}

/** An element with attributes and children; strings become text nodes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Readonly<Record<string, string>>, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
