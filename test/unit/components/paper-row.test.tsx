/**
 * A row of the popup and of the library page (PaperRow): a saved paper that still lacks metadata
 * says so, with what it lacks in words; complete or unsaved papers do not.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperRow } from '../../../components/PaperRow';
import { fieldsInWords, listInWords, missingInWords } from '../../../components/paper-text';
import type { PaperRecord } from '../../../lib/paper/model';

const COMPLETE: PaperRecord = {
  id: 'arxiv:1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  publishedAt: '2017-06-12',
  primaryCategory: 'cs.CL',
  abstract: 'The dominant sequence transduction models…',
  sources: { arxiv: 'https://arxiv.org/abs/1706.03762' },
  tags: [],
  savedAt: 1,
  createdAt: 1,
  updatedAt: 1,
};

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) {
    render(null, host);
    host.remove();
  }
});

function rowOf(paper: PaperRecord): HTMLElement {
  const host = document.body.appendChild(document.createElement('div'));
  hosts.push(host);
  const none = () => {};
  render(<PaperRow paper={paper} row={{ active: true, tabIndex: 0 }} showState={false} copied={false} onCopyBibtex={none} onEditTags={none} onDelete={none} />, host);
  return host;
}

const incompleteNote = (host: HTMLElement) => host.querySelector<HTMLElement>('.paper-incomplete');

describe('the incomplete note on a row', () => {
  it('a saved paper without authors, category or abstract says so, and what it lacks', () => {
    const host = rowOf({ ...COMPLETE, authors: [], authorCount: 5, primaryCategory: undefined, abstract: undefined });
    const note = incompleteNote(host);
    expect(note?.textContent).toBe(' · incomplete: missing authors, category and abstract');
    expect(note?.querySelector('.visually-hidden')?.textContent).toBe(': missing authors, category and abstract');
    expect(note?.title).toMatch(/^Missing: authors, category and abstract\. /);
    // Before the id: the meta line is cut at its end in the popup.
    expect(host.querySelector('.paper-meta')?.textContent).toMatch(/incomplete: missing authors, category and abstract · arXiv:1706\.03762$/);
  });

  it('a complete saved paper has none', () => {
    expect(incompleteNote(rowOf(COMPLETE))).toBeNull();
  });

  it('a hidden paper that was never saved has none: only saved papers are looked up', () => {
    expect(incompleteNote(rowOf({ ...COMPLETE, savedAt: undefined, hiddenAt: 2, abstract: undefined }))).toBeNull();
  });

  it('a title a card may have cut short is a missing "full title"', () => {
    const note = incompleteNote(rowOf({ ...COMPLETE, title: 'Attention Is All You…' }));
    expect(note?.title).toMatch(/^Missing: full title\. /);
  });
});

describe('fields in words', () => {
  it('joins one, two and more', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('names record fields as a reader would, never by their property names', () => {
    expect(fieldsInWords(['title', 'publishedAt', 'primaryCategory'])).toBe('title, date and category');
    expect(missingInWords(['title', 'authors'])).toBe('full title and authors');
    expect(missingInWords(['authors', 'publishedAt'])).toBe('authors and date');
  });
});
