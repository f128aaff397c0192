// @vitest-environment node
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import catalogue from '../../../public/_locales/en/messages.json';
import { catalogueSource } from '../../../lib/i18n/fill';
import { SHIPPED_LANGUAGES, listingWords } from '../../../lib/content/words-source';

describe('listingWords', () => {
  it('knows every language the extension ships (the bundled words are only right while it is one)', () => {
    const folders = readdirSync(resolve(import.meta.dirname, '..', '..', '..', 'public', '_locales'));
    expect([...SHIPPED_LANGUAGES].sort()).toEqual(folders.sort());
  });

  it('answers from the bundled English catalogue while English is all the extension ships', () => {
    const browserWords = () => 'from the browser';
    const words = listingWords(browserWords, ['en']);
    expect(words('save', [])).toBe(catalogue.save.message);
    expect(words('hiddenByRule', ['“diffusion”'])).toBe(catalogueSource(catalogue)('hiddenByRule', ['“diffusion”']));
  });

  it('asks the browser once another language ships', () => {
    const browserWords = () => 'from the browser';
    expect(listingWords(browserWords, ['en', 'de'])('save', [])).toBe('from the browser');
  });
});
