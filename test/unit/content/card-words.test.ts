// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createCardWords } from '../../../lib/content/card-words';
import type { CardRef, CardTextFields, SiteAdapter } from '../../../lib/sites/types';

const URL_ = new URL('https://arxiv.org/list/cs.CV/new');
const card = (id: string): CardRef => ({ id, title: `Paper ${id}`, element: document.createElement('dd') });

function adapterReading() {
  const reads: Array<[string, boolean]> = [];
  const adapter = {
    readCardText: (ref: CardRef, _root: ParentNode, _url: URL, fields: CardTextFields = {}) => {
      const categories = fields.categories !== false;
      reads.push([ref.id, categories]);
      return { title: ref.title, abstract: 'words', ...(categories ? { categories: ['cs.CV'] } : {}) };
    },
    readPaper: vi.fn(() => 'cannot be read'),
  } as unknown as SiteAdapter;
  return { adapter, reads };
}

describe('createCardWords', () => {
  it('reads each card once for For you and rules alike', () => {
    const { adapter, reads } = adapterReading();
    const words = createCardWords(adapter, document, URL_);
    const one = card('2409.00001');
    expect(words.subject(one)).toEqual({ title: 'Paper 2409.00001', abstract: 'words', categories: ['cs.CV'] });
    expect(words.words(one)).toBe(words.subject(one));
    expect(reads).toEqual([['2409.00001', true]]);
  });

  it('reads no categories for For you, and reads the card again when rules need them', () => {
    const { adapter, reads } = adapterReading();
    const words = createCardWords(adapter, document, URL_);
    const one = card('2409.00001');
    expect(words.words(one)?.categories).toBeUndefined();
    words.words(one);
    expect(words.subject(one)?.categories).toEqual(['cs.CV']);
    words.subject(one);
    expect(reads).toEqual([['2409.00001', false], ['2409.00001', true]]);
  });

  it('gives null for a card neither read can read, once', () => {
    const { adapter } = adapterReading();
    adapter.readCardText = () => undefined;
    const words = createCardWords(adapter, document, URL_);
    const one = card('2409.00001');
    expect(words.words(one)).toBeNull();
    expect(words.subject(one)).toBeNull();
    expect(adapter.readPaper).toHaveBeenCalledTimes(1);
  });
});
