import { describe, expect, it } from 'vitest';
import { keepStorage } from '../../../lib/background/persistent-storage';

describe('keepStorage', () => {
  it('asks once when storage is not persisted yet, and not when it is', async () => {
    let asked = 0;
    expect(await keepStorage({ persisted: async () => false, persist: async () => (asked++, true) })).toBe(true);
    expect(await keepStorage({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(1);
  });

  it('does nothing where persist() does not exist (a Chromium service worker) or throws', async () => {
    expect(await keepStorage(undefined)).toBe(false);
    expect(await keepStorage({ persisted: async () => false })).toBe(false);
    expect(await keepStorage({ persisted: async () => false, persist: async () => Promise.reject(new Error('no')) })).toBe(false);
  });
});
