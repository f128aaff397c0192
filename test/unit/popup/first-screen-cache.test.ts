// @vitest-environment node
/**
 * The popup's cached first screen (lib/popup/first-screen-cache.ts): what is written is read back,
 * and anything a row could not show safely (another shape, a link that is not a web page, broken
 * JSON) is ignored, so that the popup waits for IndexedDB instead.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_KEY, readCachedFirstScreen, writeCachedFirstScreen } from '../../../lib/popup/first-screen-cache';
import type { PaperRecord } from '../../../lib/paper/model';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function paper(n: number): PaperRecord {
  const id = `arxiv:2405.0000${n}`;
  return {
    id,
    title: `Paper ${n}`,
    authors: ['Ada Lovelace'],
    tags: ['to-read'],
    sources: { arxiv: `https://arxiv.org/abs/2405.0000${n}` },
    savedAt: 1_800_000_000_000 + n,
    createdAt: 1_800_000_000_000,
    updatedAt: 1_800_000_000_000 + n,
    publishedAt: '2024-05-01',
    abstract: 'We study $x^2$.',
  } as PaperRecord;
}

describe('the cached first screen', () => {
  it('reads back what was written, in order', () => {
    const storage = new MemoryStorage();
    expect(readCachedFirstScreen(storage)).toBeUndefined();
    writeCachedFirstScreen([paper(2), paper(1)], storage);
    expect(readCachedFirstScreen(storage)).toEqual([paper(2), paper(1)]);
    writeCachedFirstScreen([], storage);
    expect(readCachedFirstScreen(storage)).toEqual([]);
  });

  it.each([
    ['broken JSON', '[{'],
    ['not a list', JSON.stringify({ id: 'x' })],
    ['a paper without a title', JSON.stringify([{ ...paper(1), title: undefined }])],
    ['authors that are not text', JSON.stringify([{ ...paper(1), authors: [1] }])],
    ['a link that is not a web page', JSON.stringify([{ ...paper(1), sources: { arxiv: 'javascript:alert(1)' } }])],
    ['a paper not saved', JSON.stringify([{ ...paper(1), savedAt: undefined }])],
  ])('ignores %s', (_, text) => {
    const storage = new MemoryStorage();
    storage.setItem(FIRST_SCREEN_KEY, text);
    expect(readCachedFirstScreen(storage)).toBeUndefined();
  });

  it('a storage that refuses (full, or none) is no error', () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => writeCachedFirstScreen([paper(1)], refusing)).not.toThrow();
    expect(readCachedFirstScreen(undefined)).toBeUndefined();
  });
});
