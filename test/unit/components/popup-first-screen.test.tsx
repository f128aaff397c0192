/**
 * The popup's first frame in plain DOM (components/popup-first-screen.ts) is PopupApp's own first
 * render, element for element, so that PopupApp takes it over without anything on screen changing:
 * the same rows at the same places, the same words and accessible names, the search box keeping
 * the focus and what was typed in it.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { paintFirstScreen } from '../../../components/popup-first-screen';
import { PopupApp } from '../../../entrypoints/popup/PopupApp';
import type { PaperRecord } from '../../../lib/paper/model';

function paper(index: number, change: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: `arxiv:2601.${String(index).padStart(5, '0')}`,
    title: `A study of attention, part ${index}`,
    authors: index % 3 === 0 ? ['Ada Lovelace'] : ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
    publishedAt: '2026-01-02',
    primaryCategory: 'cs.LG',
    abstract: 'We look at attention.',
    sources: index % 2 ? { arxiv: `https://arxiv.org/abs/2601.${String(index).padStart(5, '0')}` } : { huggingface: `https://huggingface.co/papers/2601.${String(index).padStart(5, '0')}` },
    tags: index % 4 === 1 ? ['reading', 'ml'] : [],
    savedAt: 1_000 - index,
    createdAt: 1,
    updatedAt: 1,
    ...change,
  };
}

const SCREEN: readonly PaperRecord[] = [
  paper(0),
  paper(1, { abstract: undefined, primaryCategory: undefined }),
  paper(2, { authors: [], authorCount: 4 }),
  paper(3, { publishedAt: undefined, title: 'A title with <b>markup</b> & "quotes" <img src=x onerror=alert(1)>' }),
  ...Array.from({ length: 9 }, (_, index) => paper(index + 4)),
];

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) {
    render(null, host);
    host.remove();
  }
});

function host(): HTMLElement {
  const element = document.body.appendChild(document.createElement('div'));
  hosts.push(element);
  return element;
}

/** PopupApp's first render: the library's own reads never answer here. */
function popupApp(element: HTMLElement, cached: readonly PaperRecord[] | undefined, typed?: string): void {
  render(<PopupApp early={new Promise(() => {})} cached={cached} typed={typed} />, element);
}

describe('the popup first screen in plain DOM', () => {
  it.each([
    ['the cached first screen', SCREEN],
    ['a single cached paper', SCREEN.slice(0, 1)],
    ['no cache (a first popup)', undefined],
  ])('is PopupApp first render, element for element: %s', (_, cached) => {
    const plain = host();
    paintFirstScreen(plain, cached);
    const preact = host();
    popupApp(preact, cached);
    expect(plain.innerHTML).toBe(preact.innerHTML);
  });

  it('puts what the records hold in as text, never as markup', () => {
    const plain = host();
    paintFirstScreen(plain, SCREEN);
    const title = plain.querySelector('[data-row="3"] .paper-title')!;
    expect(title.textContent).toBe(SCREEN[3]!.title);
    expect(plain.querySelector('img, b')).toBeNull();
  });

  it('is taken over by PopupApp: the same elements stay where they are', () => {
    const element = host();
    paintFirstScreen(element, SCREEN);
    const before = [...element.querySelectorAll('*')];
    popupApp(element, SCREEN);
    const after = [...element.querySelectorAll('*')];
    expect(after.length).toBe(before.length);
    expect(after.filter((node, index) => node !== before[index])).toEqual([]);
    expect(element.querySelector('.paper-title')?.getAttribute('elementtiming')).toBe('papershelf-first-row');
  });

  it('keeps the focus in the search box and what was typed in it before PopupApp ran, as its query', () => {
    const element = host();
    const search = paintFirstScreen(element, SCREEN);
    search.focus();
    search.value = 'attention';
    popupApp(element, SCREEN, search.value);
    expect(element.querySelector('input[type="search"]')).toBe(search);
    expect(document.activeElement).toBe(search);
    expect(search.value).toBe('attention');
  });
});
